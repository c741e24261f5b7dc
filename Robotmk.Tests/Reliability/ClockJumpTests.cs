using Robotmk.Config;
using Robotmk.Paths;
using Robotmk.Runner.Coordination;
using Robotmk.Runner.Logging;
using Robotmk.State;
using Robotmk.Tests.Runner;
using Robotmk.Tests.Support;
using Robotmk.Time;

namespace Robotmk.Tests.Reliability;

/// <summary>
/// The wall clock jumps by hours during a run (NTP step, an admin, a resumed VM). The run budget and the timeouts are
/// real time, so a jump neither stretches nor eats them; a result is stamped with the clock when it was made, and a
/// result that was not renewed keeps its old times, so nothing looks fresher than it is.
/// </summary>
[Category("Reliability")]
public class ClockJumpTests
{
    private static readonly TimeSpan Hours3 = TimeSpan.FromHours(3);
    private FakeRunnerHost _host = null!;
    private FakeClock _clock = null!;
    private FakeRobot _robot = null!;
    private HostPaths _paths = null!;

    [SetUp]
    public void SetUp()
    {
        _host = new FakeRunnerHost(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));
        (_clock, _robot, _paths) = (_host.Clock, _host.Robot, _host.Paths);
    }

    [TearDown]
    public void TearDown() => _host.Dispose();

    private ConfigResult Config(string runTimeout = "100") => ConfigParser.Parse($"""
        global:
          robotdir: {_paths.RobotDir}
          outputdir: {_paths.OutputDir}
          logdir: {_paths.LogDir}
          execution_interval: 300
          run_timeout: {runTimeout}
        suites:
          a.robot: {"{path: a.robot}"}
          b.robot: {"{path: b.robot}"}
          c.robot: {"{path: c.robot}"}
        """, "robotmk.yml", _paths);

    private RunReport Run(ConfigResult? config = null) =>
        _host.Coordinator().Run(config ?? Config());

    private SuiteResult Result(string id) => StateFiles.ReadSuite(StateFiles.SuiteFile(_paths.StateDir, id)).Result!;

    /// <summary>While suite a runs (20 s), the wall clock jumps by the given amount.</summary>
    private void JumpDuringA(TimeSpan jump)
    {
        _robot.Behaviour["a.robot"] = (TimeSpan.FromSeconds(20), "pass", 0);
        _robot.During = spec =>
        {
            if (spec.Arguments[^1].EndsWith("a.robot", StringComparison.Ordinal))
                _clock.Jump(jump);
        };
    }

    [Test]
    public void Clock_set_back_by_hours_during_a_run_does_not_stretch_the_run_budget()
    {
        JumpDuringA(-Hours3);

        Run();

        // 100 s budget − 20 s of suite a − 10 s kill grace; not three hours more.
        Assert.That(_robot.Calls[1].Timeout, Is.EqualTo(TimeSpan.FromSeconds(70)));
        var lastRun = StateFiles.ReadRunner(StateFiles.RunnerFile(_paths.StateDir)).LastRun!;
        Assert.That(lastRun.RuntimeTotal, Is.EqualTo(22).Within(0.001), "a: 20 s, b and c: 1 s each, measured in real time");
        Assert.That(lastRun.RuntimeSuites, Is.EqualTo(22).Within(0.001));
    }

    [Test]
    public void Clock_set_forward_by_hours_during_a_run_does_not_use_up_the_run_budget()
    {
        JumpDuringA(Hours3);

        var report = Run();

        Assert.That(report.Skipped, Is.Empty, "b and c still fit in the real time left");
        Assert.That(report.Results.Select(r => r.Status), Has.All.EqualTo(SuiteResult.NonFatal));
        Assert.That(_robot.Calls[1].Timeout, Is.EqualTo(TimeSpan.FromSeconds(70)));
    }

    [TestCase(-3)]
    [TestCase(3)]
    public void Every_result_is_stamped_with_the_clock_when_it_was_made(int hours)
    {
        var start = _clock.UtcNow;
        JumpDuringA(TimeSpan.FromHours(hours));

        Run();

        // a started before the jump and ended after it; b and c ran entirely after it.
        Assert.That(Iso8601.TryParse(Result("a.robot").StartTime, out var aStart) && aStart == start);
        Assert.That(Iso8601.TryParse(Result("a.robot").EndTime, out var aEnd) && aEnd == start + TimeSpan.FromHours(hours) + TimeSpan.FromSeconds(20));
        Assert.That(Iso8601.TryParse(Result("c.robot").EndTime, out var cEnd) && cEnd == _clock.UtcNow);
        Assert.That(Result("a.robot").Duration, Is.EqualTo(20).Within(0.001), "the real duration, not the wall clock difference");
    }

    [TestCase(-3)]
    [TestCase(3)]
    public void Result_that_is_not_renewed_keeps_its_times_whatever_the_clock_did(int hours)
    {
        Run();
        var before = Result("c.robot");
        File.WriteAllText(Path.Join(_paths.RobotDir, "c.robot.DISABLED"), "");
        _clock.Advance(TimeSpan.FromMinutes(5));
        JumpDuringA(TimeSpan.FromHours(hours));

        var report = Run();

        Assert.That(report.Skipped, Is.EqualTo(new[] { "c.robot" }));
        Assert.That(Result("c.robot"), Is.EqualTo(before), "a skipped suite's result is not made to look fresh");
        Assert.That(Result("b.robot").RunId, Is.EqualTo(report.RunId));
    }

    [Test]
    public void Suite_whose_last_run_spanned_a_clock_jump_is_not_skipped_for_its_apparent_length()
    {
        _robot.Behaviour["b.robot"] = (TimeSpan.FromSeconds(5), "pass", 0);
        _robot.During = spec =>
        {
            if (spec.Arguments[^1].EndsWith("b.robot", StringComparison.Ordinal))
                _clock.Jump(Hours3);
        };
        Run();
        Assert.That(Iso8601.TryParse(Result("b.robot").EndTime, out var e) && Iso8601.TryParse(Result("b.robot").StartTime, out var s) && e - s > Hours3,
            "b's times span the jump");
        _robot.During = _ => { };

        for (var run = 0; run < 3; run++)
        {
            _clock.Advance(TimeSpan.FromMinutes(5));
            var report = Run();
            Assert.That(report.Skipped, Is.Empty, $"run {run}: b really took 5 s, not three hours");
        }
    }

    [Test]
    public void Suite_whose_real_duration_does_not_fit_the_time_left_is_skipped_whatever_its_times_say()
    {
        _robot.Behaviour["c.robot"] = (TimeSpan.FromSeconds(40), "pass", 0);
        _robot.During = spec =>
        {
            if (spec.Arguments[^1].EndsWith("c.robot", StringComparison.Ordinal))
                _clock.Jump(-TimeSpan.FromSeconds(39));
        };
        Run();
        Assert.That(Result("c.robot").Duration, Is.EqualTo(40).Within(0.001), "40 s really, 1 s by the wall clock");
        _robot.During = _ => { };
        _robot.Behaviour["a.robot"] = (TimeSpan.FromSeconds(60), "pass", 0);
        _clock.Advance(TimeSpan.FromMinutes(5));

        var report = Run();

        Assert.That(report.Skipped, Is.EqualTo(new[] { "c.robot" }), "after a (60 s) and b (1 s), 29 s are left for c's 40 s");
    }

    [Test]
    public void Suite_with_an_implausibly_long_last_run_is_run_rather_than_skipped_forever()
    {
        Run();
        // A state file of an older runner (no real duration) whose times span a jump, or were corrupted: end − start
        // is longer than the whole budget, so no run could ever fit it.
        var b = Result("b.robot");
        StateFiles.Write(StateFiles.SuiteFile(_paths.StateDir, "b.robot"), new SuiteState
        {
            Id = "b.robot", State = SuiteState.Done,
            Result = b with { Duration = null, StartTime = Iso8601.Format(_clock.UtcNow - TimeSpan.FromDays(2)), EndTime = Iso8601.Format(_clock.UtcNow) },
        });
        _clock.Advance(TimeSpan.FromMinutes(5));

        var report = Run();

        Assert.That(report.Skipped, Is.Empty);
        Assert.That(Result("b.robot").RunId, Is.EqualTo(report.RunId));
    }
}

