using System.Security.Cryptography;
using System.Text;
using Robotmk.Runner.Results;
using Robotmk.Tests.Runner;

namespace Robotmk.Tests.Results;

/// <summary>Callbacks with real RF and a local HTTP receiver on 127.0.0.1.</summary>
[NonParallelizable]
[Platform("Linux")]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public class CallbackTests
{
    private const string Secret = "s3cret-key-9f1c7e";
    private RunnerHarness _h = null!;

    [SetUp]
    public void SetUp()
    {
        _h = new RunnerHarness();
        _h.Limits = _h.Limits with { Export = new ResultsExportLimits { CallbackFirstPause = TimeSpan.FromMilliseconds(20) } };
        _h.Suite("a.robot", "*** Test Cases ***\nA\n    Log    fine\n");
        _h.Suite("b.robot", "*** Test Cases ***\nB\n    Fail    broken\n");
    }

    [TearDown]
    public void TearDown() => _h.Dispose();

    private string SecretFile(string mode = "600")
    {
        var file = Path.Join(_h.Root, "hook.key");
        File.WriteAllText(file, Secret + "\n");
        File.SetUnixFileMode(file, (UnixFileMode)Convert.ToInt32(mode, 8));
        return file;
    }

    private byte[] Document(string suite) =>
        File.ReadAllBytes(Directory.GetFiles(Path.Join(_h.OutputDir, "results", suite), "*.json").Single());

    private string Log() =>
        string.Join("\n", Directory.GetFiles(_h.OutputDir, "robotmk-runner_*.log").Select(File.ReadAllText));

    private static List<string> Errors(string output) =>
        [.. ((Newtonsoft.Json.Linq.JArray)RunnerHarness.SectionJson(output)["errors"]!).Select(e => (string)e!)];

    [Test]
    public void Each_document_is_posted_as_is_with_a_signature_that_verifies_and_the_secret_is_in_no_log()
    {
        using var receiver = new LocalHttpReceiver();
        _h.Config("a: {path: a.robot}\nb: {path: b.robot}", $"callbacks:\n  - url: {receiver.Url}\n    secret_file: {SecretFile()}\n    timeout: 5\n    retries: 1\n");

        var (_, output, err) = _h.Run();

        var requests = receiver.Requests.ToList();
        Assert.That(requests.Select(r => (r.Method, r.Path)), Is.EqualTo(new[] { ("POST", "/hook"), ("POST", "/hook") }));
        Assert.That(requests.Select(r => r.Body), Is.EquivalentTo(new[] { Document("a"), Document("b") }));
        foreach (var r in requests)
        {
            Assert.That(r.Headers["Content-Type"], Does.StartWith("application/json"));
            var expected = Convert.ToHexString(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), r.Body)).ToLowerInvariant();
            Assert.That(r.Headers[Callbacks.SignatureHeader], Is.EqualTo(expected));
        }
        Assert.That(Errors(output), Is.Empty);
        Assert.That(Log(), Does.Contain("delivered"));
        foreach (var text in new[] { Log(), output, err, string.Join("", Directory.GetFiles(_h.StateDir).Select(File.ReadAllText)) })
            Assert.That(text, Does.Not.Contain(Secret));
    }

    [Test]
    public void A_failing_receiver_is_retried_retries_times_then_given_up()
    {
        using var receiver = new LocalHttpReceiver(status: 503);
        _h.Config("a: {path: a.robot}", $"callbacks:\n  - url: {receiver.Url}\n    timeout: 5\n    retries: 2\n");

        var (_, output, _) = _h.Run();

        Assert.That(receiver.Requests, Has.Count.EqualTo(3), "the first try and 2 retries");
        Assert.That(Errors(output), Has.One.Contains("given up after 3 tries: HTTP 503"));
        Assert.That(_h.SuiteState("a").Result!.Outcome, Is.EqualTo("passed"));
    }

    [Test]
    public void An_unreachable_url_is_given_up_with_a_log_line_and_changes_no_result()
    {
        var url = LocalHttpReceiver.UnreachableUrl();
        _h.Config("a: {path: a.robot}", $"callbacks:\n  - url: {url}\n    timeout: 5\n    retries: 2\n");

        var (_, output, _) = _h.Run();

        var log = Log();
        Assert.That(log, Does.Contain("try 1 of 3 failed").And.Contain("try 2 of 3 failed"));
        Assert.That(log, Does.Contain($"callback {url} (run ").And.Contain("given up after 3 tries"));
        Assert.That(Errors(output), Has.One.Contains("given up after 3 tries"));
        Assert.That(_h.SuiteState("a").Result!.Outcome, Is.EqualTo("passed"));
    }

    [Test]
    public void A_receiver_that_hangs_delays_neither_the_next_suite_nor_the_run_beyond_its_budget()
    {
        const int budget = 12;
        using var receiver = new LocalHttpReceiver(answer: false);
        _h.Config("a: {path: a.robot}\nb: {path: b.robot}", $"run_timeout: {budget}\ncallbacks:\n  - url: {receiver.Url}\n    timeout: 300\n    retries: 0\n");

        var started = DateTimeOffset.UtcNow;
        var (_, output, _) = _h.Run();
        var took = DateTimeOffset.UtcNow - started;

        // b started while a's callback was still waiting for an answer.
        var a = System.Text.Json.JsonDocument.Parse(Document("a")).RootElement;
        var b = System.Text.Json.JsonDocument.Parse(Document("b")).RootElement;
        var gap = DateTimeOffset.Parse(b.GetProperty("start_time").GetString()!) - DateTimeOffset.Parse(a.GetProperty("end_time").GetString()!);
        Assert.That(gap, Is.LessThan(TimeSpan.FromSeconds(budget)));
        Assert.That(receiver.Requests, Has.Count.EqualTo(2));
        // Both were given up when the budget ended, long before their 300 s timeout.
        Assert.That(Errors(output).Count(e => e.Contains("given up at the end of the run budget")), Is.EqualTo(2), string.Join("\n", Errors(output)));
        Assert.That(took, Is.LessThan(TimeSpan.FromSeconds(budget + 30)));
        Assert.That((_h.SuiteState("a").Result!.Outcome, _h.SuiteState("b").Result!.Outcome), Is.EqualTo(("passed", "failed")));
    }

    [Test]
    public void A_secret_file_other_users_can_read_is_refused_and_nothing_is_sent()
    {
        using var receiver = new LocalHttpReceiver();
        _h.Config("a: {path: a.robot}", $"callbacks:\n  - url: {receiver.Url}\n    secret_file: {SecretFile("644")}\n");

        var (_, output, _) = _h.Run();

        Assert.That(receiver.Requests, Is.Empty);
        Assert.That(Errors(output), Has.One.Contains("can be read or written by other users (mode 0644; use 0600)"));
        Assert.That(Log(), Does.Not.Contain(Secret));
    }

    [Test]
    public void A_secret_file_that_is_a_link_is_refused()
    {
        using var receiver = new LocalHttpReceiver();
        var link = Path.Join(_h.Root, "link.key");
        File.CreateSymbolicLink(link, SecretFile());
        _h.Config("a: {path: a.robot}", $"callbacks:\n  - url: {receiver.Url}\n    secret_file: {link}\n");

        var (_, output, _) = _h.Run();

        Assert.That(receiver.Requests, Is.Empty);
        Assert.That(Errors(output), Has.One.Contains("is a symbolic link"));
    }
}
