using Robotmk.Files;

namespace Robotmk.State;

/// <summary>
/// Folders and files this product creates are for their owner only (0700 / 0600 on Linux), whatever the umask of the
/// agent that started us: state files hold whole output.xml files, which can hold secrets. On Windows a folder the
/// runner creates gets a protected ACL (<see cref="WindowsFolderSddl"/>) instead of the agent's ProgramData ACL, which
/// lets Users read; its files inherit it.
/// </summary>
public static class OwnerOnly
{
    public const UnixFileMode DirectoryMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    public const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public static DirectoryInfo CreateDirectory(string path) =>
        OperatingSystem.IsWindows() ? CreateWindowsDirectory(path) : Directory.CreateDirectory(path, DirectoryMode);

    /// <summary>
    /// The ACL of a folder the runner creates on Windows, in SDDL: protected (nothing inherited from the parent), full
    /// control for SYSTEM, Administrators and the account the runner runs as (a Task Scheduler account other than
    /// SYSTEM), inherited by everything in the folder.
    /// </summary>
    /// <param name="accountSid">The SID of the runner's account; SYSTEM (S-1-5-18) and null add nothing.</param>
    public static string WindowsFolderSddl(string? accountSid) =>
        "D:P(A;OICI;FA;;;SY)(A;OICI;FA;;;BA)" + (accountSid is null or "S-1-5-18" ? "" : $"(A;OICI;FA;;;{accountSid})");

    [System.Runtime.Versioning.SupportedOSPlatform("windows")]
    private static DirectoryInfo CreateWindowsDirectory(string path)
    {
        var folder = new DirectoryInfo(path);
        if (folder.Exists)
            return folder;
        folder.Parent?.Create();
        var security = new System.Security.AccessControl.DirectorySecurity();
        using (var account = System.Security.Principal.WindowsIdentity.GetCurrent())
            security.SetSecurityDescriptorSddlForm(WindowsFolderSddl(account.User?.Value));
        folder.Create(security); // FileSystemAclExtensions: the ACL is set by the create itself, no window without it
        return folder;
    }

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
