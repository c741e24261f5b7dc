using System.Diagnostics;
using Robotmk.State;

namespace Robotmk.Tests.Runner;

/// <summary>A runner told to stop (cron's timeout, systemd, Ctrl-C) ends its suite's processes and writes its state.</summary>
[Category("Integration")]
[NonParallelizable]
public class RunnerStopTests
{
    [Test]
    public void Sigterm_stops_the_running_suite_starts_no_other_and_leaves_consistent_state()
    {
        using var h = new RunnerHarness();
        var pidFile = Path.Join(h.Root, "robot.pid");
        h.Suite("a_slow.robot", $$"""
            *** Test Cases ***
            Slow
                ${pid}=    Evaluate    os.getpid()    modules=os
                Evaluate    open(r'{{pidFile}}', 'w').write(str(${pid}))
                Sleep    120s
            """);
        h.Suite("b_next.robot", "*** Test Cases ***\nNext\n    Log    never\n");
        h.Config("a_slow.robot:\n  path: a_slow.robot\nb_next.robot:\n  path: b_next.robot");

        var runner = RunnerProcess.Start(h, "run");
        Pids.WaitUntil(() => File.Exists(pidFile) && new FileInfo(pidFile).Length > 0, TimeSpan.FromMinutes(1), "RF runs the slow suite");
        using (var kill = Process.Start("kill", ["-TERM", runner.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            kill.WaitForExit();
        var (rc, stdout, stderr) = RunnerProcess.Finish(runner, TimeSpan.FromSeconds(60));

        Assert.That(rc, Is.EqualTo(1), stdout + stderr);
        Assert.That(Pids.IsAlive(Pids.ReadPidFile(pidFile)), Is.False, "RF does not outlive the stopped runner");
        var slow = h.SuiteState("a_slow.robot");
        Assert.That(slow.State, Is.EqualTo(SuiteState.Done));
        Assert.That(slow.Result!.Status, Is.EqualTo(SuiteResult.Fatal));
        Assert.That(slow.Result.Error, Does.StartWith("stopped: the runner was asked to stop"));
        Assert.That(File.Exists(StateFiles.SuiteFile(h.StateDir, "b_next.robot")), Is.False, "no suite starts after the stop");
        Assert.That(h.RunnerState().Status, Is.EqualTo(RunnerState.StatusIdle));
        Assert.That(stdout, Does.Contain("b_next.robot").And.Contain("SKIPPED"));
    }
}
