namespace Robotmk.Files;

/// <summary>
/// A file the runner was to write or read back is not its own regular file (a link, a FIFO, a file of another user):
/// it is refused. An <see cref="IOException"/>, so every place that survives an unwritable file survives this one.
/// </summary>
public sealed class UnsafeFileException(string path, string why) : IOException($"'{path}' {why}; refused")
{
    public string Path { get; } = path;
}
