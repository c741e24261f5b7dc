using Robotmk.Cli;
using Robotmk.State;
using Robotmk.Tests.Runner;

namespace Robotmk.Tests.Security;

/// <summary>No other local user can take the run lock and so stop every run (flock works on a read-only descriptor).</summary>
[Category("Integration")]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public class RunLockTests
{
    private RunnerHarness _h = null!;

    [SetUp]
    public void SetUp()
    {
        NobodyUser.Require();
        _h = new RunnerHarness();
        _h.Suite("ok.robot", "*** Test Cases ***\nOk\n    No Operation\n");
        _h.Config("ok:\n  path: ok.robot");
    }

    [TearDown]
    public void TearDown() => _h?.Dispose();

    private string LockFile => Path.Join(_h.StateDir, StateFiles.LockFileName);

    [Test]
    public void A_user_who_tries_to_hold_the_lock_does_not_stop_the_next_run()
    {
        Assert.That(_h.Run("run").Rc, Is.EqualTo(ExitCode.Success), "first run, which creates the lock");
        NobodyUser.LetEveryoneThrough(_h.Root, _h.VarDir);

        using var holder = NobodyUser.Start("""
            import fcntl, os, sys
            try:
                fd = os.open(sys.argv[1], os.O_RDONLY)
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                print("held", flush=True)
            except OSError as e:
                print("refused:", e, flush=True)
            sys.stdin.read()
            """, LockFile);
        var attempt = holder.StandardOutput.ReadLine();
        var (rc, _, err) = _h.Run("run");
        holder.StandardInput.Close();
        holder.WaitForExit();

        Assert.That(rc, Is.EqualTo(ExitCode.Success), err);
        Assert.That(attempt, Does.StartWith("refused:"), "nobody could open and lock the run lock");
        Assert.That(File.GetUnixFileMode(_h.StateDir), Is.EqualTo(OwnerOnly.DirectoryMode));
        Assert.That(File.GetUnixFileMode(LockFile), Is.EqualTo(OwnerOnly.FileMode));
    }

    [Test]
    public void A_link_planted_as_the_lock_is_not_followed()
    {
        var victim = Path.Join(_h.Root, "victim");
        File.WriteAllText(victim, "original\n");
        Directory.CreateDirectory(_h.StateDir);
        File.CreateSymbolicLink(LockFile, victim);

        var (rc, _, err) = _h.Run("run");

        Assert.That(rc, Is.EqualTo(ExitCode.Busy));
        Assert.That(err, Does.Contain(LockFile).And.Contain("symbolic link"));
        Assert.That(File.ReadAllText(victim), Is.EqualTo("original\n"), "the link's target was written");
    }
}
