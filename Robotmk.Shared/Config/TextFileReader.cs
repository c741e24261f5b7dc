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

    /// <summary>The file is larger than the limit; nothing was read.</summary>
    public sealed record TooLarge(long Bytes) : TextFileRead;

    /// <summary>The file is not UTF-8; <paramref name="Position"/> is the line and column of the first bad byte.</summary>
    public sealed record NotUtf8(SourcePosition Position) : TextFileRead;

    /// <summary>The file system refused the read; <paramref name="Reason"/> is its message.</summary>
    public sealed record Unreadable(string Reason) : TextFileRead;
}

/// <summary>Reads small text files (robotmk.yml, the bakery's rule file): bounded in size, strict UTF-8.</summary>
public static class TextFileReader
{
    public static TextFileRead Read(string path, long maxBytes)
    {
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
                return Directory.Exists(path) ? new TextFileRead.IsFolder() : new TextFileRead.Missing();
            if (info.Length > maxBytes)
                return new TextFileRead.TooLarge(info.Length);
            return StrictUtf8.TryDecode(File.ReadAllBytes(path), out var text, out var bad)
                ? new TextFileRead.Text(text)
                : new TextFileRead.NotUtf8(bad);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return new TextFileRead.Unreadable(ex.Message);
        }
    }
}
