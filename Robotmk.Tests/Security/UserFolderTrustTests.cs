using Robotmk.Files;

namespace Robotmk.Tests.Security;

/// <summary>What the controller (root) accepts on the way to an external suite's result: root's external root, the user's folder, the user's file.</summary>
public class UserFolderTrustTests
{
    private const uint User = 1000;
    private static FileFacts Folder(int mode, uint owner, FileKind kind = FileKind.Directory) => new(kind, (UnixFileMode)mode, owner, 2, 0);
    private static FileFacts File(uint owner = User, uint links = 1, FileKind kind = FileKind.Regular) => new(kind, (UnixFileMode)0b110_000_000, owner, links, 0);

    [TestCase(0b111_001_001, 0u, TestName = "root's 0711")]
    [TestCase(0b111_101_101, 0u, TestName = "root's 0755")]
    public void The_external_root_is_roots_and_closed_to_others(int mode, uint owner) =>
        Assert.That(FileTrust.WhyNotRootsFolder(Folder(mode, owner), 0), Is.Null);

    [TestCase(0b111_101_101, User, FileKind.Directory, "is owned by uid 1000, not by root")]
    [TestCase(0b1_111_111_111, 0u, FileKind.Directory, "is writable by every user (mode 1777)")]
    [TestCase(0b111_111_001, 0u, FileKind.Directory, "is writable by its group (mode 0771)")]
    [TestCase(0b111_111_111, 0u, FileKind.SymbolicLink, "is not a folder but a symbolic link")]
    public void Any_other_external_root_is_refused_a_sticky_one_too(int mode, uint owner, FileKind kind, string why) =>
        Assert.That(FileTrust.WhyNotRootsFolder(Folder(mode, owner, kind), 0), Is.EqualTo(why));

    [Test]
    public void A_users_folder_that_only_its_owner_writes_into_is_trusted() =>
        Assert.That(FileTrust.WhyNotUsersFolder(Folder(0b111_000_000, User)), Is.Null);

    [TestCase(0b111_000_010, FileKind.Directory, "is writable by every user (mode 0702), not only by its owner uid 1000")]
    [TestCase(0b1_111_111_111, FileKind.Directory, "is writable by every user (mode 1777), not only by its owner uid 1000")]
    [TestCase(0b111_000_000, FileKind.SymbolicLink, "is not a folder but a symbolic link")]
    public void A_users_folder_others_can_write_into_or_a_link_is_refused(int mode, FileKind kind, string why) =>
        Assert.That(FileTrust.WhyNotUsersFolder(Folder(mode, User, kind)), Is.EqualTo(why));

    [Test]
    public void The_folder_owners_single_linked_regular_file_is_trusted() =>
        Assert.That(FileTrust.WhyNotUsersFile(File(), User), Is.Null);

    [Test]
    public void A_file_of_anyone_else_than_the_folders_owner_is_refused_root_included() =>
        Assert.That(FileTrust.WhyNotUsersFile(File(owner: 0), User), Is.EqualTo("is owned by uid 0, not by uid 1000, who owns its folder"));

    [Test]
    public void A_second_hard_link_or_a_fifo_is_refused()
    {
        Assert.That(FileTrust.WhyNotUsersFile(File(links: 2), User), Does.Contain("2 hard links"));
        Assert.That(FileTrust.WhyNotUsersFile(File(kind: FileKind.Other), User), Does.Contain("FIFO, socket or device"));
    }
}
