using System.Text;
using Robotmk.State;

namespace Robotmk.Tests.State;

/// <summary>How robotmk_runner.json is read, by the runner and the controller alike.</summary>
public sealed class RunnerStateFileTests
{
    [Test]
    public void NoConfigAndNoLastRun()
    {
        var json = """{"status":"running","start_time":"2026-11-23T10:00:00+00:00","heartbeat":"2026-11-23T10:00:00+00:00","config":null}""";

        var s = StateFileFormat.ParseRunner(Encoding.UTF8.GetBytes(json));

        Assert.That((s.Status, s.Config, s.LastRun, s.EndTime), Is.EqualTo((RunnerStatus.Running, (ConfigSnapshot?)null, (RunSummary?)null, (string?)null)));
        Assert.That(s.RfStart, Is.Null, "a file of a runner that did not record how RF starts");
    }

    [Test]
    public void AbsentKeys_TakeTheSchemaDefaults()
    {
        var json = """{"status":"idle","start_time":"t","heartbeat":"t","config":{"execution_mode":"external","encoding":"utf_8","robotmk_version":"1.6.0","execution_interval":60,"cache_time":120,"suites":[{"id":"a"}]},"last_run":{"start_time":"t","end_time":"t"}}""";

        var s = StateFileFormat.ParseRunner(Encoding.UTF8.GetBytes(json));

        Assert.That((s.Schema, s.ProductVersion, s.Pid, s.RunId), Is.EqualTo((StateFiles.SchemaVersion, "", 0, "")));
        Assert.That((s.Config!.TransmitHtml, s.Config.RunTimeout), Is.EqualTo((false, 0)));
        Assert.That(s.Config.Suites.Single(), Is.EqualTo(new SuiteSnapshot { Id = "a", Path = "", MaxExecutions = 1 }));
        Assert.That(s.LastRun!.RunId, Is.EqualTo(""));
        Assert.That(StateFileFormat.ParseRunner(Encoding.UTF8.GetBytes("""{"status":"idle","start_time":"t","heartbeat":"t","config":{"execution_mode":"external","encoding":"utf_8","robotmk_version":"1.6.0","execution_interval":60,"cache_time":120}}""")).Config!.Suites,
            Is.Empty);
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
    [TestCase("""{"status":"idle","start_time":"t","heartbeat":"t","rf_start":{"mode":"cold","reason":"r"}}""", "'rf_start.mode': 'cold' is neither 'warm' nor 'spawn'")]
    [TestCase("""{"status":"idle","start_time":"t","heartbeat":"t","rf_start":{"reason":"r"}}""", "'rf_start.mode': missing")]
    public void NotARunnerState_NamesTheKey(string json, string message)
    {
        var ex = Assert.Throws<StateFormatException>(() => StateFileFormat.ParseRunner(Encoding.UTF8.GetBytes(json)));
        Assert.That(ex!.Message, Is.EqualTo(message));
    }
}
