using System.Diagnostics;
using Robotmk.Controller.Section;
using Robotmk.Controller.State;
using Robotmk.Paths;
using Robotmk.State;
using Robotmk.Tests.Controller.Support;
using Robotmk.Tests.Security;
using Robotmk.Tests.Support;

namespace Robotmk.Tests.Controller;

/// <summary>
/// The controller reads an external suite's result from its user's folder (docs/STATE.md), and only when the folder
/// and the file are what the agent package and that user's runner make: every other case is that suite's fatal entry.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class ExternalSuiteFolderTests
{
    private static readonly DateTimeOffset T = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);
    private const UnixFileMode Rwx = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    private TempDir _temp = null!;
    private string _stateDir = null!;
    private string _folder = null!;
    private StateBuilder _user = null!;

    [SetUp]
    public void SetUp()
    {
        if (!OperatingSystem.IsLinux())
            Assert.Ignore("owner and mode checks are Linux's; Windows relies on the folder's ACL");
        _temp = new TempDir();
        _stateDir = Path.Join(_temp.Path, "robotmk");
        _folder = ExternalSuiteInstall.Create(_stateDir, "desktop");
        var agent = new StateBuilder(_stateDir).Suite("api").Suite("desktop", externalDir: _folder);
        agent.IdleRunner(T, T.AddMinutes(1));
        agent.Done(agent.Result("api", "pass", 0, T, T.AddMinutes(1)));
        _user = new StateBuilder(_folder).Suite("desktop");
        _user.Done(_user.Result("desktop", "pass", 0, T, T.AddMinutes(2)));
    }

    [TearDown]
    public void TearDown() => _temp?.Dispose();

    [Test]
    public void The_users_result_is_reported_beside_the_agent_suites()
    {
        var entries = Entries(T.AddMinutes(3));

        Assert.That(entries.Select(e => (e.Id, e.Status)), Is.EqualTo(new[] { ("api", SuiteEntry.NonFatal), ("desktop", SuiteEntry.NonFatal) }));
        Assert.That(entries[1].Xml, Is.Not.Null);
        Assert.That(entries[1].EndTime, Is.EqualTo("2026-11-23T10:02:00.000000+00:00"));
    }

    [Test]
    public void Only_the_folder_the_snapshot_names_is_read_and_only_for_the_suite_it_marks_external()
    {
        // A result the agent runner left in the state folder before the suite became external is not reported…
        var agent = new StateBuilder(_stateDir).Suite("desktop");
        agent.Done(agent.FatalResult("desktop", "old agent result", 252, T, T.AddMinutes(1)));
        // …and a user's folder named after an agent suite is never read.
        var planted = new StateBuilder(ExternalSuiteInstall.Create(_stateDir, "api")).Suite("api");
        planted.Done(planted.FatalResult("api", "planted by a user", 252, T, T.AddMinutes(2)));

        var entries = Entries(T.AddMinutes(3));

        Assert.That(entries.Select(e => (e.Id, e.Status, e.Error)), Is.EqualTo(new[] { ("api", SuiteEntry.NonFatal, (string?)null), ("desktop", SuiteEntry.NonFatal, null) }));
    }

    [Test]
    public void A_suite_that_its_user_has_not_run_yet_says_who_runs_it()
    {
        File.Delete(_user.SuitePath("desktop"));

        Assert.That(Desktop().Error, Is.EqualTo(
            $"suite has not run yet (no result in '{_user.SuitePath("desktop")}'); it is run by 'robotmk-runner run --suite desktop' as the owner of '{_folder}'"));
    }

    [Test]
    public void A_missing_folder_says_what_to_create()
    {
        Directory.Delete(_folder, recursive: true);

        Assert.That(Desktop().Error, Does.Contain($"the suite's folder '{_folder}' does not exist: create it owned by the user who runs the suite, mode 0700"));
    }

    [Test]
    public void A_folder_others_can_write_into_is_refused()
    {
        File.SetUnixFileMode(_folder, Rwx | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute);

        Assert.That(Desktop().Error, Does.Contain($"the suite's folder '{_folder}' is writable by every user (mode 0707), not only by its owner uid 0"));
    }

    [Test]
    public void An_external_root_its_group_can_write_into_is_refused()
    {
        var root = ExternalSuiteFolders.Root(_stateDir);
        File.SetUnixFileMode(root, Rwx | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute);

        Assert.That(Desktop().Error, Does.Contain($"the external root '{root}' is writable by its group (mode 0730): whoever can write it can choose who reports the suite"));
    }

    [Test]
    public void A_link_as_the_folder_or_as_the_file_is_refused()
    {
        var elsewhere = Path.Join(_temp.Path, "elsewhere");
        Directory.Move(_folder, elsewhere);
        File.CreateSymbolicLink(_folder, elsewhere);
        Assert.That(Desktop().Error, Does.Contain($"the suite's folder '{_folder}' is not a folder but a symbolic link"));

        File.Delete(_folder);
        Directory.CreateDirectory(_folder, Rwx);
        File.CreateSymbolicLink(_user.SuitePath("desktop"), Path.Join(elsewhere, "robotmk_desktop.json"));
        Assert.That(Desktop().Error, Does.Contain("is unreadable: it is a symbolic link, not a regular file"));
    }

    [Test]
    public void A_fifo_as_the_file_is_refused_without_blocking()
    {
        File.Delete(_user.SuitePath("desktop"));
        using (var p = Process.Start("mkfifo", [_user.SuitePath("desktop")]))
            p.WaitForExit();

        Assert.That(Desktop().Error, Does.Contain("is unreadable: it is a FIFO, socket or device, not a regular file"));
    }

    [Test]
    public void The_agent_runners_dead_man_switch_does_not_judge_the_external_suite()
    {
        var now = T.AddHours(2);
        _user.Done(_user.Result("desktop", "pass", 0, now.AddMinutes(-2), now.AddMinutes(-1)));

        var entries = Entries(now);

        Assert.That(entries[0].Error, Does.StartWith("runner has not delivered since"));
        Assert.That((entries[1].Status, entries[1].Error), Is.EqualTo((SuiteEntry.NonFatal, (string?)null)));
    }

    [Test]
    public void An_external_suite_whose_scheduler_stopped_is_judged_by_its_own_interval()
    {
        var now = T.AddHours(3);
        var agent = new StateBuilder(_stateDir).Suite("api").Suite("desktop", externalDir: _folder, executionInterval: 3600);
        agent.IdleRunner(now.AddMinutes(-2), now.AddMinutes(-1));
        var user = new StateBuilder(_folder) { CacheTime = 3600 + 420 }.Suite("desktop");
        user.Done(user.Result("desktop", "pass", 0, T, T.AddMinutes(2)));

        var desktop = Entries(now).Single(e => e.Id == "desktop");

        Assert.That(desktop.Status, Is.EqualTo(SuiteEntry.Fatal));
        Assert.That(desktop.Error, Does.StartWith(
            "suite has not started since 2026-11-23T10:00:00.000000+00:00, 10800 s ago, but its scheduler (external mode: robotmk-runner run --suite desktop) should start it every 3600 s"));
    }

    [Test]
    public void An_external_root_of_another_user_is_refused()
    {
        NobodyUser.Require();
        var root = ExternalSuiteFolders.Root(_stateDir);
        NobodyUser.Own(root);

        Assert.That(Desktop().Error, Does.Contain($"the external root '{root}' is owned by uid {NobodyUser.Uid}, not by root"));
    }

    [Test]
    public void A_result_written_by_the_folders_owner_is_read_and_a_file_of_anyone_else_is_refused()
    {
        NobodyUser.Require();
        NobodyUser.LetEveryoneThrough(_temp.Path);
        var file = _user.SuitePath("desktop");
        var content = File.ReadAllBytes(file);
        File.Delete(file);
        NobodyUser.Own(_folder);

        using (var nobody = NobodyUser.Start("import sys; open(sys.argv[1], 'wb').write(sys.stdin.buffer.read())", file))
        {
            nobody.StandardInput.BaseStream.Write(content);
            nobody.StandardInput.Close();
            nobody.WaitForExit();
            Assert.That(nobody.ExitCode, Is.Zero, nobody.StandardError.ReadToEnd());
        }
        Assert.That((Desktop().Status, Desktop().Error), Is.EqualTo((SuiteEntry.NonFatal, (string?)null)), "written by the owner of the folder");

        File.Delete(file);
        File.WriteAllBytes(file, content); // root's file in the user's folder
        Assert.That(Desktop().Error, Does.Contain($"is unreadable: it is owned by uid 0, not by uid {NobodyUser.Uid}, who owns its folder"));
    }

    private SuiteEntry Desktop() => Entries(T.AddMinutes(3)).Single(e => e.Id == "desktop");

    private List<SuiteEntry> Entries(DateTimeOffset now)
    {
        var source = new SectionSource(new StateFolder(_stateDir, 64L * 1024 * 1024), new FakeClock(now), "test", 32L * 1024 * 1024, TextWriter.Null);
        var view = source.ReadRunnerView();
        return source.ReadSuiteEntries(view).ToList();
    }
}
