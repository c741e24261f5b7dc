using System.Text.RegularExpressions;
using Robotmk.Runner.Logging;
using Robotmk.Runner.Processes;
using Robotmk.Tests.Reliability;
using Robotmk.Runner.RobotFramework;
using Robotmk.State;
using Robotmk.Tests.Support;

namespace Robotmk.Tests.Runner;

/// <summary>
/// RF started warm (forked from a Python that imported RF) or spawned, with the real RF: what a suite leaves behind does
/// not reach the next, and where warm starts are not possible or not wanted, RF is spawned and the log says so.
/// </summary>
public class RobotStartTests
{
    private const string LeakLibrary = """
        import os
        import sys

        SEEN = []


        def leave_traces():
            os.environ["ROBOTMK_LEAK"] = "suite a"
            SEEN.append("suite a")
            sys.path.append("/leaked/by/suite/a")


        def see_no_traces():
            problems = []
            if "ROBOTMK_LEAK" in os.environ:
                problems.append("environment variable ROBOTMK_LEAK")
            if SEEN:
                problems.append("module global SEEN = %r" % SEEN)
            if "/leaked/by/suite/a" in sys.path:
                problems.append("sys.path entry /leaked/by/suite/a")
            if problems:
                raise AssertionError("left by suite a: " + ", ".join(problems))
        """;

