using System.Text;
using System.Text.Json;
using Robotmk.Controller.Section;
using Robotmk.State;

namespace Robotmk.Tests.Controller;

public sealed class SectionWriterTests
{
    private static readonly RunnerObject Runner = new()
    {
        Encoding = "utf_8", RobotmkVersion = "1.6.0", ExecutionMode = "external",
        StartTime = "2026-11-23T09:55:00.000000+00:00", EndTime = "2026-11-23T09:58:00.000000+00:00",
        Runtimes = new RunRuntimes(180, 170.5, 9.5), CacheTime = 960, ExecutionInterval = 900,
        ProductVersion = "9", RunnerStatus = "idle", RunId = "r1", Heartbeat = "2026-11-23T09:58:00.000000+00:00", Errors = ["note"],
    };

    private static SuiteEntry Entry(string id, string? host = null) => new()
    {
        Id = id, Status = "nonfatal", CacheTime = 960, ExecutionInterval = 900,
        StartTime = "2026-11-23T09:55:00.000000+00:00", EndTime = "2026-11-23T09:56:00.000000+00:00",
        Path = id, Xml = new RawJsonString(Encoding.UTF8.GetBytes("\"<robot>\\\"q\\\"\\n</robot>\"")), Rc = 0, Attempts = 1,
        PiggybackHost = host, State = "done",
    };

    private static string Write(Action<SectionWriter> write)
    {
        using var ms = new MemoryStream();
        write(new SectionWriter(ms));
        var bytes = ms.ToArray();
        Assert.That(bytes.Take(3), Is.Not.EqualTo(new byte[] { 0xEF, 0xBB, 0xBF }), "no BOM");
        return Encoding.UTF8.GetString(bytes);
    }

    [Test]
    public void ALocalBlock_IsAHeaderAndOneJsonLine()
    {
        var text = Write(w =>
        {
            w.BeginBlock(Runner, null);
            w.WriteSuite(Entry("a"));
            w.WriteSuite(Entry("b"));
            w.EndBlock();
        });

        var lines = text.Split('\n');
        Assert.That(lines, Has.Length.EqualTo(3));
        Assert.That(lines[0], Is.EqualTo("<<<robotmk:sep(0)>>>"));
        Assert.That(lines[2], Is.Empty, "ends with a newline");
        using var doc = JsonDocument.Parse(lines[1]);
        Assert.That(doc.RootElement.GetProperty("suites").GetArrayLength(), Is.EqualTo(2));
    }

    [Test]
    public void RunnerKeys_InV1OrderWithFloatRuntimes()
    {
        var text = Write(w => { w.BeginBlock(Runner, null); w.EndBlock(); });

        Assert.That(text.Split('\n')[1], Is.EqualTo(
            """{"runner":{"encoding":"utf_8","robotmk_version":"1.6.0","execution_mode":"external","start_time":"2026-11-23T09:55:00.000000+00:00","end_time":"2026-11-23T09:58:00.000000+00:00","assigned_host":[],"runtime_total":180.0,"runtime_suites":170.5,"runtime_robotmk":9.5,"selective_run":false,"cache_time":960,"execution_interval":900,"is_piggyback_result":false,"product_version":"9","runner_status":"idle","run_id":"r1","heartbeat":"2026-11-23T09:58:00.000000+00:00","errors":["note"]},"suites":[]}"""));
    }

    [Test]
    public void WithoutAFinishedRun_TheRuntimeKeysAreLeftOut()
    {
        var text = Write(w => { w.BeginBlock(Runner with { Runtimes = null, RunId = null, Heartbeat = null }, null); w.EndBlock(); });

        Assert.That(text, Does.Not.Contain("runtime_"));
        Assert.That(text, Does.Not.Contain("run_id").And.Not.Contain("heartbeat"));
    }

    [Test]
    public void APiggybackBlock_IsFramedAndAssigned()
    {
        var text = Write(w =>
        {
            w.BeginBlock(Runner, "shop-frontend");
            w.WriteSuite(Entry("a", "shop-frontend"));
            w.EndBlock();
        });

        var lines = text.Split('\n');
        Assert.That(lines[0], Is.EqualTo("<<<<shop-frontend>>>>"));
        Assert.That(lines[1], Is.EqualTo("<<<robotmk:sep(0)>>>"));
        Assert.That(lines[2], Does.Contain("\"assigned_host\":[\"shop-frontend\"]").And.Contain("\"is_piggyback_result\":true"));
        Assert.That(lines[3], Is.EqualTo("<<<<>>>>"));
        Assert.That(lines[4], Is.Empty);
    }

    [Test]
    public void ASuiteEntry_HasTheSpecKeysInOrder_AndThePayloadTokenVerbatim()
    {
        var text = Write(w => { w.BeginBlock(Runner, null); w.WriteSuite(Entry("a") with { Tag = "prüfung" }); w.EndBlock(); });

        var line = text.Split('\n')[1];
        using var doc = JsonDocument.Parse(line);
        var s = doc.RootElement.GetProperty("suites")[0];
        Assert.That(s.EnumerateObject().Select(p => p.Name), Is.EqualTo(new[]
        {
            "id", "status", "error", "cache_time", "execution_interval", "start_time", "end_time", "path", "tag", "xml", "htmllog",
            "rc", "attempts", "max_executions", "piggybackhost", "state", "timed_out",
        }));
        Assert.That(line, Does.Contain(""" "xml":"<robot>\"q\"\n</robot>" """.Trim()), "the token is copied, not re-escaped");
        Assert.That(line, Does.Contain(""" "tag":"prüfung" """.Trim()), "non-ASCII text is written as UTF-8");
    }

    [Test]
    public void ANeverFinishedSuite_HasNoEndTimeKey_AndNullPayloads()
    {
        var text = Write(w =>
        {
            w.BeginBlock(Runner, null);
            w.WriteSuite(Entry("a") with { EndTime = null, Xml = null, Status = "fatal", Error = "has not run \"yet\"" });
            w.EndBlock();
        });

        using var doc = JsonDocument.Parse(text.Split('\n')[1]);
        var s = doc.RootElement.GetProperty("suites")[0];
        Assert.That(s.TryGetProperty("end_time", out _), Is.False);
        Assert.That(s.GetProperty("xml").ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That(s.GetProperty("error").GetString(), Is.EqualTo("has not run \"yet\""));
    }

    [Test]
    public void BlocksMustBeOpenedAndClosedInTurn()
    {
        using var ms = new MemoryStream();
        var w = new SectionWriter(ms);
        Assert.Throws<InvalidOperationException>(() => w.WriteSuite(Entry("a")));
        w.BeginBlock(Runner, null);
        Assert.Throws<InvalidOperationException>(() => w.BeginBlock(Runner, "x"));
    }
}
