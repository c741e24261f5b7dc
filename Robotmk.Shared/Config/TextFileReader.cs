using Robotmk.Files;

namespace Robotmk.Config;

/// <summary>What reading a text file gave; each caller words the refusals for its own file.</summary>
public abstract record TextFileRead
{
    private TextFileRead()
    {
    }

    /// <summary>The file's text, without a BOM.</summary>
    public sealed record Text(string Content) : TextFileRead;

    public sealed record Missing : TextFileRead;

    /// <summary>The path names a folder, not a file.</summary>
    public sealed record IsFolder : TextFileRead;

    /// <summary>The path names a FIFO, a device or a socket; <paramref name="Kind"/> says which ("a FIFO").</summary>
    public sealed record NotRegular(string Kind) : TextFileRead;

    /// <summary>The file is larger than the limit (<paramref name="Bytes"/>: its size, or limit + 1 when that is all that was read).</summary>
    public sealed record TooLarge(long Bytes) : TextFileRead;

    /// <summary>The file is not UTF-8; <paramref name="Position"/> is the line and column of the first bad byte.</summary>
    public sealed record NotUtf8(SourcePosition Position) : TextFileRead;

    /// <summary>The file system refused the read; <paramref name="Reason"/> is its message.</summary>
    public sealed record Unreadable(string Reason) : TextFileRead;
}

/// <summary>Reads small text files (robotmk.yml, the bakery's rule file): regular files only, bounded in size, strict UTF-8.</summary>
public static class TextFileReader
{
    public static TextFileRead Read(string path, long maxBytes) => BoundedFile.Read(path, maxBytes) switch
    {
        BoundedRead.Content c => StrictUtf8.TryDecode(c.Bytes, out var text, out var bad)
            ? new TextFileRead.Text(text)
            : new TextFileRead.NotUtf8(bad),
        BoundedRead.NotFound => new TextFileRead.Missing(),
        BoundedRead.Folder => new TextFileRead.IsFolder(),
        BoundedRead.NotRegular n => new TextFileRead.NotRegular(n.Kind),
        BoundedRead.TooLarge t => new TextFileRead.TooLarge(t.Bytes),
        BoundedRead.Failed f => new TextFileRead.Unreadable(f.Reason),
        _ => throw new ArgumentOutOfRangeException(nameof(path)),
    };
}
