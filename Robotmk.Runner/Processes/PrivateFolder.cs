namespace Robotmk.Runner.Processes;

/// <summary>
/// A new folder that only the runner's user can enter (0700 on Unix): for what RF must read and no other user may (the
/// argument file with variable values), and as the working directory of rebot. Deleted with everything in it when
/// disposed.
/// </summary>
public sealed class PrivateFolder : IDisposable
{
    private PrivateFolder(string path) => FullPath = path;

    public string FullPath { get; }

    /// <summary>
    /// A new folder in <paramref name="parent"/>, a folder of the runner's own that only one runner uses at a time (the
    /// state folder's <c>private</c>): whatever else is in it was left by a killed run (an argument file with
    /// passwords) and is deleted first. Without a parent, a new folder in the temp folder (made by mkdtemp).
    /// </summary>
    /// <exception cref="IOException">The folder cannot be created.</exception>
    public static PrivateFolder Create(string? parent = null)
    {
        if (parent is null)
            return new(Directory.CreateTempSubdirectory("robotmk-runner-").FullName);
        const UnixFileMode ownerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
        var root = OperatingSystem.IsWindows() ? Directory.CreateDirectory(parent) : Directory.CreateDirectory(parent, ownerOnly);
        foreach (var leftover in root.EnumerateDirectories())
            new PrivateFolder(leftover.FullName).Dispose();
        var path = Path.Join(root.FullName, Path.GetRandomFileName());
        if (OperatingSystem.IsWindows())
            Directory.CreateDirectory(path);
        else
            Directory.CreateDirectory(path, ownerOnly);
        return new(path);
    }

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
