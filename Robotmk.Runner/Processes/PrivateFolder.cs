namespace Robotmk.Runner.Processes;

/// <summary>
/// A new folder that only the runner's user can enter (0700 on Unix, made by mkdtemp in the temp folder): for what RF
/// must read and no other user may (the argument file with variable values), and as the working directory of rebot.
/// Deleted with everything in it when disposed.
/// </summary>
public sealed class PrivateFolder : IDisposable
{
    private PrivateFolder(string path) => FullPath = path;

    public string FullPath { get; }

    /// <exception cref="IOException">The temp folder cannot hold it.</exception>
    public static PrivateFolder Create() => new(Directory.CreateTempSubdirectory("robotmk-runner-").FullName);

    /// <summary>Writes a new file readable by the owner only (0600 on Unix) and returns its path.</summary>
    public string WriteFile(string name, string text)
    {
        var path = Path.Join(FullPath, name);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using var stream = new FileStream(path, options);
        stream.Write(Robotmk.Text.Utf8.NoBom.GetBytes(text));
        return path;
    }

    /// <summary>Deletes a file written here; one that cannot be deleted goes with the folder.</summary>
    public static void DeleteFile(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
        }
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(FullPath, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Only the runner's user can read it; the temp folder's cleaning removes it.
        }
    }
}
