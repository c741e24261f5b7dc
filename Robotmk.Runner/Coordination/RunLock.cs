namespace Robotmk.Runner.Coordination;

/// <summary>
/// The single-instance guarantee: an exclusive OS lock on a file in the state folder (flock on Linux, a share-none
/// handle on Windows). The OS releases it when the holder dies, however it dies, so a stale lock never needs cleanup.
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
        FileStream fs;
        try
        {
            fs = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None);
        }
        catch (IOException ex) when (HeldByAnother(ex))
        {
            return null;
        }
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

    /// <summary>
    /// Whether opening failed because the lock is held, and not because the file cannot be written: EWOULDBLOCK from
    /// flock (Linux errno 11, macOS 35), a sharing or lock violation on Windows.
    /// </summary>
    private static bool HeldByAnother(IOException ex) =>
        ex.HResult is 11 or 35 or unchecked((int)0x80070020) or unchecked((int)0x80070021);

    public void Dispose() => _stream.Dispose();
}
