using Robotmk.Config;
using Robotmk.Controller.Section;
using Robotmk.Controller.State;
using Robotmk.Paths;
using Robotmk.Runner.Cli;
using Robotmk.Runner.Coordination;
using Robotmk.State;
using Robotmk.Tests.Support;
using Robotmk.Time;

namespace Robotmk.Tests.Runner;

/// <summary>Per-suite intervals, deferral and the controller's per-suite view, with a fake RF and a fake clock.</summary>
public class SchedulingTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);
    private FakeRunnerHost _host = null!;
    private FakeClock _clock = null!;
    private FakeRobot _robot = null!;
    private HostPaths _paths = null!;

    [SetUp]
    public void SetUp()
    {
        _host = new FakeRunnerHost(T0);
        (_clock, _robot, _paths) = (_host.Clock, _host.Robot, _host.Paths);
    }

    [TearDown]
    public void TearDown() => _host.Dispose();

    private ConfigResult Config(string global, string suites) => _host.Config(global, suites);

    private const string ThreeIntervals =
        "a.robot: {path: a.robot, execution_interval: 60}\nb.robot: {path: b.robot, execution_interval: 120}\nc.robot: {path: c.robot, execution_interval: 180}";

    private SuiteState State(string id) => StateFiles.ReadSuite(StateFiles.SuiteFile(_paths.StateDir, id));

    /// <summary>The agent starts the runner at every tick (60 s after the last start).</summary>
    private RunReport Tick(ConfigResult config, int tick, IReadOnlySet<string>? onlySuites = null)
    {
        _clock.UtcNow = T0.AddSeconds(60 * tick);
        return _host.Coordinator().Run(config, onlySuites);
    }

    private List<string> Started() => [.. _robot.Calls.Select(c => Path.GetFileName(c.Arguments[^1]))];

    private List<SuiteEntry> Section()
    {
        var source = new SectionSource(new StateFolder(_paths.StateDir, 10_000_000), _clock, "test", 10_000_000, TextWriter.Null);
        var view = source.ReadRunnerView();
        return [.. source.ReadSuiteEntries(view)];
    }

    [Test]
    public void Over_six_ticks_of_60_s_the_suites_of_60_120_and_180_s_start_6_3_and_2_times()
    {
        var config = Config("execution_interval: 60", ThreeIntervals);
        var notDue = new List<string>();

        for (var tick = 0; tick < 6; tick++)
            notDue.AddRange(Tick(config, tick).NotDue);

        var started = Started();
        Assert.That(new[] { "a.robot", "b.robot", "c.robot" }.Select(id => started.Count(s => s == id)), Is.EqualTo(new[] { 6, 3, 2 }));
        Assert.That(notDue.Count(id => id == "b.robot"), Is.EqualTo(3));
        Assert.That(State("c.robot").LastStart, Is.EqualTo(Iso8601.Format(T0.AddSeconds(180 + 1))), "the start at tick 3, after a (1 s)");
    }

    [Test]
    public void The_most_overdue_suite_starts_first()
    {
        var config = Config("execution_interval: 60", ThreeIntervals);
        Tick(config, 0);
        _robot.Calls.Clear();

        // At tick 6 all three are due: c (180 s) is 0 s over, b (120 s) 240 s, a (60 s) 300 s.
        Tick(config, 6);

        Assert.That(Started(), Is.EqualTo(new[] { "a.robot", "b.robot", "c.robot" }));
        _robot.Calls.Clear();
        StateFiles.Write(StateFiles.SuiteFile(_paths.StateDir, "c.robot"), State("c.robot") with { LastStart = Iso8601.Format(T0) });
        // At tick 9: a and b, started at tick 6, are 120 and 59 s over; c, made to look started at 0 s, 360 s.
        Tick(config, 9);
        Assert.That(Started(), Is.EqualTo(new[] { "c.robot", "a.robot", "b.robot" }));
    }

    [Test]
    public void A_suite_that_does_not_fit_is_deferred_visibly_and_starts_first_at_the_next_tick()
    {
        var config = Config("execution_interval: 300\nrun_timeout: 100", "a.robot: {path: a.robot}\nb.robot: {path: b.robot}\nc.robot: {path: c.robot}");
        _robot.Behaviour["c.robot"] = (TimeSpan.FromSeconds(40), "pass", 0);
        Tick(config, 0);
        _robot.Calls.Clear();
        _robot.Behaviour["a.robot"] = (TimeSpan.FromSeconds(50), "pass", 0);

        // a (50 s) leaves 40 s of the 90 s (100 s less the kill grace); b, which took 1 s, takes 10 s now; c, which
        // took 40 s, does not fit into the 30 s left.
        _robot.Behaviour["b.robot"] = (TimeSpan.FromSeconds(10), "pass", 0);
        var first = Tick(config, 5);
        Assert.That(Started(), Is.EqualTo(new[] { "a.robot", "b.robot" }));
        Assert.That((first.Deferred, first.Skipped), Is.EqualTo((new[] { "c.robot" }, new[] { "c.robot" })));
        Assert.That(State("c.robot").DeferredSince, Is.Not.Null);
        var section = RunnerHarness.SectionJson(RunnerSection.Render(first, "agent_serial"));
        Assert.That(((Newtonsoft.Json.Linq.JArray)section["deferred"]!).ToObject<string[]>(), Is.EqualTo(new[] { "c.robot" }));
        Assert.That(first.Errors, Is.Empty, "a first deferral is no error");
        _robot.Calls.Clear();

        var second = Tick(config, 10);

        Assert.That(Started()[0], Is.EqualTo("c.robot"));
        Assert.That(second.Deferred, Is.EqualTo(new[] { "b.robot" }), "c (40 s) and a (50 s) take the budget now");
        Assert.That(State("c.robot").DeferredSince, Is.Null, "starting it ends its deferral");
        Assert.That(State("c.robot").Result!.RunId, Is.EqualTo(second.RunId));
    }

    [Test]
    public void A_suite_deferred_again_is_an_error_of_the_run_and_one_longer_than_the_budget_is_reported_and_started()
    {
        const string suites = "a.robot: {path: a.robot}\nc.robot: {path: c.robot}";
        var roomy = Config("execution_interval: 300\nrun_timeout: 200", suites);
        var tight = Config("execution_interval: 300\nrun_timeout: 100", suites);
        _robot.Behaviour["a.robot"] = (TimeSpan.FromSeconds(95), "pass", 0);
        Tick(roomy, 0);

        // a took 95 s; the 90 s of the smaller budget (100 s less the kill grace) never hold it.
        var first = Tick(tight, 5);
        var again = Tick(tight, 10);

        Assert.That((first.Deferred, first.Errors), Is.EqualTo((new[] { "a.robot" }, Array.Empty<string>())));
        Assert.That(again.Deferred, Is.EqualTo(new[] { "a.robot" }));
        Assert.That(again.Errors.Single(), Does.StartWith($"suite a.robot is deferred again (waiting since {Iso8601.Format(T0.AddSeconds(300))})"));
        var section = RunnerHarness.SectionJson(RunnerSection.Render(again, "agent_serial"));
        Assert.That(((Newtonsoft.Json.Linq.JArray)section["errors"]!).ToObject<string[]>()!.Single(), Does.Contain("deferred again"));

        StateFiles.Write(StateFiles.SuiteFile(_paths.StateDir, "a.robot"), State("a.robot") with
        {
            Result = State("a.robot").Result! with { Duration = 250 },
        });
        var tooLong = Tick(tight, 15);

        Assert.That(tooLong.Errors.Single(), Does.StartWith("suite a.robot took 250 s last time, more than the whole run budget of 100 s"));
        Assert.That(tooLong.Results.Select(r => r.Id), Is.EqualTo(new[] { "a.robot" }), "it is not left waiting forever");
        Assert.That(tooLong.Deferred, Is.EqualTo(new[] { "c.robot" }), "a took the whole budget");
    }

    [Test]
    public void The_agents_runner_leaves_external_suites_and_their_state_alone_and_run_suite_runs_them()
    {
        var config = Config("execution_interval: 60", "a.robot: {path: a.robot}\nb.robot: {path: b.robot, execution_mode: external}");
        var theirs = new SuiteState { Id = "b.robot", State = SuiteRunState.Done, LastStart = Iso8601.Format(T0.AddSeconds(-5)) };
        Directory.CreateDirectory(_paths.StateDir);
        StateFiles.Write(StateFiles.SuiteFile(_paths.StateDir, "b.robot"), theirs);

        var agent = Tick(config, 0);

        Assert.That(Started(), Is.EqualTo(new[] { "a.robot" }));
        Assert.That(agent.Skipped.Concat(agent.NotDue), Is.Empty, "an external suite is not the agent runner's to skip");
        Assert.That(State("b.robot"), Is.EqualTo(theirs));

        var user = _host.Coordinator().Run(config, new HashSet<string> { "b.robot" });
        Assert.That(user.Results.Select(r => r.Id), Is.EqualTo(new[] { "b.robot" }));
        Assert.That(State("a.robot").Result, Is.Not.Null, "run --suite keeps the other suites' states");
    }

    [Test]
    public void Each_suite_entry_of_the_section_carries_its_own_interval_and_cache_time()
    {
        var config = Config("execution_interval: 60\ncache_time: 150", ThreeIntervals + "\nd.robot: {path: a.robot}");

        Tick(config, 0);
        var entries = Section().ToDictionary(e => e.Id);

        Assert.That(entries.Values.Select(e => (e.Id, e.Status, e.ExecutionInterval, e.CacheTime)), Is.EqualTo(new[]
        {
            ("a.robot", SuiteEntry.NonFatal, 60, 150), ("b.robot", SuiteEntry.NonFatal, 120, 270),
            ("c.robot", SuiteEntry.NonFatal, 180, 330), ("d.robot", SuiteEntry.NonFatal, 60, 150),
        }));
    }

    [Test]
    public void The_dead_man_switch_judges_each_suite_against_its_own_interval()
    {
        var config = Config("execution_interval: 60", ThreeIntervals);
        Tick(config, 0);
        // c stops being started (runs that leave it out) while the runner goes on at every tick.
        var withoutC = new HashSet<string> { "a.robot", "b.robot" };
        for (var tick = 1; tick <= 7; tick++)
            Tick(config, tick, withoutC);

        var at7 = Section().ToDictionary(e => e.Id);
        Tick(config, 8, withoutC);
        var at8 = Section().ToDictionary(e => e.Id);

        // c: last start at 2 s, interval 180 + two ticks + a run budget of 30 + 120 s of jitter = 450 s.
        Assert.That(at7["c.robot"].Status, Is.EqualTo(SuiteEntry.NonFatal), "at 420 s c is within what its schedule allows");
        Assert.That((at8["c.robot"].Status, at8["c.robot"].Outcome), Is.EqualTo((SuiteEntry.Fatal, "stale")));
        Assert.That(at8["c.robot"].Error, Does.Contain("suite has not started since").And.Contain("every 180 s"));
        Assert.That(at8["a.robot"].Status, Is.EqualTo(SuiteEntry.NonFatal), "the runner itself is alive");
        Assert.That(at8["b.robot"].Status, Is.EqualTo(SuiteEntry.NonFatal));
    }

    [Test]
    public void A_disabled_suite_with_its_own_interval_ages_out_on_the_server_without_an_alarm_of_the_dead_man_switch()
    {
        var config = Config("execution_interval: 60", ThreeIntervals);
        Tick(config, 0);
        File.WriteAllText(Path.Join(_paths.RobotDir, "c.robot.DISABLED"), "");
        for (var tick = 1; tick <= 10; tick++)
            Tick(config, tick);

        var c = Section().Single(e => e.Id == "c.robot");

        Assert.That(Started().Count(s => s == "c.robot"), Is.EqualTo(1), "c ran once, before it was disabled");
        Assert.That(c.Status, Is.EqualTo(SuiteEntry.NonFatal), c.Error);
        Assert.That(c.CacheTime, Is.EqualTo(300), "its last result goes on with its cache time, after which the server ages it out");
        var snapshot = StateFiles.ReadRunner(StateFiles.RunnerFile(_paths.StateDir)).Config!.Suites.Single(s => s.Id == "c.robot");
        Assert.That(snapshot.Disabled, Is.True);

        File.Delete(Path.Join(_paths.RobotDir, "c.robot.DISABLED"));
        Tick(config, 11);
        Assert.That(StateFiles.ReadRunner(StateFiles.RunnerFile(_paths.StateDir)).Config!.Suites.Single(s => s.Id == "c.robot").Disabled, Is.False);
        Assert.That(Started().Count(s => s == "c.robot"), Is.EqualTo(2), "enabled again, c is overdue and runs at once");
    }
}
