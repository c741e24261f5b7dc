using System.Diagnostics;
using Robotmk.Config;
using Robotmk.Paths;
using Robotmk.Runner.Coordination;
using Robotmk.Runner.Logging;
using Robotmk.Runner.RobotFramework;
using Robotmk.State;
using Robotmk.Tests.Runner;
using Robotmk.Tests.Support;

namespace Robotmk.Tests.Reliability;

/// <summary>
/// The decision the kill storm tests at random moments, shown once step by step: RF outlives a SIGKILLed runner (it
/// leads its own process group), and the next runner ends it and what it started before running anything.
/// </summary>
[Category("Reliability")]
[NonParallelizable]
public class LeftoverProcessTests
{
    [Test]
    public void Next_runner_ends_what_a_killed_runner_left_running_and_says_so()
    {
        using var host = new ChaosHost();
        var childPid = Path.Join(host.Harness.Root, "child.pid");
        host.Configure(
        [
            new("long.robot", "long.robot", [("long.robot", $$"""
                *** Settings ***
                Library    Process
                *** Test Cases ***
                Long
                    Start Process    sh    -c    echo $$ > {{childPid}}.tmp && mv {{childPid}}.tmp {{childPid}} && exec sleep 300
                    Sleep    300s
                """)]),
        ]);
        var killed = RunnerProcess.Start(host.Harness);
        Pids.WaitUntil(() => File.Exists(childPid), TimeSpan.FromMinutes(1), "the suite started its child");
        var left = host.SuiteProcesses();
        killed.Kill();
        killed.WaitForExit();
        Assert.That(left.Select(p => p.Pid).Where(Pids.IsAlive).ToList(), Has.Count.EqualTo(left.Count).And.Count.GreaterThanOrEqualTo(2),
            "RF and its child run on after the runner was killed");
        Assert.That(StateFiles.ReadSuite(StateFiles.SuiteFile(host.StateDir, "long.robot")).State, Is.EqualTo(SuiteState.Running));

        // The next run has nothing to do but take over: the suite is disabled.
        File.WriteAllText(Path.Join(host.Harness.RobotDir, "long.robot.DISABLED"), "");
        var (rc, stdout, stderr) = RunnerProcess.Finish(RunnerProcess.Start(host.Harness), TimeSpan.FromMinutes(1));

        Assert.That(rc, Is.Zero, stderr);
        Assert.That(RunnerHarness.SectionJson(stdout)["status"], Is.EqualTo("completed"));
        Assert.That(left.Select(p => p.Pid).Where(Pids.IsAlive), Is.Empty, "RF and its child were ended");
        Assert.That(stderr, Does.Contain($"ended {left.Count} processes that run ").And.Contain("which did not finish, left running"));
        Assert.That(StateFiles.ReadSuite(StateFiles.SuiteFile(host.StateDir, "long.robot")).State, Is.EqualTo(SuiteState.Pending),
            "the suite is no longer shown as running (it never finished, so it has no result)");
    }

    [Test]
    public void Next_runner_removes_the_temp_files_of_a_killed_writer_at_once()
    {
        using var tmp = new TempDir();
        // Age is judged against the files' real modification times.
        var clock = new FakeClock(DateTimeOffset.UtcNow);
        var paths = new HostPaths(Path.Join(tmp.Path, "robotmk.yml"), tmp.Sub("state"), tmp.Sub("robot"), Path.Join(tmp.Path, "out"), Path.Join(tmp.Path, "log"));
        tmp.File(Path.Join("robot", "a.robot"), "*** Test Cases ***\nT\n    Log    x\n");
        using var gone = Process.Start(new ProcessStartInfo("true") { UseShellExecute = false })!;
        gone.WaitForExit();
        var ofDeadWriter = tmp.File(Path.Join("state", $".robotmk_a.json{AtomicFile.TempMarker}{gone.Id}-0badf00d"), "{\"half");
        var ofLiveWriter = tmp.File(Path.Join("state", $".robotmk_b.json{AtomicFile.TempMarker}1-0badf00d"), "{\"half");
        var config = ConfigParser.Parse($"global:\n  robotdir: {paths.RobotDir}\n  outputdir: {paths.OutputDir}\n  execution_interval: 300\nsuites:\n  a.robot: {{path: a.robot}}\n",
            "robotmk.yml", paths);

        new RunCoordinator(paths, new FakeRobot(clock), clock, new RunnerLimits { HeartbeatInterval = TimeSpan.Zero },
            new RunnerLog(null, RobotmkLogLevel.Off, clock, Console.Error), _ => new RobotLauncher(new LaunchCommand("robot", []), new LaunchCommand("rebot", []))).Run(config);

        Assert.That(File.Exists(ofDeadWriter), Is.False, "its writer is gone: removed, however young it is");
        Assert.That(File.Exists(ofLiveWriter), Is.True, "pid 1 runs: possibly a writer at work, kept until it is 5 minutes old");
    }
}
