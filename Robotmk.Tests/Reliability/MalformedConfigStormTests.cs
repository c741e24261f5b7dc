using Robotmk.Paths;
using Robotmk.Runner.Cli;
using Robotmk.Runner.Coordination;
using Robotmk.Runner.Processes;
using Robotmk.Tests.Support;
using Robotmk.Time;

namespace Robotmk.Tests.Reliability;

/// <summary>
/// Over 500 generated malformed robotmk.yml files through <c>robotmk-runner validate</c>: each one exits 2 with the
/// specific message at the right line, never with an exception, and alias bombs cost bounded memory.
/// </summary>
[Category("Reliability")]
public class MalformedConfigStormTests
{
    /// <summary>Parsing a bomb may allocate this much at most (the file itself is a few KiB).</summary>
    private const long BombAllocationLimit = 64L * 1024 * 1024;

    private sealed class NoProcesses : IProcessRunner
    {
        public ProcessOutcome Run(ProcessSpec spec, CancellationToken cancel = default) =>
            throw new InvalidOperationException("validate must not start " + spec.FileName);
    }

    [Test]
    public void Every_generated_malformed_config_is_rejected_by_validate_with_its_specific_message()
    {
        using var tmp = new TempDir();
        var robot = tmp.Sub("robot");
        foreach (var s in new[] { "a", "b" })
            Directory.CreateDirectory(Path.Join(robot, s));
        var generator = new MalformedConfigGenerator(robot, Path.Join(tmp.Path, "out"));
        var file = Path.Join(tmp.Path, "robotmk.yml");

        File.WriteAllText(file, generator.ValidText);
        var valid = Validate(file);
        Assert.That(valid.Rc, Is.Zero, "the generator's starting point is valid: " + valid.Err);

        var cases = generator.All().ToList();
        var distinct = cases.Select(c => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(c.Bytes))).Distinct().Count();
        var failures = new List<string>();
        long bombPeak = 0;
        foreach (var c in cases)
        {
            File.WriteAllBytes(file, c.Bytes);
            var before = GC.GetAllocatedBytesForCurrentThread();
            (int Rc, string Out, string Err) r;
            try
            {
                r = Validate(file);
            }
            catch (Exception ex)
            {
                failures.Add($"{c.Category}: {c.Name}: {ex.GetType().Name}: {ex.Message}");
                continue;
            }
            var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            if (c.Category == "alias bomb")
            {
                bombPeak = Math.Max(bombPeak, allocated);
                if (allocated > BombAllocationLimit)
                    failures.Add($"{c.Category}: {c.Name}: allocated {allocated / (1024 * 1024)} MiB");
            }
            var errorLines = r.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            var located = c.Line > 0 ? $"{file}:{c.Line}:" : file + ":";
            if (r.Rc != 2 || !errorLines.Any(l => l.StartsWith("INVALID: ", StringComparison.Ordinal)))
                failures.Add($"{c.Category}: {c.Name}: exit {r.Rc}, stderr: {Cut(r.Err)} stdout: {Cut(r.Out)}");
            else if (!errorLines.Any(l => l.StartsWith(located, StringComparison.Ordinal) && l.Contains(c.Fragment, StringComparison.Ordinal)))
                failures.Add($"{c.Category}: {c.Name}: no error at {located} with '{c.Fragment}'; got: {Cut(r.Err)}");
            if (r.Err.Contains("internal error", StringComparison.Ordinal) || r.Err.Contains("   at ", StringComparison.Ordinal))
                failures.Add($"{c.Category}: {c.Name}: stack trace: {Cut(r.Err)}");
        }

        Chaos.Report(new ScenarioFigures
        {
            Scenario = "bad input: malformed robotmk.yml through validate",
            Count = distinct,
            Unit = "distinct files",
            Failures = failures,
            Figures = cases.GroupBy(c => c.Category).ToDictionary(g => "files_" + g.Key.Replace(' ', '_'), g => (object)g.Count())
                .Append(new KeyValuePair<string, object>("alias_bomb_peak_allocation_mib", Math.Round(bombPeak / 1048576.0, 1)))
                .ToDictionary(),
        });
        Assert.That(failures, Is.Empty);
        Assert.That(distinct, Is.GreaterThanOrEqualTo(500));
    }

    private static (int Rc, string Out, string Err) Validate(string file)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var env = new AgentEnvironment(new Dictionary<string, string> { ["PATH"] = "/usr/bin:/bin" }, HostOs.Linux);
        var ctx = new RunnerContext(env, SystemClock.Instance, new NoProcesses(), new RunnerLimits(), stdout, stderr);
        var rc = Robotmk.Runner.Program.Run(["validate", "--config", file], ctx);
        return (rc, stdout.ToString(), stderr.ToString());
    }

    private static string Cut(string s) => s.Length <= 400 ? s.Replace('\n', '|') : s[..400].Replace('\n', '|') + "…";
}
