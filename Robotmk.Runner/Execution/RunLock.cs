namespace Robotmk.Runner.Execution;

/// <summary>
/// The single-instance guarantee: an exclusive OS lock on a file in the state folder (flock on Linux, a share-none
/// handle on Windows). The OS releases it when the holder dies, however it dies, so a stale lock never needs cleanup.
/// </summary>
public sealed class RunLock : IDisposable
{
    private readonly FileStream _stream;

    private RunLock(FileStream stream) => _stream = stream;

    /// <returns>The held lock, or null when another process holds it.</returns>
    public static RunLock? TryAcquire(string path)
    {
        try
        {
            var fs = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None);
            fs.SetLength(0);
            var pid = System.Text.Encoding.ASCII.GetBytes(Environment.ProcessId + "\n");
            fs.Write(pid);
            fs.Flush(flushToDisk: false);
            return new RunLock(fs);
        }
        catch (IOException) when (File.Exists(path))
        {
            return null;
        }
    }

    public void Dispose() => _stream.Dispose();
}
