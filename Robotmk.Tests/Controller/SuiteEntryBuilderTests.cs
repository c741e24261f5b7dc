using System.Text;
using Robotmk.Controller.Section;
using Robotmk.Controller.State;
using Robotmk.State;
using Robotmk.Time;

namespace Robotmk.Tests.Controller;

public sealed class SuiteEntryBuilderTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);
    private const string File = "/state/robotmk_a.json";
    private const string ZlibXml = "eJyzKcpPyi+xK85NzMlRyC8tKSgtUchPUwCLKqQVJeamlucXZdvoQ5QBAJ04EYM=";

    private static readonly SuiteSnapshot Suite = new() { Id = "a", Path = "a_path", Tag = "t", PiggybackHost = "web", MaxExecutions = 2 };

    private static RunnerView View(RunnerOverdue? overdue = null, string? wide = null, bool html = false, string encoding = "zlib_codec") => new()
    {
        Runner = new RunnerObject
        {
            Encoding = encoding, RobotmkVersion = "1.6.0", ExecutionMode = "agent_serial",
            StartTime = "2026-11-23T09:55:00.000000+00:00", EndTime = "2026-11-23T09:58:00.000000+00:00",
            CacheTime = 960, ExecutionInterval = 900, ProductVersion = "9", RunnerStatus = "idle",
        },
        Suites = [Suite],
        SuiteWideError = wide,
        Overdue = overdue,
        Now = Now,
        DefaultStartTime = "2026-11-23T09:55:00.000000+00:00",
        TransmitHtml = html,
    };

    private static RawJsonString Raw(string content) => new(Encoding.UTF8.GetBytes("\"" + content + "\""));

    private static SuiteResult Result(DateTimeOffset end, int rc = 0, string status = "nonfatal", string? xml = ZlibXml) => new()
    {
        Status = status == "fatal" ? ResultStatus.Fatal : ResultStatus.NonFatal, CacheTime = 420, ExecutionInterval = 300,
        StartTime = Iso8601.Format(end.AddSeconds(-30)), EndTime = Iso8601.Format(end),
        Xml = xml is null ? null : Raw(xml), Rc = rc, Attempts = 1, RunId = "r1", Outcome = rc == 0 ? "passed" : "failed",
    };

    private static SuiteStateRead Loaded(SuiteResult? result, string state = "done", string? runningSince = null) =>
        new SuiteStateRead.Loaded(File, new SuiteState { Id = "a", State = Enum.Parse<SuiteRunState>(state, ignoreCase: true), RunningSince = runningSince, Result = result });

    private static SuiteEntry Build(SuiteStateRead read, RunnerView? view = null, long maxPayload = 1024) =>
        new SuiteEntryBuilder(view ?? View(), maxPayload).Build(Suite, read);

    [Test]
    public void AUsableResult_IsCopiedWithIdentityFromTheSnapshot()
    {
        var e = Build(Loaded(Result(Now.AddMinutes(-1), rc: 3)));

        Assert.That((e.Status, e.Error, e.Rc, e.Attempts), Is.EqualTo(("nonfatal", (string?)null, 3, 1)));
        Assert.That((e.Id, e.Path, e.Tag, e.PiggybackHost, e.MaxExecutions), Is.EqualTo(("a", "a_path", "t", "web", 2)));
        Assert.That((e.CacheTime, e.ExecutionInterval), Is.EqualTo((420, 300)), "the result's own validity");
        Assert.That(e.EndTime, Is.EqualTo(Iso8601.Format(Now.AddMinutes(-1))));
        Assert.That(Encoding.UTF8.GetString(e.Xml!.Value.Content), Is.EqualTo(ZlibXml));
        Assert.That((e.State, e.RunId, e.Outcome), Is.EqualTo(("done", "r1", "failed")));
    }

    [Test]
    public void NoStateFile_HasNotRunYet()
    {
        var e = Build(new SuiteStateRead.Missing(File));

        Assert.That((e.Status, e.Error), Is.EqualTo(("fatal", $"suite has not run yet (no result in '{File}')")));
        Assert.That((e.StartTime, e.EndTime, e.Rc, e.Attempts, e.Xml), Is.EqualTo(("2026-11-23T09:55:00.000000+00:00", (string?)null, -1, 0, (RawJsonString?)null)));
        Assert.That((e.State, e.Outcome), Is.EqualTo(("pending", "scheduled")));
    }

    [Test]
    public void NoStateFileWhileARunIsInProgress_SaysSo()
    {
        var e = Build(new SuiteStateRead.Missing(File), View() with { RunningSince = "2026-11-23T09:59:00.000000+00:00" });

        Assert.That(e.Error, Does.EndWith("; the run in progress since 2026-11-23T09:59:00.000000+00:00 has not reached it yet"));
    }

    [Test]
    public void FirstRunInProgress_IsNonFatalWithoutEndTime()
    {
        var since = Iso8601.Format(Now.AddMinutes(-2));

        var e = Build(Loaded(null, "running", since));

        Assert.That((e.Status, e.StartTime, e.EndTime, e.Xml), Is.EqualTo(("nonfatal", since, (string?)null, (RawJsonString?)null)));
        Assert.That((e.State, e.Outcome), Is.EqualTo(("running", "running")));
    }

    [Test]
    public void FirstRunInProgress_OfADeadRunner_IsFatalOnceOlderThanTheCacheTime()
    {
        var overdue = new RunnerOverdue("2026-11-23T09:00:00.000000+00:00", "heartbeat stopped");
        Assert.That(Build(Loaded(null, "running", Iso8601.Format(Now.AddSeconds(-960))), View(overdue)).Status, Is.EqualTo("nonfatal"));

        var e = Build(Loaded(null, "running", Iso8601.Format(Now.AddSeconds(-961))), View(overdue));

        Assert.That(e.Status, Is.EqualTo("fatal"));
        Assert.That(e.Error, Does.StartWith("runner has not delivered since 2026-11-23T09:00:00.000000+00:00 (heartbeat stopped)").And.EndWith("never finished"));
    }

    [Test]
    public void DeadRunner_OnlyResultsOlderThanTheirCacheTimeTurnFatal()
    {
        var overdue = new RunnerOverdue("2026-11-23T09:00:00.000000+00:00", "last run ended long ago");
        Assert.That(Build(Loaded(Result(Now.AddSeconds(-420))), View(overdue)).Status, Is.EqualTo("nonfatal"));

        var e = Build(Loaded(Result(Now.AddSeconds(-421))), View(overdue));

        Assert.That((e.Status, e.Xml, e.Outcome), Is.EqualTo(("fatal", (RawJsonString?)null, "stale")));
        Assert.That(e.Error, Does.Contain("is older than its cache time of 420 s"));
        Assert.That(e.EndTime, Is.EqualTo(Iso8601.Format(Now.AddSeconds(-421))), "the real times stay");
        Assert.That(Build(Loaded(Result(Now.AddHours(-5)))).Status, Is.EqualTo("nonfatal"), "a live runner's old result is left to the server's staleness check");
    }

    [Test]
    public void AResultFromTheFuture_IsFatalBeyondTheTolerance()
    {
        Assert.That(Build(Loaded(Result(Now.AddMinutes(5)))).Status, Is.EqualTo("nonfatal"));

        var e = Build(Loaded(Result(Now.AddMinutes(5).AddSeconds(1))));

        Assert.That(e.Status, Is.EqualTo("fatal"));
        Assert.That(e.Error, Does.Contain("301 s after the host's current time").And.Contain("clock went backwards"));
    }

    [Test]
    public void AStoredFatalResult_KeepsItsErrorOnOneLine()
    {
        var e = Build(Loaded(Result(Now, rc: 253, status: "fatal", xml: null) with { Error = "boom\nsecond line", TimedOut = true, Outcome = "timeout" }));

        Assert.That((e.Status, e.Error, e.Rc, e.TimedOut, e.Outcome), Is.EqualTo(("fatal", "boom second line", 253, true, "timeout")));
        Assert.That(Build(Loaded(Result(Now, status: "fatal") with { Error = " " })).Error, Is.EqualTo("the runner recorded no reason"));
    }

    [TestCase(252)]
    [TestCase(253)]
    public void Rc252OrMore_IsFatalWithoutPayload(int rc)
    {
        var e = Build(Loaded(Result(Now, rc: rc)));

        Assert.That((e.Status, e.Xml, e.Rc), Is.EqualTo(("fatal", (RawJsonString?)null, rc)));
        Assert.That(e.Error, Does.StartWith($"Robot Framework exited with rc {rc}"));
    }

    [TestCase(null)]
    [TestCase("")]
    public void AUsableResultWithoutXml_IsFatal_NeverAnEmptyString(string? xml)
    {
        var e = Build(Loaded(Result(Now, xml: xml)));

        Assert.That((e.Status, e.Xml), Is.EqualTo(("fatal", (RawJsonString?)null)));
    }

    [Test]
    public void APayloadOverTheLimit_IsFatal()
    {
        var e = Build(Loaded(Result(Now)), maxPayload: ZlibXml.Length - 1);

        Assert.That(e.Status, Is.EqualTo("fatal"));
        Assert.That(e.Error, Is.EqualTo($"the encoded result is {ZlibXml.Length} bytes, more than the limit of {ZlibXml.Length - 1} bytes (--max-payload-bytes); reduce the logging of the suite"));
        Assert.That(Build(Loaded(Result(Now)), maxPayload: ZlibXml.Length).Status, Is.EqualTo("nonfatal"));
    }

    [Test]
    public void TheLogTravelsOnlyWithTransmitHtml()
    {
        var withLog = Result(Now) with { HtmlLog = Raw(ZlibXml) };

        Assert.That(Build(Loaded(withLog), View(html: false)).HtmlLog, Is.Null);
        Assert.That(Build(Loaded(withLog), View(html: true)).HtmlLog, Is.Not.Null);
        Assert.That(Build(Loaded(withLog), View(html: true), maxPayload: ZlibXml.Length * 2 - 1).Status, Is.EqualTo("fatal"), "the log counts toward the limit");
    }

    [Test]
    public void SuiteWideError_WinsOverEverything_KeepingTheResultsTimes()
    {
        var e = Build(Loaded(Result(Now.AddMinutes(-1))), View(wide: "robotmk.yml is unusable"));

        Assert.That((e.Status, e.Error, e.Xml), Is.EqualTo(("fatal", "robotmk.yml is unusable", (RawJsonString?)null)));
        Assert.That(e.EndTime, Is.EqualTo(Iso8601.Format(Now.AddMinutes(-1))));
    }

    [Test]
    public void SnapshotError_IsAConfigurationError()
    {
        var e = new SuiteEntryBuilder(View(), 1024).Build(Suite with { Error = "'a_path' does not exist" }, new SuiteStateRead.Missing(File));

        Assert.That((e.Status, e.Error), Is.EqualTo(("fatal", "configuration error: 'a_path' does not exist")));
    }

    [TestCase("two words")]
    [TestCase("<<evil>>")]
    [TestCase("")]
    public void AnInvalidPiggybackHost_IsFatalInTheLocalBlockOnly(string host)
    {
        var e = new SuiteEntryBuilder(View(), 1024).Build(Suite with { PiggybackHost = host }, Loaded(Result(Now)));

        Assert.That((e.Status, e.PiggybackHost), Is.EqualTo(("fatal", (string?)null)));
        Assert.That(e.Error, Does.Contain("is not a valid host name"));
    }

    [Test]
    public void UnreadableOrTooLargeOrForeignStateFiles_AreFatalWithTheReason()
    {
        Assert.That(Build(new SuiteStateRead.Unreadable(File, "not valid JSON: x")).Error, Is.EqualTo($"state file '{File}' is unreadable: not valid JSON: x"));
        Assert.That(Build(new SuiteStateRead.Unreadable(File, "x")).State, Is.EqualTo("unknown"));
        Assert.That(Build(new SuiteStateRead.TooLarge(File, 5000, 4000)).Error, Does.StartWith($"state file '{File}' is 5000 bytes, more than the 4000 bytes"));
        var foreign = new SuiteStateRead.Loaded(File, new SuiteState { Id = "b", State = SuiteRunState.Done, Result = Result(Now) });
        Assert.That(Build(foreign).Error, Is.EqualTo($"state file '{File}' belongs to suite 'b', not to 'a'"));
    }

    [TestCase("yesterday", null)]
    [TestCase(null, "yesterday")]
    public void UnparseableTimes_AreFatal(string? start, string? end)
    {
        var r = Result(Now);
        var e = Build(Loaded(r with { StartTime = start ?? r.StartTime, EndTime = end ?? r.EndTime }));

        Assert.That(e.Status, Is.EqualTo("fatal"));
        Assert.That(e.Error, Does.Contain("'yesterday' is not an ISO 8601 time"));
        Assert.That(e.StartTime, Is.Not.EqualTo("yesterday"));
        Assert.That(e.EndTime, Is.Null);
    }

    [Test]
    public void AnEncodingMismatch_IsFatal()
    {
        var e = Build(Loaded(Result(Now)), View(encoding: "base64_codec"));

        Assert.That(e.Error, Does.Contain("encoded as zlib_codec, but the section declares base64_codec"));
    }
}
