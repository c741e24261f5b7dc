using System.Text;
using Robotmk.Controller.State;
using Robotmk.State;
using Robotmk.Tests.Controller.Support;
using Robotmk.Tests.Support;

namespace Robotmk.Tests.Controller;

public sealed class RunnerStateParserTests
{
    private static readonly DateTimeOffset T = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    [Test]
    public void ReadsWhatTheRunnerWrites()
    {
        using var temp = new TempDir();
        var b = new StateBuilder(temp.Path) { Encoding = "base64_codec", TransmitHtml = true, ExecutionMode = "external" }
            .Suite("a").Suite("b", piggybackHost: "web", tag: "prod", error: "path missing", maxExecutions: 3);
        b.IdleRunner(T, T.AddMinutes(2), configError: "bad yaml");

        var expected = StateFiles.Read<RunnerState>(StateFiles.RunnerFile(temp.Path));
        var parsed = RunnerStateParser.Parse(File.ReadAllBytes(StateFiles.RunnerFile(temp.Path)));

        Assert.That(parsed with { Config = null, LastRun = null }, Is.EqualTo(expected with { Config = null, LastRun = null }));
        Assert.That(parsed.Config!.Suites, Is.EqualTo(expected.Config!.Suites));
        Assert.That(parsed.Config with { Suites = [] }, Is.EqualTo(expected.Config with { Suites = [] }));
        Assert.That(parsed.LastRun, Is.EqualTo(expected.LastRun));
    }

    [Test]
    public void NoConfigAndNoLastRun()
    {
        var json = """{"status":"running","start_time":"2026-11-23T10:00:00+00:00","heartbeat":"2026-11-23T10:00:00+00:00","config":null}""";

        var s = RunnerStateParser.Parse(Encoding.UTF8.GetBytes(json));

        Assert.That((s.Status, s.Config, s.LastRun, s.EndTime), Is.EqualTo(("running", (ConfigSnapshot?)null, (RunSummary?)null, (string?)null)));
    }

    [TestCase("""{"start_time":"t","heartbeat":"t"}""", "'status': missing")]
    [TestCase("""{"status":"sleeping","start_time":"t","heartbeat":"t"}""", "'status': 'sleeping' is neither 'running' nor 'idle'")]
    [TestCase("""{"schema":2,"status":"idle","start_time":"t","heartbeat":"t"}""", "'schema': version 2 is newer than this controller understands (1); update the controller")]
    [TestCase("""{"status":"idle","start_time":"t","heartbeat":"t","config":[]}""", "'config': expected an object, found Array")]
    [TestCase("""{"status":"idle","start_time":"t","heartbeat":"t","config":{"execution_mode":"agent_serial","encoding":"utf_8","robotmk_version":"1.6.0","execution_interval":60,"cache_time":"60"}}""",
        "'config.cache_time': expected an integer, found String")]
    [TestCase("""{"status":"idle","start_time":"t","heartbeat":"t","config":{"execution_mode":"agent_serial","encoding":"utf_8","robotmk_version":"1.6.0","execution_interval":60,"cache_time":60,"suites":[{"id":"a"},{"path":"b"}]}}""",
        "'config.suites[1].id': missing")]
    [TestCase("""{"status":"idle","start_time":"t","heartbeat":"t","last_run":{"start_time":"t","end_time":"t","runtime_total":"1"}}""",
        "'last_run.runtime_total': expected a number, found String")]
    public void NotARunnerState_NamesTheKey(string json, string message)
    {
        var ex = Assert.Throws<StateFormatException>(() => RunnerStateParser.Parse(Encoding.UTF8.GetBytes(json)));
        Assert.That(ex!.Message, Is.EqualTo(message));
    }
}
