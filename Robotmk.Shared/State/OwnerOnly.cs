using Robotmk.Files;

namespace Robotmk.State;

/// <summary>
/// Folders and files this product creates are for their owner only (0700 / 0600 on Linux), whatever the umask of the
/// agent that started us: state files hold whole output.xml files, which can hold secrets. On Windows they inherit
/// the ACLs of the agent's ProgramData folders (docs/INSTALL.md).
/// </summary>
public static class OwnerOnly
{
    public const UnixFileMode DirectoryMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    public const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public static DirectoryInfo CreateDirectory(string path) =>
        OperatingSystem.IsWindows() ? Directory.CreateDirectory(path) : Directory.CreateDirectory(path, DirectoryMode);

    /// <summary>
    /// A folder that is the runner's own (the state folder): created 0700, or, when it exists, is owned by the runner
    /// and is wider (an older version, a umask of 000), narrowed to 0700. A folder of another owner is left as it is
    /// (<see cref="FolderCheck"/> reports it).
    /// </summary>
    public static DirectoryInfo CreateOwnDirectory(string path)
    {
        var info = CreateDirectory(path);
        if (OperatingSystem.IsLinux() && NoFollowFile.Facts(path) is { Kind: FileKind.Directory } f
            && f.OwnerUid == NoFollowFile.EffectiveUid && (f.Mode & ~DirectoryMode) != 0)
            File.SetUnixFileMode(path, DirectoryMode);
        return info;
    }

    public static FileStreamOptions NewFile(int bufferSize = 64 * 1024)
    {
        var o = new FileStreamOptions { Mode = System.IO.FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None, BufferSize = bufferSize };
        if (!OperatingSystem.IsWindows())
            o.UnixCreateMode = FileMode;
        return o;
    }
}
