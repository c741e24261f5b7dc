using System.Text.Json;
using Robotmk.Runner.Results;
using Robotmk.Tests.Runner;
using Robotmk.Tests.Support;

namespace Robotmk.Tests.Results;

/// <summary>
/// Output plugins with real RF and real processes: the shipped JSON-lines plugin gets every document; plugins that
/// exit 1, hang past their timeout (their tree is killed) or are missing change no result, no other plugin and not
/// the next suite's start beyond their timeout; all three are errors of the runner section.
/// </summary>
[NonParallelizable]
[Platform("Linux")]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public class OutputPluginTests
{
    private const int HangTimeout = 2;
    private static readonly TimeSpan KillGrace = TimeSpan.FromSeconds(1);

    private RunnerHarness _h = null!;
    private string _plugins = null!;

    [SetUp]
    public void SetUp()
    {
        _h = new RunnerHarness();
        _h.Limits = _h.Limits with { Export = new ResultsExportLimits { KillGrace = KillGrace } };
        _h.Suite("a.robot", "*** Test Cases ***\nA\n    Log    fine\n");
        _h.Suite("b.robot", "*** Test Cases ***\nB\n    Fail    broken\n");
        _plugins = Path.Join(_h.Root, "plugins");
        Directory.CreateDirectory(_plugins);
    }

    [TearDown]
    public void TearDown() => _h.Dispose();

    private string Script(string name, string body, UnixFileMode? mode = null)
    {
        var file = Path.Join(_plugins, name);
        File.WriteAllText(file, "#!/bin/sh\n" + body + "\n");
        File.SetUnixFileMode(file, mode ?? (UnixFileMode)Convert.ToInt32("755", 8));
        return file;
    }

    private string Document(string suite) =>
        File.ReadAllText(Directory.GetFiles(Path.Join(_h.OutputDir, "results", suite), "*.json").Single());

    private List<string> LogLines() =>
        [.. Directory.GetFiles(_h.OutputDir, "robotmk-runner_*.log").SelectMany(File.ReadAllLines)];

    [Test]
    public void Failing_hanging_and_missing_plugins_change_no_result_and_the_others_still_run()
    {
        var jsonl = Path.Join(_h.Root, "results.jsonl");
        var shipped = Path.Join(TestPaths.Examples, "plugins", "robotmk-jsonl-append");
        var pids = Path.Join(_h.Root, "hang-pids");
        var fails = Script("fails.sh", "cat > /dev/null; echo plugin-stdout-marker; echo plugin-stderr-marker >&2; exit 1");
        // Ignores the graceful stop, and so does its child: only the kill of the whole tree ends them.
        var hangs = Script("hangs.sh", $"trap '' TERM; sleep 300 & echo $! >> {pids}; wait");
        var onlyB = Script("only-b.sh", $"cat > {Path.Join(_h.Root, "only-b.json")}");
        _h.Config($$"""
            a: {path: a.robot}
            b:
              path: b.robot
              output_plugins:
                - command: [{{onlyB}}]
            """, $"""
            output_plugins:
              - command: [{fails}]
              - command: [{Path.Join(_plugins, "missing-plugin")}]
              - command: [{hangs}]
                timeout: {HangTimeout}
              - command: [python3, {shipped}, {jsonl}]
            """);

        var started = DateTime.UtcNow;
        var (_, output, _) = _h.Run();
        var took = DateTime.UtcNow - started;

        // Results as RF gave them.
        Assert.That(_h.SuiteState("a").Result!.Outcome, Is.EqualTo("passed"));
        Assert.That(_h.SuiteState("b").Result!.Outcome, Is.EqualTo("failed"));
        // The shipped plugin, after the three bad ones, got every document byte for byte, in run order.
        Assert.That(File.ReadAllLines(jsonl), Is.EqualTo(new[] { Document("a"), Document("b") }));
        Assert.That(File.ReadAllText(Path.Join(_h.Root, "only-b.json")), Is.EqualTo(Document("b")), "a suite's own plugin gets only its documents");
        // Each bad plugin is an error of the runner section, for each suite.
        var errors = ((Newtonsoft.Json.Linq.JArray)RunnerHarness.SectionJson(output)["errors"]!).Select(e => (string)e!).ToList();
        Assert.That(errors, Has.Count.EqualTo(6), string.Join("\n", errors));
        Assert.That(errors.Count(e => e.Contains("exited with rc 1")), Is.EqualTo(2));
        Assert.That(errors.Count(e => e.Contains("not found")), Is.EqualTo(2));
        Assert.That(errors.Count(e => e.Contains($"timed out after {HangTimeout} s; its process tree was killed")), Is.EqualTo(2));
        // The hanging plugins' children are gone.
        foreach (var pid in File.ReadAllLines(pids).Select(int.Parse))
            Assert.That(HostProcessGone(pid), $"child {pid} of the hanging plugin");
        // Its output is in the runner log.
        Assert.That(LogLines(), Has.Some.Contains("plugin-stdout-marker").And.Some.Contains("plugin-stderr-marker"));
        // The hanging plugins cost at most their timeout and the kill grace each: far from their 300 s sleep.
        var a = JsonDocument.Parse(Document("a")).RootElement;
        var b = JsonDocument.Parse(Document("b")).RootElement;
        var gap = DateTimeOffset.Parse(b.GetProperty("start_time").GetString()!) - DateTimeOffset.Parse(a.GetProperty("end_time").GetString()!);
        Assert.That(gap, Is.LessThan(TimeSpan.FromSeconds(HangTimeout) + KillGrace + TimeSpan.FromSeconds(20)));
        Assert.That(took, Is.LessThan(TimeSpan.FromSeconds(120)));
    }

    [Test]
    public void A_plugin_in_a_folder_every_user_can_write_is_not_started()
    {
        var exposed = Path.Join(_h.Root, "exposed");
        Directory.CreateDirectory(exposed);
        File.SetUnixFileMode(exposed, (UnixFileMode)Convert.ToInt32("777", 8));
        var ran = Path.Join(_h.Root, "ran");
        var plugin = Path.Join(exposed, "plugin.sh");
        File.WriteAllText(plugin, $"#!/bin/sh\ntouch {ran}\n");
        File.SetUnixFileMode(plugin, (UnixFileMode)Convert.ToInt32("755", 8));
        _h.Config("a: {path: a.robot}", $"output_plugins:\n  - command: [{plugin}]\n");

        var (_, output, _) = _h.Run();

        Assert.That(File.Exists(ran), Is.False);
        var errors = ((Newtonsoft.Json.Linq.JArray)RunnerHarness.SectionJson(output)["errors"]!).Select(e => (string)e!).ToList();
        Assert.That(errors, Has.One.Contains($"'{exposed}' is writable by every user"));
        Assert.That(_h.SuiteState("a").Result!.Outcome, Is.EqualTo("passed"));
    }

    [Test]
    public void The_shipped_plugin_refuses_what_is_not_a_result_document()
    {
        var jsonl = Path.Join(_h.Root, "out.jsonl");
        var bad = Script("bad-input.sh", $"echo '{{\"schema\": \"other\"}}' | python3 {Path.Join(TestPaths.Examples, "plugins", "robotmk-jsonl-append")} {jsonl}");
        _h.Config("a: {path: a.robot}", $"output_plugins:\n  - command: [{bad}]\n");

        var (_, output, _) = _h.Run();

        Assert.That(File.Exists(jsonl), Is.False);
        var errors = ((Newtonsoft.Json.Linq.JArray)RunnerHarness.SectionJson(output)["errors"]!).Select(e => (string)e!).ToList();
        Assert.That(errors, Has.One.Contains("exited with rc 1"));
        Assert.That(LogLines(), Has.Some.Contains("is not a robotmk-result/1 document"));
    }

    /// <summary>Gone, or a zombie no longer running.</summary>
    private static bool HostProcessGone(int pid)
    {
        var stat = $"/proc/{pid}/stat";
        if (!File.Exists(stat))
            return true;
        try
        {
            var text = File.ReadAllText(stat);
            return text[(text.LastIndexOf(')') + 2)..].StartsWith('Z');
        }
        catch (IOException)
        {
            return true;
        }
    }
}
