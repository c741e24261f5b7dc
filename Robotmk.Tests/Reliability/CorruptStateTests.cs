using System.Text.Json.Nodes;
using Robotmk.Config;
using Robotmk.Controller.Cli;
using Robotmk.Paths;
using Robotmk.Runner.Coordination;
using Robotmk.Runner.Logging;
using Robotmk.Runner.RobotFramework;
using Robotmk.State;
using Robotmk.Tests.Controller.Support;
using Robotmk.Tests.Runner;
using Robotmk.Tests.Support;

namespace Robotmk.Tests.Reliability;

/// <summary>
/// Over 200 corrupt state files (cut, empty, wrong types, wrong encodings, future times, huge): the runner replaces
/// them and carries on; the controller always prints a valid section in which only the corrupt suite is fatal.
/// </summary>
[Category("Reliability")]
[NonParallelizable]
public class CorruptStateTests
{
    private TempDir _tmp = null!;
    private FakeClock _clock = null!;
    private FakeRobot _robot = null!;
    private HostPaths _paths = null!;
    private ConfigResult _config = null!;
    private byte[] _validA = null!, _validB = null!, _validRunner = null!;

    [SetUp]
    public void SetUp()
    {
        _tmp = new TempDir();
        _clock = new FakeClock(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));
        _robot = new FakeRobot(_clock);
        _paths = new HostPaths(Path.Join(_tmp.Path, "robotmk.yml"), Path.Join(_tmp.Path, "var", "robotmk"), Path.Join(_tmp.Path, "robot"),
            Path.Join(_tmp.Path, "out"), Path.Join(_tmp.Path, "log"));
        foreach (var s in new[] { "a", "b" })
            _tmp.File(Path.Join("robot", s, "s.robot"), "*** Test Cases ***\nT\n    Log    x\n");
        _config = ConfigParser.Parse($"global:\n  robotdir: {_paths.RobotDir}\n  outputdir: {_paths.OutputDir}\n  logdir: {_paths.LogDir}\n" +
                                     "  execution_interval: 300\n  cache_time: 600\nsuites:\n  a: {path: a}\n  b: {path: b}\n", "robotmk.yml", _paths);
        _robot.Behaviour["a"] = (TimeSpan.FromSeconds(2), "fail", 1);
        RunRunner();
        _validA = File.ReadAllBytes(SuiteFile("a"));
        _validB = File.ReadAllBytes(SuiteFile("b"));
        _validRunner = File.ReadAllBytes(StateFiles.RunnerFile(_paths.StateDir));
    }

    [TearDown]
    public void TearDown() => _tmp.Dispose();

    private string SuiteFile(string id) => StateFiles.SuiteFile(_paths.StateDir, id);

    private RunReport RunRunner() =>
        new RunCoordinator(_paths, _robot, _clock, new RunnerLimits { HeartbeatInterval = TimeSpan.Zero },
                new RunnerLog(null, RobotmkLogLevel.Off, _clock, Console.Error), _ => new RobotLauncher(new LaunchCommand("robot", []), new LaunchCommand("rebot", [])))
            .Run(_config);

    private void Restore()
    {
        File.WriteAllBytes(SuiteFile("a"), _validA);
        File.WriteAllBytes(SuiteFile("b"), _validB);
        File.WriteAllBytes(StateFiles.RunnerFile(_paths.StateDir), _validRunner);
    }

    [Test]
    public void Runner_replaces_every_corrupt_state_file_and_runs_on()
    {
        var suiteCases = CorruptStateGenerator.Suite(_validA).ToList();
        var runnerCases = CorruptStateGenerator.Runner(_validRunner).ToList();
        var failures = new List<string>();
        foreach (var (c, target) in suiteCases.Select(c => (c, "suite")).Concat(runnerCases.Select(c => (c, "runner"))))
        {
            Restore();
            File.WriteAllBytes(target == "suite" ? SuiteFile("a") : StateFiles.RunnerFile(_paths.StateDir), c.Bytes);
            _clock.Advance(TimeSpan.FromMinutes(5));
            try
            {
                var report = RunRunner();
                var audit = new StateAudit(_paths.StateDir, ["a", "b"]);
                audit.Check(c.Name);
                var runner = StateFiles.ReadRunner(StateFiles.RunnerFile(_paths.StateDir));
                if (report.Status != RunStatus.Completed || report.Results.Length != 2)
                    failures.Add($"{target} {c.Name}: run {report.Status} with {report.Results.Length} results: {report.Message}");
                failures.AddRange(audit.Failures.Select(f => $"{target} {f}"));
                foreach (var id in new[] { "a", "b" })
                    if (audit.Known[id]?.RunId != report.RunId)
                        failures.Add($"{target} {c.Name}: suite {id} has no result of run {report.RunId}");
                if (runner.LastRun?.RunId != report.RunId || runner.Status != RunnerState.StatusIdle)
                    failures.Add($"{target} {c.Name}: runner state not replaced: {runner.Status}, last run {runner.LastRun?.RunId}");
            }
            catch (Exception ex)
            {
                failures.Add($"{target} {c.Name}: {ex.GetType().Name}: {ex.Message}");
            }
        }

        Chaos.Report(new ScenarioFigures
        {
            Scenario = "bad input: corrupt state files read by the runner",
            Count = suiteCases.Count + runnerCases.Count,
            Unit = "corrupt files",
            Failures = failures,
            Figures = new Dictionary<string, object> { ["suite_state_files"] = suiteCases.Count, ["runner_state_files"] = runnerCases.Count },
        });
        Assert.That(failures, Is.Empty);
        Assert.That(suiteCases.Count + runnerCases.Count, Is.GreaterThanOrEqualTo(200));
    }

    [Test]
    public void Controller_prints_a_valid_section_for_every_corrupt_state_file_and_only_that_suite_is_fatal()
    {
        var suiteCases = CorruptStateGenerator.Suite(_validA).ToList();
        var runnerCases = CorruptStateGenerator.Runner(_validRunner).ToList();
        var failures = new List<string>();
        var fatal = 0;
        foreach (var (c, target) in suiteCases.Select(c => (c, "suite")).Concat(runnerCases.Select(c => (c, "runner"))))
        {
            Restore();
            File.WriteAllBytes(target == "suite" ? SuiteFile("a") : StateFiles.RunnerFile(_paths.StateDir), c.Bytes);
            var (rc, output, err) = ControllerProbe.Run(Path.Join(_tmp.Path, "var"), _clock);
            var (blocks, problems) = SectionContract.Validate(output);
            if (rc != 0 || problems.Count > 0)
            {
                failures.Add($"{target} {c.Name}: rc {rc}, {string.Join("; ", problems)} {err}");
                continue;
            }
            var suites = blocks[0].Suites.ToDictionary(s => (string)s["id"]!);
            if (target == "runner")
            {
                if (c.Kind == Corruption.Unreadable && suites.Values.Any(s => (string)s["status"]! != "fatal"))
                    failures.Add($"runner {c.Name}: a suite is not fatal although the runner state is unreadable");
                continue;
            }
            if (!suites.TryGetValue("a", out var a) || !suites.TryGetValue("b", out var b))
            {
                failures.Add($"suite {c.Name}: suites listed: {string.Join(", ", suites.Keys)}");
                continue;
            }
            if ((string)b["status"]! != "nonfatal" || b["xml"] is null)
                failures.Add($"suite {c.Name}: the intact suite b became {(string)b["status"]!}: {b["error"]}");
            if ((string)a["status"]! == "fatal")
                fatal++;
            else if (c.Kind is Corruption.Unreadable or Corruption.FutureTime)
                failures.Add($"suite {c.Name}: the corrupt suite a is {(string)a["status"]!}, expected fatal");
        }

        Chaos.Report(new ScenarioFigures
        {
            Scenario = "bad input: corrupt state files read by the controller",
            Count = suiteCases.Count + runnerCases.Count,
            Unit = "corrupt files",
            Failures = failures,
            Figures = new Dictionary<string, object> { ["corrupt_suites_reported_fatal"] = fatal },
        });
        Assert.That(failures, Is.Empty);
    }
}

