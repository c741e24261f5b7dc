using System.Diagnostics;
using Robotmk.Config;
using Robotmk.Paths;
using Robotmk.Runner.Coordination;
using Robotmk.Runner.Logging;
using Robotmk.Runner.Processes;
using Robotmk.Runner.RobotFramework;
using Robotmk.State;
using Robotmk.Tests.Runner;
using Robotmk.Tests.Support;

namespace Robotmk.Tests.Security;

/// <summary>
/// The runner (root) ends what a killed run left behind by a marker in the environment, which anybody can set on
/// their own processes. Only the runner's own user's processes are ended, and only after a runner died in its run.
/// </summary>
[Category("Security")]
[NonParallelizable]
public class LeftoverKillTests
{
    private const int Nobody = 65534;

    private TempDir _tmp = null!;
    private HostPaths _paths = null!;
    private FakeClock _clock = null!;
    private ConfigResult _config = null!;
    private readonly List<int> _started = [];

    [SetUp]
    public void SetUp()
    {
        if (!OperatingSystem.IsLinux())
            Assert.Ignore("leftovers are looked for in /proc on Linux; Windows ends them with the runner's job object");
        _tmp = new TempDir();
        _clock = new FakeClock(DateTimeOffset.UtcNow);
        _paths = new HostPaths(Path.Join(_tmp.Path, "robotmk.yml"), Path.Join(_tmp.Path, "var", "robotmk"), Path.Join(_tmp.Path, "robot"),
            Path.Join(_tmp.Path, "out"), Path.Join(_tmp.Path, "log"));
        _tmp.File(Path.Join("robot", "a.robot"), "*** Test Cases ***\nT\n    Log    x\n");
        _config = ConfigParser.Parse($"global:\n  robotdir: {_paths.RobotDir}\n  outputdir: {_paths.OutputDir}\n  execution_interval: 300\n" +
                                     "suites:\n  a: {path: a.robot}\n", "robotmk.yml", _paths);
        Run();
    }

    [TearDown]
    public void TearDown()
    {
        foreach (var pid in _started)
            Pids.Kill(pid);
        _started.Clear();
        _tmp?.Dispose();
    }

    [Test]
    public void A_process_of_another_user_with_the_marker_is_not_ended_after_a_runner_died()
    {
        if (!File.Exists("/usr/bin/setpriv") && !File.Exists("/bin/setpriv"))
            Assert.Ignore("setpriv (util-linux) is needed to start a process as another user");
        if (Environment.UserName != "root")
            Assert.Ignore("only root can start a process as another user");
        var foreign = StartMarked(asNobody: true);
        var own = StartMarked(asNobody: false);
        PreviousRunnerDied();

        Run();

        Assert.That(Pids.IsAlive(foreign), Is.True, "a process of nobody is never ended, whatever its environment says");
        Assert.That(Pids.IsAlive(own), Is.False, "the runner's own leftovers are ended (the same run, so the check above means something)");
    }

    [Test]
    public void Marked_processes_are_not_ended_when_the_previous_runner_finished_its_run()
    {
        var own = StartMarked(asNobody: false);

        var log = Run();

        Assert.That(Pids.IsAlive(own), Is.True, "no runner died: nothing was left behind, nothing is looked for");
        Assert.That(log, Does.Not.Contain("left running"));
    }

    [Test]
    public void Leftovers_are_ended_and_reported_when_the_previous_runner_died_in_its_run()
    {
        var own = StartMarked(asNobody: false);
        var died = PreviousRunnerDied();

        var log = Run();

        Assert.That(Pids.IsAlive(own), Is.False);
        Assert.That(log, Does.Contain($"ended 1 processes that run {died.RunId} (pid {died.Pid}), which did not finish, left running: {own} sleep 300"));
    }

    /// <summary>The runner state as a runner leaves it when it is killed in its run: "running", its pid gone.</summary>
    private RunnerState PreviousRunnerDied()
    {
        using var gone = Process.Start(new ProcessStartInfo("true") { UseShellExecute = false })!;
        gone.WaitForExit();
        var file = StateFiles.RunnerFile(_paths.StateDir);
        var died = StateFiles.ReadRunner(file) with { Status = RunnerState.StatusRunning, Pid = gone.Id, RunId = "20261206T100000Z-dead00", EndTime = null };
        StateFiles.Write(file, died);
        return died;
    }

    /// <summary>A sleeping process whose environment holds this state folder's marker, of this user or of nobody.</summary>
    private int StartMarked(bool asNobody)
    {
        var marker = ProcessMarker.ForStateDir(_paths.StateDir);
        string[] command = asNobody ? ["setpriv", $"--reuid={Nobody}", $"--regid={Nobody}", "--clear-groups", "sleep", "300"] : ["sleep", "300"];
        var pid = Pids.StartDetached(new Dictionary<string, string> { [marker.Name] = marker.Value }, command);
        _started.Add(pid);
        // setpriv execs sleep: wait until the process is sleep, as nobody, so the runner sees it as it will stay.
        Pids.WaitUntil(() => File.ReadAllText($"/proc/{pid}/cmdline").StartsWith("sleep\0", StringComparison.Ordinal), TimeSpan.FromSeconds(10), "sleep runs");
        return pid;
    }

    /// <returns>What the runner logged.</returns>
    private string Run()
    {
        var log = new StringWriter();
        new RunCoordinator(_paths, new FakeRobotWithRealLeftovers(new FakeRobot(_clock)), _clock, new RunnerLimits { HeartbeatInterval = TimeSpan.Zero },
            new RunnerLog(null, RobotmkLogLevel.Info, _clock, log, mirrorToErr: true), _ => new RobotLauncher(new LaunchCommand("robot", []), new LaunchCommand("rebot", []))).Run(_config);
        return log.ToString();
    }

    /// <summary>Suites run by the fake, leftovers looked for in the real /proc.</summary>
    private sealed class FakeRobotWithRealLeftovers(FakeRobot robot) : IProcessRunner
    {
        private readonly ProcessRunner _real = new();

        public ProcessOutcome Run(ProcessSpec spec, CancellationToken cancel = default) => robot.Run(spec, cancel);

        public IReadOnlyList<string> EndMarked(ProcessMarker marker) => _real.EndMarked(marker);
    }
}
