using Robotmk.Config;
using Robotmk.Controller.Section;
using Robotmk.Controller.State;
using Robotmk.State;
using Robotmk.Time;

namespace Robotmk.Tests.Controller;

public sealed class RunnerViewBuilderTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);
    private const string File = "/state/robotmk_runner.json";

    private static ConfigSnapshot Config(string mode = "agent_serial", int interval = 300, int runTimeout = 270, params string[] ids) => new()
    {
        ExecutionMode = mode == "external" ? ExecutionMode.External : ExecutionMode.AgentSerial, Encoding = OutputEncoding.Utf8, TransmitHtml = true, RobotmkVersion = "1.6.0-compat",
        ExecutionInterval = interval, CacheTime = 420, RunTimeout = runTimeout,
        Suites = [.. ids.Select(id => new SuiteSnapshot { Id = id, Path = id })],
    };

    private static RunnerState Idle(DateTimeOffset end, ConfigSnapshot? config = null) => new()
    {
        ProductVersion = "1", Status = RunnerState.StatusIdle, RunId = "r1",
        StartTime = Iso8601.Format(end.AddMinutes(-2)), EndTime = Iso8601.Format(end), Heartbeat = Iso8601.Format(end),
        Config = config ?? Config(ids: "a"),
        LastRun = new RunSummary { RunId = "r1", StartTime = Iso8601.Format(end.AddMinutes(-2)), EndTime = Iso8601.Format(end), RuntimeTotal = 120, RuntimeSuites = 100, RuntimeRobotmk = 20 },
    };

    private static RunnerState Running(DateTimeOffset heartbeat) => new()
    {
        ProductVersion = "1", Status = RunnerState.StatusRunning, Pid = 77, RunId = "r2",
        StartTime = Iso8601.Format(heartbeat.AddMinutes(-1)), Heartbeat = Iso8601.Format(heartbeat), Config = Config(ids: "a"),
    };

    private static RunnerView Build(RunnerState state) => RunnerViewBuilder.Build(new RunnerStateRead.Loaded(File, state), [], Now, "9.9");

    [Test]
    public void RunnerObjectComesFromTheSnapshotAndTheLastRun()
    {
        var v = Build(Idle(Now.AddMinutes(-1)));

        var r = v.Runner;
        Assert.That((r.Encoding, r.RobotmkVersion, r.ExecutionMode, r.CacheTime, r.ExecutionInterval), Is.EqualTo(("utf_8", "1.6.0-compat", "agent_serial", 420, 300)));
        Assert.That((r.StartTime, r.EndTime), Is.EqualTo((Iso8601.Format(Now.AddMinutes(-3)), Iso8601.Format(Now.AddMinutes(-1)))));
        Assert.That(r.Runtimes, Is.EqualTo(new RunRuntimes(120, 100, 20)));
        Assert.That((r.ProductVersion, r.RunnerStatus, r.RunId), Is.EqualTo(("9.9", "idle", "r1")));
        Assert.That(r.Errors, Is.Empty);
        Assert.That(v.Overdue, Is.Null);
        Assert.That(v.TransmitHtml, Is.True);
        Assert.That(v.Suites.Select(s => s.Id), Is.EqualTo(new[] { "a" }));
    }

    [Test]
    public void BeforeTheFirstRunFinished_ThereAreNoRuntimes()
    {
        var v = Build(Running(Now));

        Assert.That(v.Runner.Runtimes, Is.Null);
        Assert.That(v.RunningSince, Is.EqualTo(Iso8601.Format(Now.AddMinutes(-1))));
    }

    [Test]
    public void Running_OverdueAfterThreeMissedHeartbeats()
    {
        Assert.That(Build(Running(Now.AddSeconds(-45))).Overdue, Is.Null);

        var v = Build(Running(Now.AddSeconds(-46)));

        Assert.That(v.Overdue!.Since, Is.EqualTo(Iso8601.Format(Now.AddSeconds(-46))));
        Assert.That(v.Overdue.Detail, Does.Contain("pid 77").And.Contain("46 s ago"));
        Assert.That(v.Runner.Errors.Single(), Does.StartWith("runner has not delivered since "));
    }

    [Test]
    public void Idle_OverdueAfterIntervalPlusRunTimeoutPlusTolerance()
    {
        var allowed = TimeSpan.FromSeconds(300 + 270 + 120);
        Assert.That(Build(Idle(Now - allowed)).Overdue, Is.Null);

        var v = Build(Idle(Now - allowed - TimeSpan.FromSeconds(1)));

        Assert.That(v.Overdue!.Detail, Does.Contain("691 s ago").And.Contain("the agent should start it every 300 s"));
    }

    [Test]
    public void Idle_ExternalMode_UsesTheSchedulesIntervalAndNamesTheScheduler()
    {
        var v = Build(Idle(Now.AddHours(-3), Config("external", interval: 3600, runTimeout: 1800, ids: "a")));

        Assert.That(v.Overdue!.Detail, Does.Contain("the scheduler (external mode) should start it every 3600 s"));
        Assert.That(Build(Idle(Now.AddMinutes(-90), Config("external", interval: 3600, runTimeout: 1800, ids: "a"))).Overdue, Is.Null);
    }

    [Test]
    public void AHeartbeatFromTheFuture_IsReportedButNotOverdue()
    {
        var v = Build(Running(Now.AddMinutes(10)));

        Assert.That(v.Overdue, Is.Null);
        Assert.That(v.Runner.Errors.Single(), Does.Contain("clock went backwards"));
        Assert.That(Build(Running(Now.AddMinutes(4))).Runner.Errors, Is.Empty, "small clock differences are tolerated");
    }

    [Test]
    public void ConfigError_IsARunnerErrorAndEverySuitesError()
    {
        var v = Build(Idle(Now) with { ConfigError = "line 3: bad" });

        Assert.That(v.SuiteWideError, Is.EqualTo("robotmk.yml is unusable, no suite runs until it is fixed: line 3: bad"));
        Assert.That(v.Runner.Errors, Is.EqualTo(new[] { v.SuiteWideError }));
        Assert.That(v.Suites, Has.Count.EqualTo(1), "the suites of the last usable configuration are still reported");
    }

    [Test]
    public void ConfigErrorWithoutAnyUsableConfig_HasNoSuitesAndV1Defaults()
    {
        var v = Build(Idle(Now) with { ConfigError = "bad", Config = null, LastRun = null });

        Assert.That(v.Suites, Is.Empty);
        Assert.That((v.Runner.Encoding, v.Runner.RobotmkVersion, v.Runner.ExecutionInterval, v.Runner.CacheTime), Is.EqualTo(("zlib_codec", "1.6.0", 900, 960)));
    }

    [Test]
    public void DuplicateSuiteIds_AreReportedOnce()
    {
        var v = Build(Idle(Now, Config(ids: ["a", "b", "a"])));

        Assert.That(v.Suites.Select(s => s.Id), Is.EqualTo(new[] { "a", "b" }));
        Assert.That(v.Runner.Errors.Single(), Does.Contain("'a' appears more than once"));
    }

    [Test]
    public void NoStateFolder_NoSuitesAndANote()
    {
        var v = RunnerViewBuilder.Build(new RunnerStateRead.FolderMissing(File, "/state"), ["stray"], Now, "9.9");

        Assert.That(v.Suites, Is.Empty);
        Assert.That(v.Runner.Errors.Single(), Is.EqualTo("state folder '/state' does not exist: the runner has not run yet on this host"));
        Assert.That((v.Runner.StartTime, v.Runner.EndTime, v.Runner.RunnerStatus), Is.EqualTo((Iso8601.Format(Now), Iso8601.Format(Now), "unknown")));
        Assert.That(v.Runner.Runtimes, Is.Null);
    }

    [Test]
    public void UnreadableRunnerState_ReportsEverySuiteFileFatal()
    {
        var v = RunnerViewBuilder.Build(new RunnerStateRead.Unreadable(File, "not valid JSON"), ["a", "b"], Now, "9.9");

        Assert.That(v.Suites.Select(s => s.Id), Is.EqualTo(new[] { "a", "b" }));
        Assert.That(v.SuiteWideError, Is.EqualTo($"runner state '{File}' is unreadable: not valid JSON"));
        Assert.That(v.Runner.Errors, Is.EqualTo(new[] { v.SuiteWideError }));
    }

    [Test]
    public void MissingRunnerStateButSuiteFiles_ReportsThemFatal()
    {
        var v = RunnerViewBuilder.Build(new RunnerStateRead.Missing(File), ["a"], Now, "9.9");

        Assert.That(v.Suites.Select(s => s.Id), Is.EqualTo(new[] { "a" }));
        Assert.That(v.SuiteWideError, Does.Contain("is missing"));
    }
}