/// <summary>Random wall clock jumps (seeded) during many runs; the invariants of <see cref="ClockJumpTests"/> hold in each.</summary>
[Category("Reliability")]
public class ClockJumpStormTests
{
    [Test]
    public void Random_clock_jumps_never_stretch_a_budget_skip_a_suite_or_freshen_a_kept_result()
    {
        var random = Chaos.Random("clock-jumps");
        var runs = Chaos.Count(50);
        using var tmp = new TempDir();
        var clock = new FakeClock(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));
        var robot = new FakeRobot(clock);
        var paths = new HostPaths(Path.Join(tmp.Path, "robotmk.yml"), Path.Join(tmp.Path, "state"), Path.Join(tmp.Path, "robot"),
            Path.Join(tmp.Path, "out"), Path.Join(tmp.Path, "log"));
        string[] ids = ["a.robot", "b.robot", "c.robot"];
        foreach (var id in ids)
            tmp.File(Path.Join("robot", id), "*** Test Cases ***\nT\n    Log    x\n");
        var config = ConfigParser.Parse($"global:\n  robotdir: {paths.RobotDir}\n  outputdir: {paths.OutputDir}\n  logdir: {paths.LogDir}\n" +
            "  execution_interval: 300\n  run_timeout: 100\nsuites:\n" + string.Join("", ids.Select(id => $"  {id}: {{path: {id}}}\n")), "robotmk.yml", paths);
        const double realBudget = 90; // run_timeout 100 s minus the kill grace of 10 s

