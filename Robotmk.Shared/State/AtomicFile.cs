using Robotmk.Text;

namespace Robotmk.State;

/// <summary>
/// Writes a file so that readers see either the old or the new content, never a half file:
/// a temp file in the same folder, flushed to disk, then renamed over the target.
/// </summary>
public static class AtomicFile
{
    public const string TempMarker = ".tmp-";

    public static void Write(string path, Action<Stream> write)
    {
        var dir = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var temp = Path.Join(dir, "." + Path.GetFileName(path) + TempMarker + Environment.ProcessId + "-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            using (var fs = new FileStream(temp, OwnerOnly.NewFile()))
            {
                write(fs);
                fs.Flush(flushToDisk: true);
            }
            MoveOver(temp, path);
        }
        catch (Exception ex) when (FileTooLarge.Is(ex))
        {
            TryDelete(temp);
            throw FileTooLarge.AsIOException(path, ex);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    /// <summary>
    /// The rename. On Windows, replacing a file another program holds open without FILE_SHARE_DELETE (a virus scanner,
    /// an indexer) fails for a moment; the rename is retried for about two seconds before the write counts as failed.
    /// </summary>
    private static void MoveOver(string temp, string path)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                File.Move(temp, path, overwrite: true);
                return;
            }
            catch (Exception ex) when (OperatingSystem.IsWindows() && attempt < 20 && ex is IOException or UnauthorizedAccessException)
            {
                Thread.Sleep(attempt * 10);
            }
        }
    }

    public static void WriteText(string path, string text) =>
        Write(path, s =>
        {
            using var w = new StreamWriter(s, Utf8.NoBom, leaveOpen: true);
            w.Write(text);
        });

    /// <summary>
    /// Removes temp files left by a writer that died between create and rename: those whose writer process is gone
    /// (its pid is in the name), and any older than <paramref name="olderThan"/> (a pid may have been reused).
    /// </summary>
    /// <param name="writerAlive">Whether the process with this pid runs; null: judge by age only.</param>
    public static int CleanupOrphans(string dir, TimeSpan olderThan, DateTimeOffset now, Func<int, bool>? writerAlive = null)
    {
        var removed = 0;
        foreach (var f in Directory.EnumerateFiles(dir, "*" + TempMarker + "*"))
        {
            var writerGone = writerAlive is not null && WriterOf(f) is { } pid && !writerAlive(pid);
            if ((writerGone || now - File.GetLastWriteTimeUtc(f) > olderThan) && TryDelete(f))
                removed++;
        }
        return removed;
    }

    /// <summary>The pid of the process that created a temp file (<c>.name.tmp-PID-random</c>), or null for another name.</summary>
    public static int? WriterOf(string tempFile)
    {
        var name = Path.GetFileName(tempFile);
        var at = name.LastIndexOf(TempMarker, StringComparison.Ordinal);
        if (at < 0)
            return null;
        var rest = name[(at + TempMarker.Length)..];
        var dash = rest.IndexOf('-');
        return dash > 0 && int.TryParse(rest[..dash], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var pid)
            ? pid
            : null;
    }

    private static bool TryDelete(string path)
    {
        try
        {
            File.Delete(path);
            return true;
        }
        catch (IOException) { return false; }
        catch (UnauthorizedAccessException) { return false; }
    }
}

/// <summary>
/// A write refused with EFBIG (the file system's or the process's file size limit): .NET reports it as an
/// <see cref="ArgumentOutOfRangeException"/> of the written length, not as an <see cref="IOException"/>.
/// </summary>
public static class FileTooLarge
{
    public static bool Is(Exception ex) => ex is ArgumentOutOfRangeException { ParamName: "value" };

    public static IOException AsIOException(string path, Exception ex) =>
        new($"cannot write '{path}': File too large (the file system or the file size limit refuses more data)", ex);
}
