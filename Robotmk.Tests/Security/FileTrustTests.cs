using Robotmk.Files;

namespace Robotmk.Tests.Security;

/// <summary>Which files the runner trusts to write and read back, and which folders it reports as open to other users.</summary>
public class FileTrustTests
{
    private const uint Runner = 0;
    private static FileFacts File(FileKind kind = FileKind.Regular, int mode = 0b110_000_000, uint owner = Runner, uint links = 1) =>
        new(kind, (UnixFileMode)mode, owner, links, 0);
    private static FileFacts Folder(int mode, uint owner = Runner) => new(FileKind.Directory, (UnixFileMode)mode, owner, 2, 0);

    [Test]
    public void The_runners_own_single_linked_regular_file_is_trusted_whatever_its_mode() =>
        Assert.That(FileTrust.WhyNotOwnRegularFile(File(mode: 0b110_110_110), Runner), Is.Null);

    [TestCase(FileKind.SymbolicLink, "symbolic link")]
    [TestCase(FileKind.Other, "FIFO, socket or device")]
    [TestCase(FileKind.Directory, "folder")]
    public void What_is_not_a_regular_file_is_refused(FileKind kind, string named) =>
        Assert.That(FileTrust.WhyNotOwnRegularFile(File(kind), Runner), Does.Contain(named));

    [Test]
    public void A_file_of_another_user_is_refused() =>
        Assert.That(FileTrust.WhyNotOwnRegularFile(File(owner: 65534), Runner), Does.Contain("owned by uid 65534"));

    [Test]
    public void A_second_hard_link_is_refused() =>
        Assert.That(FileTrust.WhyNotOwnRegularFile(File(links: 2), Runner), Does.Contain("2 hard links"));

    [TestCase(0b111_000_000, 1000u, 1000u, TestName = "the runner's own 0700")]
    [TestCase(0b111_101_101, 1000u, 1000u, TestName = "the runner's own 0755")]
    [TestCase(0b111_101_101, 0u, 1000u, TestName = "root's 0755, runner as a user")]
    [TestCase(0b1_111_111_111, 0u, 0u, TestName = "root's sticky 1777, like /tmp")]
    public void Folders_only_their_owner_or_root_can_write_into_and_sticky_ones_are_accepted(int mode, uint owner, uint runner) =>
        Assert.That(FileTrust.WhyExposed(Folder(mode, owner), runner), Is.Null);

    [TestCase(0b111_111_111, "writable by every user (mode 0777)")]
    [TestCase(0b111_111_101, "writable by its group (mode 0775)")]
    public void A_folder_others_can_write_into_is_reported(int mode, string why) =>
        Assert.That(FileTrust.WhyExposed(Folder(mode), Runner), Does.Contain(why));

    [Test]
    public void A_folder_of_another_user_is_reported() =>
        Assert.That(FileTrust.WhyExposed(Folder(0b111_000_000, owner: 65534), Runner), Does.Contain("owned by uid 65534"));
}
