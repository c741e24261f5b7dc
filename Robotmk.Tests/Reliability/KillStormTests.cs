using System.Diagnostics;
using Robotmk.State;
using Robotmk.Tests.Runner;

namespace Robotmk.Tests.Reliability;

/// <summary>
/// SIGKILL at random moments (seeded): the runner process itself, and separately the RF process of a suite. After
/// every kill no state file is torn, no result is lost, the next runner takes the lock over and ends whatever the
/// killed runner left running.
/// </summary>
/// <param name="maxParallel">1: one suite after another, as v1; 2: the suites run side by side.</param>
[Category("Reliability")]
[NonParallelizable]
[TestFixture(1)]
[TestFixture(2)]
public class KillStormTests(int maxParallel)
{
    private ChaosHost _host = null!;

    private string Side => maxParallel == 1 ? "" : $" (max_parallel {maxParallel})";

    [SetUp]
    public void SetUp()
    {
        _host = new ChaosHost();
        _host.Configure(StormSuites, $"max_parallel: {maxParallel}");
        _sections = 0;
    }

    [TearDown]
    public void TearDown() => _host.Dispose();

    /// <summary>A passing suite, a failing one that is re-run and merged by rebot, one that leaves a child process running.</summary>
    public static readonly IReadOnlyList<ChaosSuite> StormSuites =
    [
        new("pass.robot", "pass.robot", [("pass.robot", "*** Test Cases ***\nPass\n    Log    ok\n    Sleep    0.2s\n")]),
        new("flaky", "flaky", [("flaky/flaky.robot", "*** Test Cases ***\nFails\n    Sleep    0.1s\n    Should Be Equal    1    2\n")],
            "failed_handling: {max_iterations: 2}"),
        new("child.robot", "child.robot", [("child.robot", """
            *** Settings ***
            Library    Process
            *** Test Cases ***
            Leaves A Child Running
                Start Process    sleep    300
                Sleep    0.3s
            """)]),
    ];

    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(2);

    private string[] SuiteIds => [.. StormSuites.Select(s => s.Id)];

    private int _sections;

    /// <summary>What the agent would get from the controller right now: a valid section listing every suite.</summary>
    private void CheckSection(string when, List<string> failures)
    {
        _sections++;
        failures.AddRange(ControllerProbe.Check(_host.Harness.VarDir, Robotmk.Time.SystemClock.Instance, SuiteIds).Select(p => $"{when}: controller: {p}"));
    }

