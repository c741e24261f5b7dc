using System.Text;
using Robotmk.State;
using Robotmk.Tests.Controller.Support;
using Robotmk.Tests.Support;

namespace Robotmk.Tests.Wine;

/// <summary>
/// The published win-x64 programs under Wine: the Windows code paths (Windows paths and agent folders, CreateProcess,
/// the Job Object, Ctrl-C, rename retries) run through the same Win32 calls as on a Windows host. Compiled only with
/// -p:WineTests=true and run by the Wine stage of .ci/run; what Wine cannot show is listed in docs/INSTALL.md.
/// </summary>
[Category("Wine")]
[NonParallelizable]
public class WindowsSmokeTests
{
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(60);

    private WineHost _wine = null!;
    private TempDir _bin = null!;
    private WindowsAgentHost _host = null!;

    [OneTimeSetUp]
    public void StartWine()
    {
        _wine = new WineHost();
        // robot.exe and rebot.exe side by side, as an RF installation has them: the runner takes rebot from there.
        _bin = new TempDir();
        File.Copy(_wine.RobotExe, Path.Join(_bin.Path, "robot.exe"));
        File.Copy(_wine.RobotExe, Path.Join(_bin.Path, "rebot.exe"));
    }

    [OneTimeTearDown]
    public void RemoveBin() => _bin.Dispose();

    [SetUp]
    public void NewHost() => _host = new WindowsAgentHost(_wine, _bin.Path);

    [TearDown]
    public void RemoveHost() => _host.Dispose();

    /// <summary>A name no other process has on its command line: the suite's file name, and so in robot.exe's arguments.</summary>
    private static string Marker() => "wine_" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>What the fake robot's child has on its command line.</summary>
    private static string ChildOf(string suite) => Path.GetFileNameWithoutExtension(suite) + "-child";

    [Test]
    public void Validate_finds_robotmk_yml_through_MK_CONFDIR_and_accepts_Windows_paths()
    {
        _host.Suite("pass.robot", "case: pass\n");
        _host.Configure("  pass.robot:\n    path: pass.robot\n    cwd: " + WineHost.WinPath(_host.RobotDir));

        var run = _host.Runner("validate");

        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        Assert.That(run.Stdout, Does.StartWith($"OK: {WineHost.WinPath(_host.Config)}\\robotmk.yml: 1 suite (pass.robot)"));
    }

    [Test]
    public void Without_agent_variables_the_runner_looks_in_ProgramData()
    {
        var run = _wine.Run(_wine.Program("robotmk-runner"), ["validate"], new Dictionary<string, string>());

        Assert.That(run.ExitCode, Is.EqualTo(2), run.ToString());
        Assert.That(run.Stdout + run.Stderr, Does.Contain(@"'C:\ProgramData\checkmk\agent\config\robotmk.yml' does not exist"));
    }

    [Test]
    public void Run_delivers_pass_fail_and_a_merged_rerun_that_the_controller_reports_per_the_section_contract()
    {
        _host.Suite("pass.robot", "case: pass\nrc: 0\n");
        _host.Suite("fail.robot", "case: fail\nrc: 1\n");
        _host.Suite("flaky.robot", "case: rerun/attempt-1\nrc: 1\nrerun_case: rerun/attempt-2\nrerun_rc: 0\n");
        _host.Configure("""
              pass.robot:
                path: pass.robot
              fail.robot:
                path: fail.robot
              flaky.robot:
                path: flaky.robot
                failed_handling:
                  max_iterations: 2
                  strategy:
                    name: incremental
            """);

        var run = _host.Runner("run");

        Assert.That(run.ExitCode, Is.EqualTo(1), "a suite with a failed test: exit 1\n" + run);
        Assert.That(_host.Result("pass.robot"), Has.Property("Status").EqualTo(SuiteResult.NonFatal).And.Property("Rc").EqualTo(0));
        Assert.That(_host.Result("fail.robot"), Has.Property("Status").EqualTo(SuiteResult.NonFatal).And.Property("Rc").EqualTo(1));
        Assert.That(_host.Result("flaky.robot"), Has.Property("Attempts").EqualTo(2).And.Property("Rc").EqualTo(0),
            "the re-run passed and rebot.exe merged both attempts");

        var section = _host.Controller();
        Assert.That(section.ExitCode, Is.Zero, section.ToString());
        var block = SectionContract.Check(Encoding.UTF8.GetBytes(section.Stdout)).Single();
        Assert.That(block.Suites.Select(s => (string)s["id"]!), Is.EquivalentTo(new[] { "pass.robot", "fail.robot", "flaky.robot" }));
        Assert.That((string)block.Suite("flaky.robot")["status"]!, Is.EqualTo("nonfatal"));
        Assert.That((int?)block.Suite("fail.robot")["rc"], Is.EqualTo(1));
        Assert.That((int?)block.Suite("flaky.robot")["attempts"], Is.EqualTo(2));
    }