    [Test]
    public void A_suite_started_warm_sees_no_environment_variable_module_global_or_sys_path_entry_of_the_suite_before()
    {
        using var h = new RunnerHarness { RobotStart = "warm" };
        var libs = Path.Join(h.Root, "libs");
        Directory.CreateDirectory(libs);
        File.WriteAllText(Path.Join(libs, "leak.py"), LeakLibrary);
        h.Suite("a.robot", "*** Settings ***\nLibrary    leak\n\n*** Test Cases ***\nLeave\n    Leave Traces\n");
        h.Suite("b.robot", "*** Settings ***\nLibrary    leak\n\n*** Test Cases ***\nCheck\n    See No Traces\n");
        // The library is found through the suites' PYTHONPATH, which the forked child puts on sys.path itself.
        h.Config($"""
            a:
              path: a.robot
              env:
                PYTHONPATH: {libs}
            b:
              path: b.robot
              env:
                PYTHONPATH: {libs}
            """);

        var (rc, stdout, stderr) = h.Run("run");

        Assert.That(rc, Is.Zero, stdout + stderr);
        Assert.That(h.SuiteState("a").Result!.Rc, Is.Zero);
        Assert.That(h.SuiteState("b").Result!.Rc, Is.Zero, "suite b failed: it saw what suite a left");
        Assert.That(Log(h), Does.Match($@"{Regex.Escape(PythonRobot.Robot)}: started warm \(forked from '[^']+' with RF 7\.4\.2 imported and warmed up by a \d+ ms run of a built-in suite\)"),
            "the launcher ran its warm-up suite, and nothing RF printed then reached the runner's reply channel");
        var start = RfStartOf(h);
        Assert.That(start.Mode, Is.EqualTo(RfStartMode.Warm));
        Assert.That(start.Reason, Does.Match(@"^forked from '[^']*python[^']*' with RF 7\.4\.2$"), "robotmk status shows where RF is forked from");
        // The warm launcher reaps RF and tells what it used: RF's run costs tens of ms of CPU and the Python holding RF
        // tens of MiB (the part shared with the launcher included, as a spawned RF holds its own import of RF).
        var document = Directory.GetFiles(Path.Join(h.OutputDir, "results", "a"), "*.json").Single();
        using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllBytes(document));
        var usage = json.RootElement.GetProperty("resource_usage");
        Assert.That(usage.GetProperty("user_cpu_seconds").GetDouble() + usage.GetProperty("system_cpu_seconds").GetDouble(), Is.GreaterThan(0.005), usage.ToString());
        Assert.That(usage.GetProperty("peak_memory_bytes").GetInt64(), Is.InRange(10L << 20, 1L << 30), usage.ToString());
    }

    [Test]
    public void A_robot_launcher_that_Python_does_not_run_is_spawned_and_the_log_says_so_once()
    {
        using var h = new RunnerHarness { Robot = TestPaths.Robot, RobotStart = "warm" };
        h.Suite("a.robot", "*** Test Cases ***\nT\n    Log    a\n");
        h.Suite("b.robot", "*** Test Cases ***\nT\n    Log    b\n");
        h.Config("a:\n  path: a.robot\nb:\n  path: b.robot\n");

        var (rc, stdout, stderr) = h.Run("run");

        Assert.That(rc, Is.Zero, stdout + stderr);
        var log = Log(h);
        Assert.That(CountOf(log, $"{TestPaths.Robot}: started as a new process per attempt: not a Python launcher"), Is.EqualTo(1), log);
        Assert.That(log, Does.Not.Contain("started warm"));
        var start = RfStartOf(h);
        Assert.That(start.Mode, Is.EqualTo(RfStartMode.Spawn));
        Assert.That(start.Reason, Does.StartWith($"'{TestPaths.Robot}' is not a Python launcher"));
    }

    [Test]
    public void ROBOTMK_RF_LAUNCH_spawn_starts_a_new_process_per_attempt_for_a_Python_launcher_too()
    {
        using var h = new RunnerHarness { RobotStart = "spawn" };
        h.Suite("a.robot", "*** Test Cases ***\nT\n    Log    a\n");
        h.Config("a:\n  path: a.robot\n");

        var (rc, stdout, stderr) = h.Run("run");

        Assert.That(rc, Is.Zero, stdout + stderr);
        var log = Log(h);
        Assert.That(log, Does.Contain($"RF starts as a new process per attempt and merge: {RobotStart.Variable}=spawn"));
        Assert.That(log, Does.Not.Contain("started warm"));
        Assert.That(RfStartOf(h), Is.EqualTo(new RfStart { Mode = RfStartMode.Spawn, Reason = $"{RobotStart.Variable}=spawn" }));
    }

    [Test]
    public void Suites_side_by_side_are_forked_each_from_a_launcher_of_its_own_and_their_usage_is_known()
    {
        using var h = new RunnerHarness { RobotStart = "warm" };
        var pids = Path.Join(h.Root, "pids");
        Directory.CreateDirectory(pids);
        // Each suite notes which process forked it, and waits until the other one runs too (both at once, or neither
        // finishes: a launcher serves one program at a time).
        foreach (var (id, other) in new[] { ("a", "b"), ("b", "a") })
            h.Suite($"{id}.robot", $$"""
                *** Settings ***
                Library    OperatingSystem

                *** Test Cases ***
                Side By Side
                    ${parent}=    Evaluate    os.getppid()    modules=os
                    Create File    {{pids}}/{{id}}    ${parent}
                    Wait Until Keyword Succeeds    30 s    50 ms    File Should Exist    {{pids}}/{{other}}
                """);
        h.Config("a:\n  path: a.robot\n  group: a\nb:\n  path: b.robot\n  group: b\n", "max_parallel: 2");

        var (rc, stdout, stderr) = h.Run("run");

        Assert.That(rc, Is.Zero, stdout + stderr);
        Assert.That(h.SuiteState("a").Result!.Rc, Is.Zero, h.SuiteState("a").Result!.Error);
        Assert.That(h.SuiteState("b").Result!.Rc, Is.Zero, h.SuiteState("b").Result!.Error);
        var parents = new[] { "a", "b" }.Select(id => int.Parse(File.ReadAllText(Path.Join(pids, id)), System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.That(parents[0], Is.Not.EqualTo(parents[1]), "both suites were forked from the same launcher");
        Assert.That(parents, Has.None.EqualTo(Environment.ProcessId), "a suite was spawned by the runner, not forked");
        var log = Log(h);
        Assert.That(CountOf(log, $"{PythonRobot.Robot}: started warm"), Is.EqualTo(1), log);
        Assert.That(log, Does.Contain("up to 2 launchers for suites side by side"));
        Assert.That(RfStartOf(h).Mode, Is.EqualTo(RfStartMode.Warm));
        foreach (var id in new[] { "a", "b" })
        {
            var document = Directory.GetFiles(Path.Join(h.OutputDir, "results", id), "*.json").Single();
            using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllBytes(document));
            Assert.That(json.RootElement.GetProperty("resource_usage").GetProperty("user_cpu_seconds").ValueKind, Is.EqualTo(System.Text.Json.JsonValueKind.Number), id);
        }
    }

    [Test]
    public void A_tick_with_no_suite_due_starts_no_Python_and_keeps_the_last_known_way_RF_started()
    {
        using var h = new RunnerHarness { RobotStart = "warm" };
        h.Suite("a.robot", "*** Test Cases ***\nT\n    Log    a\n");
        h.Config("a:\n  path: a.robot\n  execution_interval: 600\n");

        var first = h.Run("run");
        var afterFirst = RfStartOf(h);
        var warmLines = CountOf(Log(h), "started warm");
        var second = h.Run("run"); // at once: suite a is not due again for 600 s

        Assert.That((first.Rc, second.Rc), Is.EqualTo((0, 0)), first.Out + first.Err + second.Out + second.Err);
        Assert.That(h.RunnerState().LastRun!.SuitesRun, Is.Zero, "the second run ran a suite");
        Assert.That(warmLines, Is.Positive);
        Assert.That(CountOf(Log(h), "started warm"), Is.EqualTo(warmLines), "the second run started a warm launcher");
        Assert.That(RfStartOf(h), Is.EqualTo(afterFirst));
        Assert.That(afterFirst.Mode, Is.EqualTo(RfStartMode.Warm));
    }

    [Test]
    public void A_failed_suite_is_rerun_and_merged_warm_with_the_same_result_as_spawned()
    {
        var results = new Dictionary<string, (int? Rc, int? Attempts, ResultStatus Status)>();
        foreach (var mode in new[] { "warm", "spawn" })
        {
            using var h = new RunnerHarness { RobotStart = mode };
            h.Suite("flaky.robot", "*** Test Cases ***\nPasses\n    Log    ok\nFails\n    Fail    always\n");
            h.Config("flaky:\n  path: flaky.robot\n  failed_handling:\n    max_iterations: 2\n    strategy:\n      name: incremental\n");
            h.Run("run");
            var r = h.SuiteState("flaky").Result!;
            results[mode] = (r.Rc, r.Attempts, r.Status);
            Assert.That(Log(h), mode == "warm" ? Does.Contain($"{PythonRobot.Rebot}: started warm") : Does.Not.Contain("started warm"));
        }
        Assert.That(results["warm"], Is.EqualTo(results["spawn"]));
        Assert.That(results["warm"].Attempts, Is.EqualTo(2));
        Assert.That(results["warm"].Rc, Is.EqualTo(1));
    }

    [Test]
    [NonParallelizable]
    public void The_next_runner_ends_the_warm_launcher_RF_and_its_child_that_a_killed_runner_left_running()
    {
        using var h = new RunnerHarness { RobotStart = "warm" };
        var childPid = Path.Join(h.Root, "child.pid");
        h.Suite("long.robot", $$"""
            *** Settings ***
            Library    Process
            *** Test Cases ***
            Long
                Start Process    sh    -c    echo $$ > {{childPid}}.tmp && mv {{childPid}}.tmp {{childPid}} && exec sleep 300
                Sleep    300s
            """);
        h.Config("long:\n  path: long.robot\n");
        var killed = RunnerProcess.Start(h);
        Pids.WaitUntil(() => File.Exists(childPid), TimeSpan.FromMinutes(1), "the suite started its child");
        var marker = ProcessMarker.ForStateDir(h.StateDir);
        var left = HostProcesses.WithEnvironment(marker.Name, marker.Value);
        killed.Kill();
        killed.WaitForExit();
        try
        {
            // The launcher, the RF it forked and the child RF started.
            Assert.That(left.Select(p => p.Pid).Where(Pids.IsAlive).ToList(), Has.Count.EqualTo(left.Count).And.Count.GreaterThanOrEqualTo(3),
                string.Join("; ", left.Select(p => $"{p.Pid} {p.CommandLine[..Math.Min(60, p.CommandLine.Length)]}")));

            File.WriteAllText(Path.Join(h.RobotDir, "long.robot.DISABLED"), "");
            var (rc, stdout, stderr) = RunnerProcess.Finish(RunnerProcess.Start(h), TimeSpan.FromMinutes(1));

            Assert.That(rc, Is.Zero, stderr);
            Assert.That(left.Select(p => p.Pid).Where(Pids.IsAlive), Is.Empty, "the launcher, RF and its child were ended");
            Assert.That(stderr, Does.Contain($"ended {left.Count} processes that run "));
        }
        finally
        {
            HostProcesses.Kill(HostProcesses.WithEnvironment(marker.Name, marker.Value));
        }
    }

    private static string Log(RunnerHarness h) =>
        string.Join("\n", Directory.GetFiles(h.OutputDir, RunnerLog.FilePrefix + "*.log").Select(File.ReadAllText));

    /// <summary>How the run started RF, as its runner state records it for <c>robotmk status</c>.</summary>
    private static RfStart RfStartOf(RunnerHarness h) => StateFiles.ReadRunner(StateFiles.RunnerFile(h.StateDir)).RfStart!;

    private static int CountOf(string text, string part) => (text.Length - text.Replace(part, "", StringComparison.Ordinal).Length) / part.Length;
}