    [Test]
    public void Runner_killed_at_random_moments_never_tears_or_loses_a_result_and_leaves_nothing_running()
    {
        var random = Chaos.Random("kill-runner");
        var kills = Chaos.Count(20);
        var audit = new StateAudit(_host.StateDir, SuiteIds);

        // Calibration: how long a runner needs to take over, and how long its run lasts afterwards.
        var sw = Stopwatch.StartNew();
        var first = RunnerProcess.Start(_host.Harness);
        Assert.That(_host.WaitForTakeover(first, Limit), Is.True, "the first runner takes the lock");
        var takeover = sw.Elapsed;
        RunnerProcess.Finish(first, Limit);
        var run = sw.Elapsed - takeover;
        audit.Check("after the first complete run");
        Assert.That(audit.Known.Values, Has.All.Not.Null, "every suite has a result to lose");

        var failures = new List<string>();
        int killed = 0, finishedFirst = 0, startupKills = 0, orphansLeft = 0, tempFilesLeft = 0;
        var orphanedByKills = new HashSet<int>();
        // Until the count of kills is reached: a run that finishes before its kill moment does not count.
        for (var i = 1; killed < kills && i <= 2 * kills; i++)
        {
            var runner = RunnerProcess.Start(_host.Harness);
            var stdout = runner.StandardOutput.ReadToEndAsync();
            var stderr = runner.StandardError.ReadToEndAsync();
            var inStartup = random.NextDouble() < 0.2;
            if (inStartup)
            {
                // Before or while it takes the lock; whether it recovered is checked by the next runner's takeover.
                Thread.Sleep(takeover * random.NextDouble());
                startupKills++;
            }
            else
            {
                if (!_host.WaitForTakeover(runner, Limit))
                {
                    runner.WaitForExit();
                    failures.Add($"kill {i}: runner {runner.Id} did not take the lock over: {stdout.Result.Trim()} {stderr.Result.Trim()}");
                    continue;
                }
                // The previous kill's leftovers are ended before the new run starts anything.
                var orphans = _host.Orphans(runner);
                var temps = _host.ForeignTempFiles(runner.Id);
                orphansLeft += orphans.Count;
                tempFilesLeft += temps.Count;
                if (orphans.Count > 0)
                    failures.Add($"kill {i}: {orphans.Count} processes of a killed runner still run after the next runner took over: " +
                                 string.Join("; ", orphans.Select(o => $"{o.Pid} {o.CommandLine}")));
                if (temps.Count > 0)
                    failures.Add($"kill {i}: {temps.Count} temp files of a killed writer left after the next runner took over: {string.Join(", ", temps.Select(Path.GetFileName))}");
                Thread.Sleep(run * random.NextDouble());
            }

            if (runner.HasExited)
            {
                finishedFirst++;
            }
            else
            {
                runner.Kill();
                killed++;
            }
            runner.WaitForExit();
            audit.Check($"kill {i} ({(inStartup ? "startup" : "run")})");
            CheckSection($"kill {i}", failures);
            orphanedByKills.UnionWith(_host.Orphans(null).Select(p => p.Pid));
        }

        // The storm is over: a runner left alone completes the run, takes over everything and leaves nothing running.
        var last = RunnerProcess.Start(_host.Harness);
        var (rc, outText, errText) = RunnerProcess.Finish(last, Limit);
        var status = RunnerHarness.SectionJson(outText)["status"];
        if (rc != 0 || (string?)status != "completed")
            failures.Add($"the runner after the storm did not complete: rc {rc}, status {status}: {errText}");
        audit.Check("after the storm");
        var runId = _host.TryReadRunnerState()?.RunId;
        foreach (var id in SuiteIds)
            if (audit.Known[id]?.RunId != runId)
                failures.Add($"suite {id} has no result of the last run {runId}");
        var leftover = _host.SuiteProcesses();
        orphansLeft += leftover.Count;
        tempFilesLeft += _host.ForeignTempFiles(-1).Count;
        failures.AddRange(audit.Failures);

        Chaos.Report(new ScenarioFigures
        {
            Scenario = "kill-storm: SIGKILL the runner" + Side,
            Count = killed,
            Unit = "runner kills",
            Failures = failures,
            Figures = new Dictionary<string, object>
            {
                ["kills_in_startup"] = startupKills,
                ["runs_finished_before_their_kill"] = finishedFirst,
                ["state_files_parsed"] = audit.FilesParsed,
                ["new_results_seen"] = audit.NewResults,
                ["torn_files"] = audit.Torn,
                ["lost_results"] = audit.Lost,
                ["processes_orphaned_by_kills"] = orphanedByKills.Count,
                ["orphans_left_after_next_start"] = orphansLeft,
                ["temp_files_left_after_next_start"] = tempFilesLeft,
                ["controller_sections_checked"] = _sections,
            },
        });
        Assert.That(failures, Is.Empty);
        Assert.That(killed, Is.EqualTo(kills), "the runners were killed, not finished");
        Assert.That(orphanedByKills, Is.Not.Empty, "the storm did orphan suite processes, so their cleanup was tested");
    }

