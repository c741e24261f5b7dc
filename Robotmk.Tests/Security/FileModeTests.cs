using Robotmk.Runner.Logging;
using Robotmk.State;
using Robotmk.Tests.Runner;

namespace Robotmk.Tests.Security;

/// <summary>
/// State files hold whole output.xml files, which can hold secrets: what the runner writes is for its owner only,
/// whatever the umask of the agent that starts it.
/// </summary>
[Category("Integration")]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public class FileModeTests
{
    [Test]
    public void Under_umask_000_folders_are_0700_and_files_0600_and_wider_leftovers_are_narrowed()
    {
        if (!OperatingSystem.IsLinux())
            Assert.Ignore("Unix file modes");
        using var h = new RunnerHarness();
        var logDir = Path.Join(h.Root, "log");
        h.Suite("ok.robot", "*** Test Cases ***\nOk\n    Log    fine\n");
        h.Config("ok:\n  path: ok.robot", $"transmit_html: yes\nlogdir: {logDir}");
        // What an older version left under umask 000: a 0777 state folder, a 0666 lock and today's log 0666.
        Directory.CreateDirectory(h.StateDir);
        File.SetUnixFileMode(h.StateDir, (UnixFileMode)0b111_111_111);
        var lockFile = Path.Join(h.StateDir, StateFiles.LockFileName);
        Wide(lockFile);
        Directory.CreateDirectory(logDir, OwnerOnly.DirectoryMode);
        var todaysLog = RunnerLog.FileOf(logDir, DateTimeOffset.UtcNow);
        Wide(todaysLog);

        var (rc, _, err) = RunnerProcess.Finish(RunnerProcess.StartWithUmask(h, "000", "run"), TimeSpan.FromMinutes(2));

        Assert.That(rc, Is.Zero, err);
        Assert.That(File.GetUnixFileMode(h.StateDir), Is.EqualTo(OwnerOnly.DirectoryMode), "state folder");
        Assert.That(File.GetUnixFileMode(h.OutputDir), Is.EqualTo(OwnerOnly.DirectoryMode), "outputdir, created by the runner");
        var written = Directory.GetFiles(h.StateDir).Concat(Directory.GetFiles(h.OutputDir)).Concat(Directory.GetFiles(logDir)).ToList();
        Assert.That(written, Has.Some.EndsWith("_log.html"));
        Assert.That(written, Has.Some.EndsWith("_output.xml"));
        Assert.That(written, Has.Some.EndsWith(".json"));
        Assert.That(written, Has.Member(lockFile).And.Member(todaysLog));
        Assert.Multiple(() =>
        {
            foreach (var file in written)
                Assert.That(File.GetUnixFileMode(file), Is.EqualTo(OwnerOnly.FileMode), file);
        });
    }

    private static void Wide(string file)
    {
        File.WriteAllText(file, "");
        File.SetUnixFileMode(file, (UnixFileMode)0b110_110_110);
    }
}
