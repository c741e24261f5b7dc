using System.Diagnostics;
using Robotmk.Files;
using Robotmk.State;
using Robotmk.Tests.Support;

namespace Robotmk.Tests.Security;

/// <summary>What the runner reads back is its own regular file: a FIFO, a hard link or a file of another user is refused at once.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public class NoFollowFileTests
{
    private TempDir _dir = null!;

    [SetUp]
    public void SetUp()
    {
        if (!OperatingSystem.IsLinux())
            Assert.Ignore("Linux file types and owners");
        _dir = new TempDir();
    }

    [TearDown]
    public void TearDown() => _dir?.Dispose();

    private string Own(string name, string content = "data")
    {
        var path = Path.Join(_dir.Path, name);
        File.WriteAllText(path, content);
        return path;
    }

    [Test]
    public void A_fifo_is_refused_without_waiting_for_a_writer()
    {
        var fifo = Path.Join(_dir.Path, "output.xml");
        using (var p = Process.Start("mkfifo", [fifo]))
            p.WaitForExit();

        var ex = Assert.Throws<UnsafeFileException>(() => NoFollowFile.ReadAllBytes(fifo, long.MaxValue));
        Assert.That(ex!.Message, Does.Contain(fifo).And.Contain("FIFO"));
    }

    [Test]
    public void A_second_hard_link_is_refused()
    {
        var file = Own("a");
        using (var p = Process.Start("ln", [file, Path.Join(_dir.Path, "b")]))
            p.WaitForExit();

        Assert.That(() => NoFollowFile.ReadAllBytes(file, long.MaxValue), Throws.TypeOf<UnsafeFileException>().With.Message.Contains("2 hard links"));
    }

    [Test]
    public void A_file_of_another_user_is_refused()
    {
        if (NoFollowFile.EffectiveUid != 0)
            Assert.Ignore("needs root to give a file to another user");
        var file = Own("a");
        File.SetUnixFileMode(file, (UnixFileMode)0b110_110_110);
        using (var p = Process.Start("chown", ["65534", file]))
            p.WaitForExit();

        Assert.That(() => NoFollowFile.OpenAppend(file), Throws.TypeOf<UnsafeFileException>().With.Message.Contains("owned by uid 65534"));
        Assert.That(File.GetUnixFileMode(file), Is.EqualTo((UnixFileMode)0b110_110_110), "a file of another user is not changed");
    }

    [Test]
    public void The_runners_own_wider_file_is_narrowed_to_0600_and_read()
    {
        var file = Own("a", "content");
        File.SetUnixFileMode(file, (UnixFileMode)0b110_110_110);

        var (bytes, size) = NoFollowFile.ReadAllBytes(file, long.MaxValue);

        Assert.That(System.Text.Encoding.UTF8.GetString(bytes!), Is.EqualTo("content"));
        Assert.That(size, Is.EqualTo(7));
        Assert.That(File.GetUnixFileMode(file), Is.EqualTo(OwnerOnly.FileMode));
    }

    [Test]
    public void A_file_larger_than_the_limit_is_not_read() =>
        Assert.That(NoFollowFile.ReadAllBytes(Own("a", "0123456789"), 9), Is.EqualTo(((byte[]?)null, 10L)));

    [Test]
    public void Copy_replaces_a_link_at_the_target_and_leaves_its_target_alone()
    {
        var victim = Own("victim", "original");
        var target = Path.Join(_dir.Path, "final");
        File.CreateSymbolicLink(target, victim);

        NoFollowFile.Copy(Own("source", "new"), target);

        Assert.That(File.ReadAllText(victim), Is.EqualTo("original"));
        Assert.That(new FileInfo(target).LinkTarget, Is.Null);
        Assert.That(File.ReadAllText(target), Is.EqualTo("new"));
        Assert.That(File.GetUnixFileMode(target), Is.EqualTo(OwnerOnly.FileMode));
    }
}