        var failures = new List<string>();
        var jumps = 0;
        for (var run = 1; run <= runs; run++)
        {
            clock.Advance(TimeSpan.FromMinutes(5));
            var disabled = random.NextDouble() < 0.3 ? ids[random.Next(ids.Length)] : null;
            foreach (var id in ids)
            {
                var marker = Path.Join(paths.RobotDir, id + ".DISABLED");
                if (id == disabled) File.WriteAllText(marker, "");
                else File.Delete(marker);
            }
            var durations = ids.ToDictionary(id => id, _ => TimeSpan.FromSeconds(random.Next(1, 26)));
            foreach (var (id, d) in durations)
                robot.Behaviour[id] = (d, "pass", 0);
            var jumpDuring = ids[random.Next(ids.Length)];
            var jump = TimeSpan.FromMinutes(random.Next(1, 360)) * (random.Next(2) == 0 ? -1 : 1);
            var runStart = clock.Monotonic;
            robot.During = spec =>
            {
                var elapsed = (clock.Monotonic - runStart).TotalSeconds;
                if (spec.Timeout.TotalSeconds + elapsed > realBudget + 0.001)
                    failures.Add($"run {run}: {Path.GetFileName(spec.Arguments[^1])} got {spec.Timeout.TotalSeconds:0} s with {elapsed:0} s of {realBudget} s used");
                if (spec.Arguments[^1].EndsWith(jumpDuring, StringComparison.Ordinal))
                {
                    clock.Jump(jump);
                    jumps++;
                }
            };
            var before = ids.ToDictionary(id => id, id => TryResult(paths, id));

            var report = new RunCoordinator(paths, robot, clock, new RunnerLimits { HeartbeatInterval = TimeSpan.Zero },
                    new RunnerLog(null, RobotmkLogLevel.Off, clock, Console.Error), FakeRunnerHost.Launcher)
                .Run(config);

            var expectedSkipped = disabled is null ? Array.Empty<string>() : [disabled];
            if (!report.Skipped.SequenceEqual(expectedSkipped))
                failures.Add($"run {run}: skipped [{string.Join(", ", report.Skipped)}] with a jump of {jump} during {jumpDuring}");
            foreach (var id in ids)
            {
                var now = TryResult(paths, id);
                if (id == disabled)
                {
                    if (!Equals(now, before[id]))
                        failures.Add($"run {run}: the kept result of disabled {id} changed");
                    continue;
                }
                if (now?.RunId != report.RunId || now.Duration is not { } d || Math.Abs(d - durations[id].TotalSeconds) > 0.001)
                    failures.Add($"run {run}: {id} has no result of this run with its real duration ({now?.Duration} s, expected {durations[id].TotalSeconds} s)");
            }
        }

        Chaos.Report(new ScenarioFigures
        {
            Scenario = "clock: wall clock jumps of up to 6 h during runs",
            Count = runs,
            Unit = "runs",
            Failures = failures,
            Figures = new Dictionary<string, object> { ["jumps"] = jumps },
        });
        Assert.That(failures, Is.Empty);
    }

    private static SuiteResult? TryResult(HostPaths paths, string id)
    {
        var file = StateFiles.SuiteFile(paths.StateDir, id);
        return File.Exists(file) ? StateFiles.ReadSuite(file).Result : null;
    }
}