    [Test]
    public void Timeout_ends_robot_and_the_child_it_started_with_its_job()
    {
        var suite = Marker() + ".robot";
        _host.Suite(suite, "case: pass\nchild: true\nhang: true\n");
        _host.Configure($"  {suite}:\n    path: {suite}\n    timeout: 5");

        var run = _host.Runner("run");

        Assert.That(run.ExitCode, Is.EqualTo(1), run.ToString());
        var result = _host.Result(suite);
        Assert.That(result.Status, Is.EqualTo(SuiteResult.Fatal));
        Assert.That(result.Error, Does.StartWith("timed out after 5 s: Robot Framework was ended at once with its process tree and job"));
        Assert.That(WineHost.Gone(suite), "robot.exe still runs after its timeout");
        Assert.That(WineHost.Gone(ChildOf(suite)), "the child robot.exe started still runs after the timeout");
    }

    [Test]
    public void A_child_left_running_by_a_finished_robot_is_ended_with_the_job()
    {
        // Only the Job Object catches this one: robot.exe exits normally, so there is no tree to kill, and the child
        // is no one's child any more.
        var suite = Marker() + ".robot";
        _host.Suite(suite, "case: pass\nrc: 0\nchild: true\n");
        _host.Configure($"  {suite}:\n    path: {suite}");

        var run = _host.Runner("run");

        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        Assert.That(_host.Result(suite).Status, Is.EqualTo(SuiteResult.NonFatal), "robot.exe started its child and exited");
        Assert.That(WineHost.Gone(ChildOf(suite)), "the child that robot.exe left running survived the suite");
    }

    [Test]
    public void Ctrl_C_stops_the_runner_the_running_suite_and_its_child()
    {
        var suite = Marker() + ".robot";
        _host.Suite(suite, "case: pass\nchild: true\nhang: true\n");
        _host.Configure($"  {suite}:\n    path: {suite}\n    timeout: 200");

        using var runner = _host.StartRunner("run");
        WineHost.AwaitAlive(ChildOf(suite), runner);
        // Wine turns SIGINT to a Windows console program into its Ctrl-C event: the runner's SIGINT/SIGTERM handler.
        Assert.That(Robotmk.Runner.Processes.Libc.Kill(runner.Id, 2), Is.Zero);
        var run = WineHost.Finish(runner, StopTimeout);

        Assert.That(run.ExitCode, Is.EqualTo(1), run.ToString());
        Assert.That(_host.Result(suite).Error, Does.StartWith("stopped: the runner was asked to stop"));
        Assert.That(WineHost.Gone(suite), "robot.exe still runs after the runner was stopped");
        Assert.That(WineHost.Gone(ChildOf(suite)), "its child still runs after the runner was stopped");
    }

    [Test]
    public void A_state_file_a_reader_holds_open_is_replaced_once_the_reader_lets_go()
    {
        _host.Suite("pass.robot", "case: pass\nrc: 0\n");
        _host.Configure("  pass.robot:\n    path: pass.robot");
        Assert.That(_host.Runner("run").ExitCode, Is.Zero);
        var suiteFile = StateFiles.SuiteFile(_host.StateDir, "pass.robot");
        var firstRun = _host.RunId;

        // A reader without delete sharing (a virus scanner) makes the rename fail until it lets go, 300 ms after the
        // runner's temp file appeared: the runner retries the rename and succeeds.
        using var reader = HoldOpen(suiteFile, TimeSpan.FromMilliseconds(300));
        var run = _host.Runner("run");

        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        Assert.That(WineHost.Finish(reader, StopTimeout).ExitCode, Is.Zero, "the reader saw the runner's temp file while it held the state file");
        Assert.That(_host.Result("pass.robot").RunId, Is.EqualTo(_host.RunId).And.Not.EqualTo(firstRun));
    }

    [Test]
    public void A_reader_that_holds_a_state_file_too_long_fails_the_write_and_the_old_file_stays_intact()
    {
        _host.Suite("pass.robot", "case: pass\nrc: 0\n");
        _host.Configure("  pass.robot:\n    path: pass.robot");
        Assert.That(_host.Runner("run").ExitCode, Is.Zero);
        var suiteFile = StateFiles.SuiteFile(_host.StateDir, "pass.robot");
        var before = File.ReadAllBytes(suiteFile);

        using var reader = HoldOpen(suiteFile, TimeSpan.FromSeconds(8));
        var run = _host.Runner("run");
        WineHost.Finish(reader, StopTimeout);

        Assert.That(run.ExitCode, Is.EqualTo(1), run.ToString());
        Assert.That(run.Stderr, Does.Contain("pass.robot").And.Contain("cannot write"));
        Assert.That(File.ReadAllBytes(suiteFile), Is.EqualTo(before), "the previous result is kept whole");
        Assert.That(Directory.GetFiles(_host.StateDir, "*" + AtomicFile.TempMarker + "*"), Is.Empty, "no temp file is left");
    }

    /// <summary>A Windows reader holding <paramref name="file"/> open without delete sharing until the writer's temp file appears, then for <paramref name="after"/>.</summary>
    private System.Diagnostics.Process HoldOpen(string file, TimeSpan after)
    {
        var reader = _wine.Start(_wine.RobotExe, ["--fake-hold", WineHost.WinPath(file), ((int)after.TotalMilliseconds).ToString(System.Globalization.CultureInfo.InvariantCulture)],
            new Dictionary<string, string>());
        Assert.That(reader.StandardOutput.ReadLine(), Is.EqualTo("held"), "the reader opened the state file");
        return reader;
    }
}
