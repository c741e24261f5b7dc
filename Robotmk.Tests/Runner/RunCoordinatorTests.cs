using Robotmk.Config;
using Robotmk.Paths;
using Robotmk.Runner.Coordination;
using Robotmk.Runner.Logging;
using Robotmk.State;
using Robotmk.Tests.Support;

namespace Robotmk.Tests.Runner;

/// <summary>Run budget, suite isolation, retention and logging with a fake RF and a fake clock (no processes).</summary>
public class RunCoordinatorTests
{
    private FakeRunnerHost _host = null!;
    private TempDir _tmp = null!;
    private FakeClock _clock = null!;
    private FakeRobot _robot = null!;
    private HostPaths _paths = null!;

    [SetUp]
    public void SetUp()
    {
        _host = new FakeRunnerHost(new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero));
        (_tmp, _clock, _robot, _paths) = (_host.Tmp, _host.Clock, _host.Robot, _host.Paths);
    }

    [TearDown]
    public void TearDown() => _host.Dispose();

    private ConfigResult Config(string global, string suites = "a.robot: {path: a.robot}\nb.robot: {path: b.robot}\nc.robot: {path: c.robot}", string? outputDir = null) =>
        _host.Config(global, suites, outputDir);

    private RunCoordinator Coordinator(RobotmkLogLevel level = RobotmkLogLevel.Info) => _host.Coordinator(level: level);

    private SuiteState State(string id) => StateFiles.ReadSuite(StateFiles.SuiteFile(_paths.StateDir, id));

    [Test]
    public void Suites_that_would_not_fit_in_the_run_budget_are_skipped_and_keep_their_last_result()
    {
        var config = Config("execution_interval: 300\nrun_timeout: 100");
        Coordinator().Run(config);
        var before = State("c.robot").Result;

        _robot.Behaviour["a.robot"] = (TimeSpan.FromSeconds(70), "pass", 0);
        _robot.Behaviour["b.robot"] = (TimeSpan.FromSeconds(20), "pass", 0);
        _clock.Advance(TimeSpan.FromMinutes(5));
        _robot.Behaviour["c.robot"] = (TimeSpan.FromSeconds(1), "pass", 0);
        // c took 1 s last time; make its last run look long so it cannot fit in the 10 s that are left.
        var longC = State("c.robot") with { Result = before! with { EndTime = Robotmk.Time.Iso8601.Format(_clock.UtcNow.AddSeconds(-1)), StartTime = Robotmk.Time.Iso8601.Format(_clock.UtcNow.AddSeconds(-60)) } };
        StateFiles.Write(StateFiles.SuiteFile(_paths.StateDir, "c.robot"), longC);

        var report = Coordinator().Run(config);

        Assert.That(report.Results.Select(r => r.Id), Is.EqualTo(new[] { "a.robot", "b.robot" }));
        Assert.That(report.Skipped, Is.EqualTo(new[] { "c.robot" }));
        Assert.That(State("c.robot").Result, Is.EqualTo(longC.Result), "a skipped suite keeps its last result");
        Assert.That(StateFiles.ReadRunner(StateFiles.RunnerFile(_paths.StateDir)).LastRun!.BudgetExhausted, Is.True);
    }

    [Test]
    public void A_suite_gets_the_smaller_of_its_timeout_and_the_remaining_budget()
    {
        var config = Config("execution_interval: 300\nrun_timeout: 100", "a.robot: {path: a.robot, timeout: 30}\nb.robot: {path: b.robot, timeout: 500}");
        _robot.Behaviour["a.robot"] = (TimeSpan.FromSeconds(20), "pass", 0);

        Coordinator().Run(config);

        Assert.That(_robot.Calls[0].Timeout, Is.EqualTo(TimeSpan.FromSeconds(30)));
        Assert.That(_robot.Calls[1].Timeout, Is.EqualTo(TimeSpan.FromSeconds(70)), "100 s budget minus the 20 s of suite a minus the 10 s kill grace");
        Assert.That(_robot.Calls[1].KillGrace, Is.EqualTo(TimeSpan.FromSeconds(10)));
    }

    [Test]
    public void A_suite_running_past_the_budget_is_stopped_and_reported_as_timed_out()
    {
        var config = Config("execution_interval: 300\nrun_timeout: 50", "a.robot: {path: a.robot}");
        _robot.Behaviour["a.robot"] = (TimeSpan.FromSeconds(500), "sigterm", 2);

        var report = Coordinator().Run(config);

        var r = report.Results.Single();
        Assert.That((r.Status, r.TimedOut), Is.EqualTo((SuiteResult.Fatal, true)));
        Assert.That(r.Error, Does.StartWith("timed out after 40 s"), "the graceful stop is due 10 s (the kill grace) before the 50 s budget");
        Assert.That(_robot.Calls.Single().KillGrace, Is.EqualTo(TimeSpan.FromSeconds(10)));
    }

    [Test]
    public void Kill_grace_is_at_most_a_quarter_of_a_small_budget()
    {
        var config = Config("execution_interval: 10\ncache_time: 20\nrun_timeout: 8", "a.robot: {path: a.robot}");

        Coordinator().Run(config);

        Assert.That(_robot.Calls.Single().KillGrace, Is.EqualTo(TimeSpan.FromSeconds(2)));
        Assert.That(_robot.Calls.Single().Timeout, Is.EqualTo(TimeSpan.FromSeconds(6)));
    }

    [Test]
    public void An_exception_in_one_suite_makes_it_fatal_and_the_next_suites_still_run()
    {
        var config = Config("execution_interval: 300");
        _robot.Throw = spec => spec.Arguments[^1].EndsWith("a.robot") ? new InvalidOperationException("boom") : null;

        var report = Coordinator().Run(config);

        Assert.That(report.Results.Select(r => (r.Id, r.Status)), Is.EqualTo(new[]
        {
            ("a.robot", SuiteResult.Fatal), ("b.robot", SuiteResult.NonFatal), ("c.robot", SuiteResult.NonFatal),
        }));
        Assert.That(State("a.robot").Result!.Error, Does.Contain("InvalidOperationException: boom"));
        Assert.That(State("a.robot").State, Is.EqualTo(SuiteState.Done));
    }

    [Test]
    public void Failed_attempts_rerun_up_to_max_iterations_and_rerunfailed_points_at_the_previous_attempt()
    {
        var config = Config("execution_interval: 300", "a.robot:\n  path: a.robot\n  failed_handling: {max_iterations: 3, strategy: {name: incremental}}");
        _robot.Behaviour["a.robot"] = (TimeSpan.FromSeconds(1), "fail", 1);

        Coordinator().Run(config);

        Assert.That(_robot.Calls.Count(c => c.FileName == "robot"), Is.EqualTo(3));
        var third = _robot.Calls.Where(c => c.FileName == "robot").ElementAt(2).Arguments.ToList();
        Assert.That(third[third.IndexOf("--rerunfailed") + 1], Does.EndWith("_attempt-2_output.xml"));
        var merge = _robot.Calls.Single(c => c.FileName == "rebot");
        Assert.That(merge.Arguments.Where(a => a.Contains("_attempt-")).Select(a => a.Split("_attempt-")[1]),
            Is.EqualTo(new[] { "1_output.xml", "2_output.xml", "3_output.xml" }));
    }

    [Test]
    public void Complete_strategy_reruns_everything()
    {
        var config = Config("execution_interval: 300", "a.robot:\n  path: a.robot\n  failed_handling: {max_iterations: 2, strategy: {name: complete}}");
        _robot.Behaviour["a.robot"] = (TimeSpan.FromSeconds(1), "fail", 1);

        Coordinator().Run(config);

        Assert.That(_robot.Calls.Where(c => c.FileName == "robot").SelectMany(c => c.Arguments), Does.Not.Contain("--rerunfailed"));
        Assert.That(_robot.Calls.Count(c => c.FileName == "robot"), Is.EqualTo(2));
    }

    [Test]
    public void Retention_deletes_only_own_files_older_than_log_rotation_days()
    {
        var config = Config("execution_interval: 300\nlog_rotation: 7", "a.robot: {path: a.robot}");
        var old = _tmp.File(Path.Join("out", "robotframework_x_1_output.xml"), "<robot/>");
        var fresh = _tmp.File(Path.Join("out", "robotframework_x_2_output.xml"), "<robot/>");
        var foreign = _tmp.File(Path.Join("out", "keep-me.txt"), "x");
        var oldLog = _tmp.File(Path.Join("log", "robotmk-runner_2026-01-01.log"), "x");
        File.SetLastWriteTimeUtc(old, _clock.UtcNow.UtcDateTime.AddDays(-8));
        File.SetLastWriteTimeUtc(foreign, _clock.UtcNow.UtcDateTime.AddDays(-30));
        File.SetLastWriteTimeUtc(oldLog, _clock.UtcNow.UtcDateTime.AddDays(-8));
        File.SetLastWriteTimeUtc(fresh, _clock.UtcNow.UtcDateTime.AddDays(-6));

        Coordinator().Run(config);

        Assert.That((File.Exists(old), File.Exists(oldLog)), Is.EqualTo((false, false)));
        Assert.That((File.Exists(fresh), File.Exists(foreign)), Is.EqualTo((true, true)));
    }

    [TestCase(RobotmkLogLevel.Off, false)]
    [TestCase(RobotmkLogLevel.Info, true)]
    public void Log_level_off_writes_no_log(RobotmkLogLevel level, bool expectLog)
    {
        Coordinator(level).Run(Config("execution_interval: 300", "a.robot: {path: a.robot}"));
        var logs = Directory.Exists(_paths.LogDir) ? Directory.GetFiles(_paths.LogDir, "robotmk-runner_*.log") : [];
        Assert.That(logs.Length > 0, Is.EqualTo(expectLog));
        if (expectLog)
            Assert.That(File.ReadAllText(logs[0]), Does.Contain("run ").And.Contain(" ends: 1 suites"));
    }

    [Test]
    public void Unusable_config_keeps_the_last_good_snapshot_and_records_the_error()
    {
        Coordinator().Run(Config("execution_interval: 300", "a.robot: {path: a.robot}"));
        var broken = ConfigParser.Parse("global: [", "robotmk.yml", _paths);

        var report = Coordinator().Run(broken);

        Assert.That(report.Status, Is.EqualTo(RunStatus.ConfigError));
        var runner = StateFiles.ReadRunner(StateFiles.RunnerFile(_paths.StateDir));
        Assert.That(runner.ConfigError, Does.Contain("robotmk.yml:"));
        Assert.That(runner.Config!.Suites.Single().Id, Is.EqualTo("a.robot"));
        Assert.That(runner.LastRun, Is.Not.Null);
        Assert.That(State("a.robot").Result!.Status, Is.EqualTo(SuiteResult.NonFatal), "results stay as they were");
    }

    [Test]
    public void Output_folder_that_cannot_be_created_makes_suites_fatal_with_the_reason()
    {
        File.WriteAllText(Path.Join(_tmp.Path, "blocker"), "a file where a folder should be");
        var config = Config("execution_interval: 300", "a.robot: {path: a.robot}", outputDir: Path.Join(_tmp.Path, "blocker", "out"));

        var report = Coordinator().Run(config);

        var r = report.Results.Single();
        Assert.That(r.Status, Is.EqualTo(SuiteResult.Fatal));
        Assert.That(r.Error, Does.StartWith($"outputdir '{Path.Join(_tmp.Path, "blocker", "out")}' cannot be created"));
    }

    [Test]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void Folders_and_state_files_are_writable_by_the_owner_only_whatever_the_umask()
    {
        var config = Config("execution_interval: 300", "a.robot: {path: a.robot}");

        var previous = umask(0); // as permissive as an agent started with umask 000
        try
        {
            Coordinator().Run(config);
        }
        finally
        {
            umask(previous);
        }

        foreach (var dir in new[] { _paths.StateDir, _paths.OutputDir, _paths.LogDir })
            Assert.That(File.GetUnixFileMode(dir) & (UnixFileMode.GroupWrite | UnixFileMode.OtherWrite), Is.EqualTo(UnixFileMode.None), dir);
        foreach (var file in Directory.GetFiles(_paths.StateDir, "*.json"))
            Assert.That(File.GetUnixFileMode(file), Is.EqualTo(Robotmk.State.OwnerOnly.FileMode), file);
    }

    [Test]
    public void A_suite_whose_id_would_be_runner_never_overwrites_the_runner_state()
    {
        Directory.CreateDirectory(Path.Join(_paths.RobotDir, "runner"));
        var config = ConfigParser.Parse(
            $"global:\n  robotdir: {_paths.RobotDir}\n  outputdir: {_paths.OutputDir}\nsuites:\n  runner:\n    path: runner\n  a.robot:\n    path: a.robot\n",
            "robotmk.yml", _paths);
        Assert.That(config.Errors.Single().ToString(), Does.Contain("suites.runner: the suite id 'runner' is reserved"));

        var report = Coordinator().Run(config);

        var runner = StateFiles.ReadRunner(StateFiles.RunnerFile(_paths.StateDir));
        Assert.That(runner.LastRun!.RunId, Is.EqualTo(report.RunId), "robotmk_runner.json is still the runner's state");
        Assert.That(runner.Config!.Suites.Single(s => s.Id == "runner").Error, Does.Contain("reserved"));
        Assert.That(State("a.robot").Result!.Status, Is.EqualTo(SuiteResult.NonFatal));
    }

    [Test]
    public void A_result_too_large_for_the_agent_output_is_fatal_in_the_runner_already()
    {
        var config = Config("execution_interval: 300\nagent_output_encoding: base64_codec", "a.robot: {path: a.robot}");
        var coordinator = _host.Coordinator(new RunnerLimits { HeartbeatInterval = TimeSpan.Zero, MaxEncodedPayloadBytes = 1000 });

        var r = coordinator.Run(config).Results.Single();

        Assert.That(r.Status, Is.EqualTo(SuiteResult.Fatal));
        Assert.That(r.Xml, Is.Null);
        Assert.That(r.Error, Does.Match("^the encoded result is [0-9]+ bytes, more than the limit of 1000 bytes for the agent output"));
    }

    [System.Runtime.InteropServices.DllImport("libc")]
    private static extern uint umask(uint mask);
}
