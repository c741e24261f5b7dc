using System.Reflection;
using Robotmk.Config;
using Robotmk.Controller.State;
using Robotmk.Runner.State;
using Robotmk.State;
using Robotmk.Tests.Support;
using Robotmk.Time;

namespace Robotmk.Tests.State;

/// <summary>
/// Every field of both state files, written by the runner's writers and read by the controller's reader, comes back as
/// it was written. The records are checked to have every field set, so a field added to the schema must be added here.
/// </summary>
public sealed class StateRoundTripTests
{
    private static readonly DateTimeOffset T = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    private static readonly SuiteSnapshot Snapshot = new()
    {
        Id = "checkout", Path = "checkout/flow.robot", Tag = "prod", PiggybackHost = "shop-web", MaxExecutions = 3, Error = "bad suite",
        ExecutionInterval = 600, CacheTime = 720, Group = "shop", ExecutionMode = ExecutionMode.External,
        ExternalDir = "/var/lib/check_mk_agent/robotmk-external/checkout",
        Disabled = true,
    };

    private static readonly RunnerState Runner = new()
    {
        Schema = StateFiles.SchemaVersion,
        ProductVersion = "9.8.7",
        Status = RunnerStatus.Idle,
        Pid = 4242,
        RunId = "20261123T100000Z-0a1b2c",
        StartTime = Iso8601.Format(T),
        EndTime = Iso8601.Format(T.AddSeconds(95)),
        Heartbeat = Iso8601.Format(T.AddSeconds(90)),
        ConfigError = "robotmk.yml:3:1: error: global: 'x' is unknown",
        Config = new ConfigSnapshot
        {
            ExecutionMode = ExecutionMode.External,
            Encoding = OutputEncoding.Base64Codec,
            TransmitHtml = true,
            RobotmkVersion = "1.6.0",
            ExecutionInterval = 300,
            CacheTime = 420,
            RunTimeout = 240,
            Suites = [Snapshot],
        },
        LastRun = new RunSummary
        {
            RunId = "20261123T095500Z-ffeedd",
            StartTime = Iso8601.Format(T.AddMinutes(-5)),
            EndTime = Iso8601.Format(T.AddMinutes(-4)),
            RuntimeTotal = 61.25,
            RuntimeSuites = 60.5,
            RuntimeRobotmk = 0.75,
            SuitesRun = 4,
            SuitesFatal = 1,
            BudgetExhausted = true,
        },
        RfStart = new RfStart { Mode = RfStartMode.Spawn, Reason = "ROBOTMK_RF_LAUNCH=spawn" },
    };

    private static readonly SuiteResult Result = new()
    {
        Id = "checkout",
        Status = ResultStatus.NonFatal,
        Error = "a line \"quoted\" \\ with Prüfung 🚀",
        CacheTime = 420,
        ExecutionInterval = 300,
        StartTime = Iso8601.Format(T),
        EndTime = Iso8601.Format(T.AddSeconds(30)),
        Path = "checkout/flow.robot",
        Tag = "prod",
        Xml = RawJsonString.FromText("<robot>\"q\" \\ \n\t Prüfung 🚀 \u0001 \u2028</robot>"),
        HtmlLog = RawJsonString.FromText("PGh0bWw+"),
        Rc = 2,
        Attempts = 3,
        MaxExecutions = 3,
        PiggybackHost = "shop-web",
        RunId = "20261123T100000Z-0a1b2c",
        TimedOut = true,
        Outcome = ResultOutcome.Failed,
        Duration = 29.875,
    };

    [Test]
    public void TheFixturesSetEveryField()
    {
        Assert.That(UnsetFields(new SuiteSnapshot { Id = "x" }), Does.Contain("SuiteSnapshot.Tag"), "the check sees unset fields");
        Assert.That(UnsetFields(Runner).Concat(UnsetFields(Runner.Config!)).Concat(UnsetFields(Snapshot)).Concat(UnsetFields(Runner.LastRun!)).Concat(UnsetFields(Runner.RfStart!))
            .Concat(UnsetFields(Result)), Is.Empty);
    }

    [Test]
    public void RunnerState_WrittenByTheRunner_IsReadByTheControllerAsWritten()
    {
        using var temp = new TempDir();
        using (new RunnerStateWriter(temp.Path, Runner, new FakeClock(T.AddSeconds(90)), TimeSpan.Zero, e => Assert.Fail(e)))
        {
        }

        var read = new StateFolder(temp.Path, 1_000_000).ReadRunner();

        var state = ((RunnerStateRead.Loaded)read).State;
        Assert.That(state with { Config = null, LastRun = null, RfStart = null }, Is.EqualTo(Runner with { Config = null, LastRun = null, RfStart = null }));
        Assert.That(state.RfStart, Is.EqualTo(Runner.RfStart));
        Assert.That(state.Config! with { Suites = [] }, Is.EqualTo(Runner.Config! with { Suites = [] }));
        Assert.That(state.Config!.Suites, Is.EqualTo(Runner.Config!.Suites));
        Assert.That(state.LastRun, Is.EqualTo(Runner.LastRun));
    }

    [Test]
    public void SuiteState_WrittenByTheRunner_IsReadByTheControllerAsWritten()
    {
        using var temp = new TempDir();
        var store = new SuiteStateStore(temp.Path, new FakeClock(T.AddMinutes(5)), e => Assert.Fail(e));
        store.WriteDone(Result);
        store.MarkDeferred("checkout");
        store.MarkRunning("checkout", "20261123T100500Z-123456");
        store.MarkDeferred("checkout");

        var read = new StateFolder(temp.Path, 1_000_000).ReadSuite("checkout");

        var state = ((SuiteStateRead.Loaded)read).Suite;
        Assert.That(UnsetFields(state), Is.Empty);
        Assert.That(state with { Result = null }, Is.EqualTo(new SuiteState
        {
            Id = "checkout", State = SuiteRunState.Running, RunningRunId = "20261123T100500Z-123456", RunningSince = Iso8601.Format(T.AddMinutes(5)),
            LastStart = Iso8601.Format(T.AddMinutes(5)), DeferredSince = Iso8601.Format(T.AddMinutes(5)),
        }));
        var r = state.Result!;
        Assert.That(r with { Xml = null, HtmlLog = null }, Is.EqualTo(Result with { Xml = null, HtmlLog = null }));
        Assert.That(r.Xml!.Value.Text(), Is.EqualTo(Result.Xml!.Value.Text()));
        Assert.That(r.Xml!.Value.Token.ToArray(), Is.EqualTo(Result.Xml!.Value.Token.ToArray()), "the payload token is kept byte for byte");
        Assert.That(r.HtmlLog!.Value.Text(), Is.EqualTo("PGh0bWw+"));
    }

    /// <summary>The fields of a record (its settable properties) that hold their type's default: not set by the test.</summary>
    private static IEnumerable<string> UnsetFields(object record) =>
        record.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanWrite)
            .Where(p => IsDefault(p.GetValue(record), p.PropertyType))
            .Select(p => $"{record.GetType().Name}.{p.Name}");

    private static bool IsDefault(object? value, Type type) =>
        value is null
        || (value is string s && s.Length == 0)
        || (type.IsValueType && Nullable.GetUnderlyingType(type) is null && !type.IsEnum && value.Equals(Activator.CreateInstance(type)));
}