/// <summary>The controller run in-process the way the agent runs it: MK_VARDIR set, no arguments.</summary>
public static class ControllerProbe
{
    public static (int Rc, byte[] Output, string Err) Run(string varDir, Robotmk.Time.IClock clock)
    {
        var env = new AgentEnvironment(new Dictionary<string, string> { ["MK_VARDIR"] = varDir }, HostOs.Linux);
        using var output = new MemoryStream();
        using var err = new StringWriter();
        var rc = Robotmk.Controller.Program.Run([], new ControllerContext(env, clock, output, err, "reliability-test"));
        return (rc, output.ToArray(), err.ToString());
    }

    /// <summary>Problems of the section the controller prints now, plus suites of the local block that are missing.</summary>
    public static List<string> Check(string varDir, Robotmk.Time.IClock clock, IEnumerable<string> suiteIds)
    {
        var (rc, output, err) = Run(varDir, clock);
        var (blocks, problems) = SectionContract.Validate(output);
        var found = new List<string>(problems);
        if (rc != 0)
            found.Add($"controller exit code {rc}: {err}");
        if (blocks.Count > 0)
        {
            var listed = blocks[0].Suites.Select(s => (string?)s["id"]).ToHashSet();
            found.AddRange(suiteIds.Where(id => !listed.Contains(id)).Select(id => $"suite {id} missing from the section"));
        }
        return found;
    }

    public static string Status(JsonObject suite) => (string)suite["status"]!;
}
