namespace Robotmk.State;

/// <summary>
/// Folders and files this product creates are writable by their owner only (0755 / 0644 on Linux), whatever the umask
/// of the agent that started us. On Windows they inherit the ACLs of the agent's ProgramData folders.
/// </summary>
public static class OwnerOnly
{
    public const UnixFileMode DirectoryMode = (UnixFileMode)0b111_101_101;
    public const UnixFileMode FileMode = (UnixFileMode)0b110_100_100;

    public static DirectoryInfo CreateDirectory(string path) =>
        OperatingSystem.IsWindows() ? Directory.CreateDirectory(path) : Directory.CreateDirectory(path, DirectoryMode);

    public static FileStreamOptions NewFile(int bufferSize = 64 * 1024)
    {
        var o = new FileStreamOptions { Mode = System.IO.FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None, BufferSize = bufferSize };
        if (!OperatingSystem.IsWindows())
            o.UnixCreateMode = FileMode;
        return o;
    }
}
