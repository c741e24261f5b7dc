using Robotmk.Cli;
using Robotmk.Paths;
using Robotmk.Runner.Coordination;
using Robotmk.State;
using Robotmk.Tests.Reliability;
using Robotmk.Tests.Security;
using Robotmk.Tests.Support;
using Robotmk.Time;

namespace Robotmk.Tests.Runner;

/// <summary>
/// An external suite beside the agent's suites, with the real RF: the agent's runner skips it, <c>run --suite</c> runs
/// it in its own folder beside the state folder, and the controller shows both in one section.
/// </summary>
[Category("Integration")]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public class ExternalSuiteRunTests
{
    [Test]
    public void A_run_of_an_external_suite_gets_the_budget_of_its_own_interval_not_the_ticks()
    {
        var config = Robotmk.Tests.Config.ConfigTestSupport.Parse("""
            global:
              execution_interval: 300
              run_timeout: 240
            suites:
              desktop: {path: desktop.robot, execution_mode: external, execution_interval: 1800}
              api: {path: api.robot, execution_mode: external}
            """);
        Assert.That(config.Errors, Is.Empty);
        var suites = config.Config!.Suites;

        var desktop = Robotmk.Runner.Cli.ExternalRun.InFolder(config, "/x/desktop", suites.Single(s => s.Id == "desktop")).Config!.Global;
        var api = Robotmk.Runner.Cli.ExternalRun.InFolder(config, "/x/api", suites.Single(s => s.Id == "api")).Config!.Global;

        Assert.That(desktop.EffectiveRunTimeout, Is.EqualTo(Robotmk.Config.RunTimeBudget.ForInterval(1800).DefaultRunTimeout));
        Assert.That(api.EffectiveRunTimeout, Is.EqualTo(240), "a suite without its own interval runs at the tick, with its budget");
        Assert.That(desktop.OutputDir, Is.EqualTo(Path.Join("/x/desktop", "output")));
    }

    private RunnerHarness _h = null!;
    private string _folder = null!;

    private const string Passing = "*** Test Cases ***\nOne\n    Log    one\n";

    [SetUp]
    public void SetUp()
    {
        _h = new RunnerHarness();
        _h.Suite("api.robot", Passing);
        _h.Suite("desktop.robot", Passing);
        _h.Config("api:\n  path: api.robot\ndesktop:\n  path: desktop.robot\n  execution_mode: external");
        _folder = ExternalSuiteInstall.Create(_h.StateDir, "desktop");
    }

    [TearDown]
    public void TearDown() => _h.Dispose();

    [Test]
    public void The_agent_runner_skips_the_external_suite_and_names_its_folder_in_its_snapshot()
    {
        var (rc, stdout, _) = _h.Run();

        Assert.That(rc, Is.Zero);
        Assert.That(RunnerHarness.SectionJson(stdout)["suites_run"], Is.EqualTo(1L));
        Assert.That(File.Exists(StateFiles.SuiteFile(_h.StateDir, "api")), Is.True);
        Assert.That(File.Exists(StateFiles.SuiteFile(_h.StateDir, "desktop")), Is.False, "the agent runner wrote no state for the external suite");
        Assert.That(Directory.EnumerateFileSystemEntries(_folder), Is.Empty, "the agent runner wrote nothing into the user's folder");
        var suites = _h.RunnerState().Config!.Suites.ToDictionary(s => s.Id);
        Assert.That(suites["desktop"].ExternalDir, Is.EqualTo(_folder));
        Assert.That(suites["api"].ExternalDir, Is.Null);
    }

    [Test]
    public void Run_suite_runs_the_external_suite_in_its_folder_and_the_section_holds_both_suites()
    {
        Assert.That(_h.Run().Rc, Is.Zero);
        var agentState = File.ReadAllBytes(StateFiles.RunnerFile(_h.StateDir));

        var (rc, stdout, stderr) = _h.Run("run", "--suite", "desktop");

        Assert.That(rc, Is.EqualTo(ExitCode.Success), stdout + stderr);
        Assert.That(File.ReadAllBytes(StateFiles.RunnerFile(_h.StateDir)), Is.EqualTo(agentState), "the agent runner's state is untouched");
        var result = StateFiles.ReadSuite(StateFiles.SuiteFile(_folder, "desktop")).Result!;
        Assert.That((result.Status, result.Rc), Is.EqualTo((SuiteResult.NonFatal, (int?)0)));
        Assert.That(File.Exists(Path.Join(_folder, StateFiles.LockFileName)), Is.True, "its own lock");
        Assert.That(Directory.GetFiles(Path.Join(_folder, "output"), "*_output.xml"), Is.Not.Empty, "RF's outputs in the folder");
        Assert.That(Directory.Exists(_h.OutputDir) ? Directory.GetFiles(_h.OutputDir, "robotframework_desktop_*") : [], Is.Empty, "nothing in the configured outputdir");

        var section = Section();
        Assert.That(section.Select(s => (s.Id, s.Status)), Is.EquivalentTo(new[] { ("api", "nonfatal"), ("desktop", "nonfatal") }));
    }

    [Test]
    public void The_agent_runner_leaves_the_external_suites_results_alone()
    {
        Assert.That(_h.Run("run", "--suite", "desktop").Rc, Is.Zero);
        var userState = File.ReadAllBytes(StateFiles.SuiteFile(_folder, "desktop"));

        Assert.That(_h.Run().Rc, Is.Zero);
        Assert.That(_h.Run("run").Rc, Is.Zero);

        Assert.That(File.ReadAllBytes(StateFiles.SuiteFile(_folder, "desktop")), Is.EqualTo(userState));
    }

    [Test]
    public void A_user_runner_does_not_take_the_agent_runners_lock_and_two_of_one_suite_exclude_each_other()
    {
        using var agentLock = RunLock.TryAcquire(Path.Join(OwnerOnly.CreateOwnDirectory(_h.StateDir).FullName, StateFiles.LockFileName))!;
        Assert.That(_h.Run("run", "--suite", "desktop").Rc, Is.EqualTo(ExitCode.Success), "the agent runner's lock does not stop the user runner");

        using var userLock = RunLock.TryAcquire(Path.Join(_folder, StateFiles.LockFileName))!;
        var (rc, _, stderr) = _h.Run("run", "--suite", "desktop");
        Assert.That(rc, Is.EqualTo(ExitCode.Busy));
        Assert.That(stderr, Does.Contain("another runner"));
    }

    [Test]
    public void External_and_agent_suites_cannot_be_mixed_in_one_run()
    {
        var (rc, _, stderr) = _h.Run("run", "--suite", "api,desktop");

        Assert.That(rc, Is.EqualTo(ExitCode.InvalidInput));
        Assert.That(stderr, Does.Contain("desktop run as their user").And.Contain("api by the agent's runner"));
    }

    [Test]
    public void Without_the_external_root_the_user_runner_says_what_to_create()
    {
        Directory.Delete(ExternalSuiteFolders.Root(_h.StateDir), recursive: true);

        var (rc, _, stderr) = _h.Run("run", "--suite", "desktop");

        Assert.That(rc, Is.EqualTo(ExitCode.Busy));
        Assert.That(stderr, Does.Contain($"the external root '{ExternalSuiteFolders.Root(_h.StateDir)}' does not exist; create it owned by root, mode 0711"));
        Assert.That(Directory.Exists(ExternalSuiteFolders.Root(_h.StateDir)), Is.False);
    }

    [Test]
    public void Root_running_the_suite_by_hand_gets_a_folder_of_its_own_0700()
    {
        NobodyUser.Require();
        Directory.Delete(_folder);

        Assert.That(_h.Run("run", "--suite", "desktop").Rc, Is.EqualTo(ExitCode.Success));

        Assert.That(File.GetUnixFileMode(_folder), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute));
        Assert.That(StateFiles.ReadSuite(StateFiles.SuiteFile(_folder, "desktop")).Result!.Rc, Is.Zero);
    }

    [Test]
    public void A_folder_of_another_user_is_not_written_into()
    {
        NobodyUser.Require();
        File.SetUnixFileMode(_folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        NobodyUser.Own(_folder);

        var (rc, _, stderr) = _h.Run("run", "--suite", "desktop");

        Assert.That(rc, Is.EqualTo(ExitCode.Busy));
        Assert.That(stderr, Does.Contain($"'{_folder}' belongs to uid {NobodyUser.Uid}, not to this user (uid 0): run the suite as its owner"));
        Assert.That(Directory.EnumerateFileSystemEntries(_folder), Is.Empty);
    }

    [Test]
    public void Validate_names_the_external_suite_its_command_and_its_folder()
    {
        var (rc, stdout, _) = _h.Run("validate");
        Assert.That(rc, Is.Zero);
        Assert.That(stdout, Does.Contain($"external suite desktop: run as its user by 'robotmk-runner run --suite desktop', in '{_folder}' (owned by uid 0)"));

        Directory.Delete(_folder);
        Assert.That(_h.Run("validate").Out, Does.Contain($"in '{_folder}' (missing: create it owned by that user, mode 0700"));
    }

    private List<(string Id, string Status)> Section()
    {
        var (rc, output, err) = ControllerProbe.Run(_h.VarDir, SystemClock.Instance);
        Assert.That(rc, Is.Zero, err);
        var (blocks, problems) = Robotmk.Tests.Controller.Support.SectionContract.Validate(output);
        Assert.That(problems, Is.Empty);
        return blocks[0].Suites.Select(s => ((string)s["id"]!, (string)s["status"]!)).ToList();
    }
}
