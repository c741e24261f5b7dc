namespace Robotmk.Files;

public enum FileKind { Regular, Directory, SymbolicLink, Other }

/// <summary>What the OS says about a file itself (never about the target of a link): the part of stat(2) we judge by.</summary>
/// <param name="Mode">Permission bits with setuid, setgid and sticky.</param>
/// <param name="Links">Hard links to the file.</param>
public readonly record struct FileFacts(FileKind Kind, UnixFileMode Mode, uint OwnerUid, uint Links, long Size);

/// <summary>
/// Judgments on <see cref="FileFacts"/>, without I/O: whether a file the runner is about to write or read back is one it
/// can trust, and whether a folder lets other users plant files in it.
/// </summary>
public static class FileTrust
{
    private const UnixFileMode WritableByOthers = UnixFileMode.GroupWrite | UnixFileMode.OtherWrite;

    /// <summary>
    /// Why an opened file is not the runner's own regular file, or null when it is. A FIFO would block or feed
    /// endless data, a device is not ours to write, a file of another user may be read or replaced by them, and a
    /// second hard link can make a file of someone else's choosing (say /etc/shadow) appear under our name.
    /// </summary>
    /// <param name="euid">The runner's effective uid: files it trusts are owned by it.</param>
    public static string? WhyNotOwnRegularFile(FileFacts f, uint euid) =>
        f.Kind != FileKind.Regular ? $"is not a regular file but a {Describe(f.Kind)}"
        : f.OwnerUid != euid ? $"is owned by uid {f.OwnerUid}, not by the runner (uid {euid})"
        : f.Links > 1 ? $"has {f.Links} hard links (another name points to the same file)"
        : null;

    /// <summary>
    /// Why a folder the runner writes into lets another user plant or swap files in it, or null when only its owner
    /// (the runner, or root) can. A sticky folder (like /tmp) lets others create names but not remove or rename ours;
    /// the runner opens its files there without following links and creates new ones exclusively, so it is accepted.
    /// </summary>
    public static string? WhyExposed(FileFacts folder, uint euid)
    {
        if (folder.Kind != FileKind.Directory)
            return $"is not a folder but a {Describe(folder.Kind)}";
        if (folder.OwnerUid != euid && folder.OwnerUid != 0)
            return $"is owned by uid {folder.OwnerUid}, who can replace what the runner writes there";
        if ((folder.Mode & WritableByOthers) != 0 && (folder.Mode & UnixFileMode.StickyBit) == 0)
            return $"is writable by {((folder.Mode & UnixFileMode.OtherWrite) != 0 ? "every user" : "its group")} (mode {Octal(folder.Mode)}), who can plant links or files under the names the runner uses";
        return null;
    }

    /// <summary>
    /// Why the external root (the folder in which root names each external suite's folder, see
    /// <see cref="Paths.ExternalSuiteFolders"/>) cannot be trusted, or null when it can: a folder of root (or of the
    /// reader) that no one else can write into. Unlike <see cref="WhyExposed"/>, a sticky bit does not help: in a
    /// sticky folder any user could create the folder of a suite not yet installed.
    /// </summary>
    public static string? WhyNotRootsFolder(FileFacts folder, uint euid) =>
        folder.Kind != FileKind.Directory ? $"is not a folder but a {Describe(folder.Kind)}"
        : folder.OwnerUid != euid && folder.OwnerUid != 0 ? $"is owned by uid {folder.OwnerUid}, not by root"
        : (folder.Mode & WritableByOthers) != 0 ? $"is writable by {Writers(folder.Mode)} (mode {Octal(folder.Mode)})"
        : null;

    /// <summary>
    /// Why a user's folder that root reads from cannot be trusted, or null when it can: a folder (not a link) that
    /// only its owner can write into, so every file in it is its owner's doing.
    /// </summary>
    public static string? WhyNotUsersFolder(FileFacts folder) =>
        folder.Kind != FileKind.Directory ? $"is not a folder but a {Describe(folder.Kind)}"
        : (folder.Mode & WritableByOthers) != 0 ? $"is writable by {Writers(folder.Mode)} (mode {Octal(folder.Mode)}), not only by its owner uid {folder.OwnerUid}"
        : null;

    /// <summary>
    /// Why a file in a user's folder is not that user's own regular file, or null when it is. A hard link to a file of
    /// root (or of another user) has that file's owner, so the owner check refuses it as well.
    /// </summary>
    public static string? WhyNotUsersFile(FileFacts f, uint owner) =>
        f.Kind != FileKind.Regular ? $"is not a regular file but a {Describe(f.Kind)}"
        : f.OwnerUid != owner ? $"is owned by uid {f.OwnerUid}, not by uid {owner}, who owns its folder"
        : f.Links > 1 ? $"has {f.Links} hard links (another name points to the same file)"
        : null;

    private static string Writers(UnixFileMode mode) => (mode & UnixFileMode.OtherWrite) != 0 ? "every user" : "its group";

    public static string Octal(UnixFileMode mode) => Convert.ToString((int)mode, 8).PadLeft(4, '0');

    private static string Describe(FileKind kind) => kind switch
    {
        FileKind.SymbolicLink => "symbolic link",
        FileKind.Directory => "folder",
        FileKind.Regular => "regular file",
        _ => "FIFO, socket or device",
    };
}
