using Robotmk.Files;
using Robotmk.Runner.Processes;

namespace Robotmk.Runner.Coordination;

/// <summary>
/// The single-instance guarantee: an exclusive OS lock on a file in the state folder (flock on Linux, a share-none
/// handle on Windows). The OS releases it when the holder dies, however it dies, so a stale lock never needs cleanup.
/// flock works on a read-only descriptor too: the file is 0600 in the 0700 state folder, so no other user can open
/// it and hold the lock to stop every run; it is opened without following a link (<see cref="NoFollowFile"/>).
/// </summary>
public sealed class RunLock : IDisposable
{
    private readonly FileStream _stream;

    private RunLock(FileStream stream) => _stream = stream;

    /// <returns>The held lock, or null when another process holds it.</returns>
    /// <exception cref="IOException">the lock file cannot be opened (read-only or full file system…)</exception>
    /// <exception cref="UnauthorizedAccessException">the lock file cannot be opened for writing</exception>
    public static RunLock? TryAcquire(string path)
    {
        FileStream? opened;
        try
        {
            // On Windows the share-none open is the lock.
            opened = OperatingSystem.IsLinux() ? OpenAndLock(path) : new FileStream(NoFollowFile.OpenLockFile(path), FileAccess.ReadWrite, 1);
        }
        catch (IOException ex) when (HeldByAnother(ex))
        {
            return null;
        }
        if (opened is not { } fs)
            return null;
        try
        {
            // The pid is for people looking at the file; a full disk must not cost the lock that is already held.
            fs.SetLength(0);
            fs.Write(System.Text.Encoding.ASCII.GetBytes(Environment.ProcessId + "\n"));
            fs.Flush(flushToDisk: false);
        }
        catch (Exception ex) when (ex is IOException || Robotmk.State.FileTooLarge.Is(ex))
        {
        }
        return new RunLock(fs);
    }

    /// <returns>The open file with the lock held, or null when another process holds it.</returns>
    private static FileStream? OpenAndLock(string path)
    {
        var handle = NoFollowFile.OpenLockFile(path);
        if (Libc.Flock(handle, Libc.LockExclusiveNoWait) == 0)
            return new FileStream(handle, FileAccess.ReadWrite, 1);
        var errno = System.Runtime.InteropServices.Marshal.GetLastPInvokeError();
        handle.Dispose();
        return errno == 11 ? null : throw new IOException($"'{path}': cannot lock: {System.Runtime.InteropServices.Marshal.GetPInvokeErrorMessage(errno)}") { HResult = errno };
    }

    /// <summary>
    /// Whether opening failed because the lock is held, and not because the file cannot be written: EWOULDBLOCK from
    /// flock (Linux errno 11, macOS 35), a sharing or lock violation on Windows.
    /// </summary>
    private static bool HeldByAnother(IOException ex) =>
        ex.HResult is 11 or 35 or unchecked((int)0x80070020) or unchecked((int)0x80070021);

    public void Dispose() => _stream.Dispose();
}
