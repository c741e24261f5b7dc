using System.Runtime.InteropServices;

namespace Robotmk.Files;

/// <summary>
/// Reads, as root, a file another user wrote into a folder of theirs (an external suite's state file): without
/// following a link, without blocking on a FIFO, only when it is that user's own regular file with one hard link
/// (<see cref="FileTrust.WhyNotUsersFile"/>, judged on the open descriptor, so a swap after the check changes nothing),
/// and never more than a limit (<see cref="BoundedFile"/>).
/// </summary>
public static class UsersFile
{
    /// <param name="owner">The uid the file must belong to: the owner of its folder.</param>
    /// <returns>The content, or why there is none; a file of the wrong owner is <see cref="BoundedRead.Failed"/> saying so.</returns>
    public static BoundedRead Read(string path, uint owner, long maxBytes)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(maxBytes, Array.MaxLength);
        if (!OperatingSystem.IsLinux())
            return ReadElsewhere(path, maxBytes);
        var (handle, errno) = LinuxFileCalls.TryOpen(path, LinuxFileCalls.ReadOnly | LinuxFileCalls.NonBlock | LinuxFileCalls.NoFollow, 0);
        if (handle is null)
            return errno switch
            {
                LinuxFileCalls.ENoEnt or LinuxFileCalls.ENotDir => new BoundedRead.NotFound(),
                LinuxFileCalls.ELoop => new BoundedRead.NotRegular("a symbolic link"),
                _ => new BoundedRead.Failed(Marshal.GetPInvokeErrorMessage(errno)),
            };
        using (handle)
        {
            FileFacts facts;
            try
            {
                facts = LinuxFileCalls.Stat(handle);
            }
            catch (IOException ex)
            {
                return new BoundedRead.Failed(ex.Message);
            }
            if (facts.Kind == FileKind.Directory)
                return new BoundedRead.Folder();
            if (FileTrust.WhyNotUsersFile(facts, owner) is { } why)
                return facts.Kind == FileKind.Regular ? new BoundedRead.Failed("it " + why) : new BoundedRead.NotRegular("a FIFO, socket or device");
            return BoundedFile.ReadAll(handle, facts.Size, maxBytes);
        }
    }

    /// <summary>Windows: the folder's ACL keeps other users out; a link (reparse point) is refused before the open.</summary>
    private static BoundedRead ReadElsewhere(string path, long maxBytes)
    {
        try
        {
            if (new FileInfo(path).LinkTarget is not null)
                return new BoundedRead.NotRegular("a symbolic link");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return new BoundedRead.Failed(ex.Message);
        }
        return BoundedFile.Read(path, maxBytes);
    }
}