    [Test]
    public void Robot_Framework_killed_at_random_moments_gives_a_precise_fatal_result_and_the_run_goes_on()
    {
        var random = Chaos.Random("kill-rf");
        var kills = Chaos.Count(6);
        var audit = new StateAudit(_host.StateDir, SuiteIds);
        RunnerProcess.Finish(RunnerProcess.Start(_host.Harness), Limit);
        audit.Check("after the first complete run");

        var failures = new List<string>();
        int killed = 0, missed = 0, orphansLeft = 0, fatal = 0;
        for (var i = 1; killed < kills && i <= 2 * kills; i++)
        {
            var target = StormSuites[random.Next(StormSuites.Count)];
            var delay = TimeSpan.FromSeconds(0.6 * random.NextDouble());
            var runner = RunnerProcess.Start(_host.Harness);
            var stdout = runner.StandardOutput.ReadToEndAsync();
            var stderr = runner.StandardError.ReadToEndAsync();
            var robot = WaitForRobot(runner, target);
            if (robot is null)
            {
                missed++;
            }
            else
            {
                Thread.Sleep(delay);
                if (kill(robot.Pid, 9) == 0)
                    killed++;
                else
                    missed++;
            }
            if (!runner.WaitForExit(Limit))
            {
                runner.Kill();
                failures.Add($"kill {i}: the runner did not finish after RF of {target.Id} was killed");
            }
            runner.WaitForExit();
            var section = RunnerHarness.SectionJson(stdout.Result);
            if ((string?)section["status"] != "completed")
                failures.Add($"kill {i}: runner status {section["status"]}: {stderr.Result}");
            audit.Check($"RF kill {i} ({target.Id})");
            CheckSection($"RF kill {i}", failures);
            var state = StateFiles.ReadSuite(StateFiles.SuiteFile(_host.StateDir, target.Id));
            var runId = _host.TryReadRunnerState()!.RunId;
            foreach (var id in SuiteIds)
                if (audit.Known[id]?.RunId != runId)
                    failures.Add($"kill {i}: suite {id} has no result of run {runId} although only RF of {target.Id} was killed");
            if (state.Result is { Status: SuiteResult.Fatal } r && robot is not null)
            {
                fatal++;
                if (!r.Error!.Contains("signal 9", StringComparison.Ordinal))
                    failures.Add($"kill {i}: fatal result of {target.Id} does not say RF was killed: {r.Error}");
            }
            var left = _host.SuiteProcesses();
            orphansLeft += left.Count;
            if (left.Count > 0)
                failures.Add($"kill {i}: {left.Count} processes left after the run: {string.Join("; ", left.Select(o => $"{o.Pid} {o.CommandLine}"))}");
        }
        failures.AddRange(audit.Failures);

        Chaos.Report(new ScenarioFigures
        {
            Scenario = "kill-storm: SIGKILL Robot Framework" + Side,
            Count = killed,
            Unit = "RF kills",
            Failures = failures,
            Figures = new Dictionary<string, object>
            {
                ["kill_moments_missed"] = missed,
                ["fatal_results"] = fatal,
                ["torn_files"] = audit.Torn,
                ["lost_results"] = audit.Lost,
                ["orphans_left"] = orphansLeft,
                ["controller_sections_checked"] = _sections,
            },
        });
        Assert.That(failures, Is.Empty);
        Assert.That(killed, Is.EqualTo(kills), "the kills hit a running RF");
    }

    /// <summary>The RF process (not rebot) the runner started for a suite, once it runs; null if the runner ended first.</summary>
    private HostProcess? WaitForRobot(Process runner, ChaosSuite suite)
    {
        var target = Path.Join(_host.Harness.RobotDir, suite.Path);
        var sw = Stopwatch.StartNew();
        while (!runner.HasExited && sw.Elapsed < Limit)
        {
            var robot = _host.SuiteProcesses().FirstOrDefault(p =>
                p.ParentPid == runner.Id && p.CommandLine.Contains(" -m robot ", StringComparison.Ordinal) && p.CommandLine.EndsWith(target, StringComparison.Ordinal));
            if (robot is not null)
                return robot;
            Thread.Sleep(2);
        }
        return null;
    }

    [System.Runtime.InteropServices.DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int sig);
}
