using System.Diagnostics;
using Microsoft.Win32.SafeHandles;
using Robotmk.State;

namespace Robotmk.Files;

/// <summary>
/// Opens the files the runner writes and reads back (its log, the lock, RF outputs) without following a link someone
/// else planted under their name, and only when they are the runner's own regular files (see
/// <see cref="FileTrust.WhyNotOwnRegularFile"/>). On Linux: open(2) with O_NOFOLLOW, then fstat of the open file, so a
/// swap between check and use changes nothing. New files are created 0600 whatever the umask; an existing file of the
/// runner with a wider mode (an older version, umask 000) is narrowed to 0600.
/// Elsewhere .NET has no O_NOFOLLOW: the path is checked for a link right before it is opened.
/// </summary>
/// <exception cref="UnsafeFileException">every method, for a file that is not the runner's own regular file</exception>
public static class NoFollowFile
{
    /// <summary>The runner's log: created if missing, every write goes to its end.</summary>
    public static SafeFileHandle OpenAppend(string path) =>
        OperatingSystem.IsLinux()
            ? OpenOwn(path, LinuxFileCalls.WriteOnly | LinuxFileCalls.Append | LinuxFileCalls.Create).Handle
            : Managed(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);

    /// <summary>The run lock: created if missing, opened for reading and writing (the caller takes the OS lock).</summary>
    public static SafeFileHandle OpenLockFile(string path) =>
        OperatingSystem.IsLinux()
            ? OpenOwn(path, LinuxFileCalls.ReadWrite | LinuxFileCalls.Create).Handle
            : Managed(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);

    /// <summary>A file the runner (or RF as the runner's user) wrote and now reads back; its size from the open file.</summary>
    public static (SafeFileHandle Handle, long Size) OpenReadBack(string path)
    {
        if (!OperatingSystem.IsLinux())
        {
            var h = Managed(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            return (h, RandomAccess.GetLength(h));
        }
        var (handle, facts) = OpenOwn(path, LinuxFileCalls.ReadOnly);
        return (handle, facts.Size);
    }

    /// <summary>The whole content of a file the runner reads back, unless it is larger than <paramref name="maxBytes"/>.</summary>
    /// <returns>The content (null when too large) and the size of the file, counted while reading as <see cref="BoundedFile"/> does.</returns>
    public static (byte[]? Bytes, long Size) ReadAllBytes(string path, long maxBytes)
    {
        var (handle, size) = OpenReadBack(path);
        using (handle)
        {
            return BoundedFile.ReadAll(handle, size, maxBytes) switch
            {
                BoundedRead.Content c => (c.Bytes, c.Bytes.Length),
                BoundedRead.TooLarge t => (null, t.Bytes),
                BoundedRead.Failed f => throw new IOException($"'{path}' cannot be read: {f.Reason}"),
                var other => throw new UnreachableException($"a read of an open file gave {other}"),
            };
        }
    }

    /// <summary>
    /// Copies a file the runner reads back to a new file of its own: whatever stands at <paramref name="target"/> (a
    /// planted link, an old file) is removed, not written through, and the copy is created exclusively.
    /// </summary>
    public static void Copy(string source, string target)
    {
        var (from, _) = OpenReadBack(source);
        using (from)
        {
            File.Delete(target); // unlink(2): removes a link itself, never its target
            using var to = CreateExclusive(target);
            using var input = new FileStream(from, FileAccess.Read, bufferSize: 0);
            using var output = new FileStream(to, FileAccess.Write, bufferSize: 0);
            input.CopyTo(output, 64 * 1024);
        }
    }

    /// <summary>A new file, 0600; fails when anything (a file, a link) already has the name.</summary>
    public static SafeFileHandle CreateExclusive(string path) =>
        OperatingSystem.IsLinux()
            ? OpenOwn(path, LinuxFileCalls.WriteOnly | LinuxFileCalls.Create | LinuxFileCalls.Exclusive).Handle
            : Managed(path, FileMode.CreateNew, FileAccess.Write, FileShare.None);

    /// <summary>
    /// Narrows an existing file the runner owns to 0600 (RF writes its outputs with the umask of the agent); does
    /// nothing for a missing file, refuses one that is not the runner's own regular file.
    /// </summary>
    public static void RestrictToOwner(string path)
    {
        if (!OperatingSystem.IsLinux() || LinuxFileCalls.LStat(path) is null)
            return;
        OpenOwn(path, LinuxFileCalls.ReadOnly).Handle.Dispose();
    }

    /// <summary>The facts of the path itself (a link not followed), null when nothing has the name; Linux only.</summary>
    public static FileFacts? Facts(string path) => OperatingSystem.IsLinux() ? LinuxFileCalls.LStat(path) : null;

    /// <summary>The runner's effective uid; Linux only.</summary>
    public static uint EffectiveUid => LinuxFileCalls.GetEuid();

    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    private static (SafeFileHandle Handle, FileFacts Facts) OpenOwn(string path, int flags)
    {
        var (handle, errno) = LinuxFileCalls.TryOpen(path, flags | LinuxFileCalls.NoFollow | LinuxFileCalls.NonBlock, OwnerOnly.FileMode);
        if (handle is null)
            throw errno == LinuxFileCalls.ELoop ? new UnsafeFileException(path, "is a symbolic link") : LinuxFileCalls.Failure(path, errno);
        try
        {
            var facts = LinuxFileCalls.Stat(handle);
            if (FileTrust.WhyNotOwnRegularFile(facts, LinuxFileCalls.GetEuid()) is { } why)
                throw new UnsafeFileException(path, why);
            if ((facts.Mode & ~OwnerOnly.FileMode) != 0)
                File.SetUnixFileMode(handle, OwnerOnly.FileMode); // fchmod: the open file, not whatever the name points to now
            return (handle, facts);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>Windows (and other systems): the name is checked for a link right before the open.</summary>
    private static SafeFileHandle Managed(string path, FileMode mode, FileAccess access, FileShare share)
    {
        if (new FileInfo(path).LinkTarget is not null)
            throw new UnsafeFileException(path, "is a symbolic link");
        var handle = File.OpenHandle(path, mode, access, share);
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(handle, OwnerOnly.FileMode);
        return handle;
    }
}
