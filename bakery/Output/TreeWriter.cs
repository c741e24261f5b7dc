using Robotmk.Bakery.Packaging;

namespace Robotmk.Bakery.Output;

/// <summary>Raised when the package trees cannot be written; the message names the path and what to do.</summary>
public sealed class OutputException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Writes package trees to disk. Everything is written into a fresh staging folder next to the output folder, which
/// then takes the output folder's place by rename: a reader never sees a half-written tree, and with --force no file
/// of an earlier bake survives (a stale plugins/&lt;old interval&gt;/robotmk-runner would start a second runner).
/// </summary>
public static class TreeWriter
{
    public const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
    public const UnixFileMode ExecutableMode = FileMode | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;

    /// <param name="outDir">Absolute path of the output folder.</param>
    /// <param name="binDir">Absolute path of the folder holding the program binaries, or null.</param>
    /// <param name="force">Replace a non-empty output folder.</param>
    /// <param name="keep">Absolute paths that must survive (the rule file, the bin folder): refused as part of a replaced folder.</param>
    public static void Write(IReadOnlyList<PackageTree> trees, string outDir, string? binDir, bool force, IReadOnlyList<string> keep)
    {
        var binaries = ResolveBinaries(trees, binDir);
        var target = Path.TrimEndingDirectorySeparator(Path.GetFullPath(outDir));
        CheckTarget(target, force, keep);

        var parent = Path.GetDirectoryName(target)!;
        var name = Path.GetFileName(target);
        var staging = Path.Join(parent, $".{name}.staging-{Guid.NewGuid():N}");
        try
        {
            Directory.CreateDirectory(parent);
            CreateDirectory(staging);
            foreach (var tree in trees)
            {
                var root = Path.Join(staging, tree.Folder);
                CreateDirectory(root);
                foreach (var file in tree.Files)
                    WriteFile(root, file.Path, dest => File.WriteAllBytes(dest, file.Content), FileMode);
                if (binaries is null)
                    continue;
                foreach (var slot in tree.Binaries)
                    WriteFile(root, slot.Path, dest => File.Copy(binaries[slot.BinaryName], dest), ExecutableMode);
            }
            Swap(staging, target, parent, name);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            var leftover = TryDelete(staging) ? "" : $" (the staging folder '{staging}' could not be removed; delete it by hand)";
            throw new OutputException($"cannot write the package trees to '{target}': {ex.Message}{leftover}", ex);
        }
    }

    /// <summary>Maps each needed binary name to its file in <paramref name="binDir"/>; all missing ones are reported together.</summary>
    private static Dictionary<string, string>? ResolveBinaries(IReadOnlyList<PackageTree> trees, string? binDir)
    {
        if (binDir is null)
            return null;
        if (!Directory.Exists(binDir))
            throw new OutputException($"--bin-dir '{binDir}' does not exist or is not a folder");
        var needed = trees.SelectMany(t => t.Binaries).Select(b => b.BinaryName).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var missing = needed.Where(n => !File.Exists(Path.Join(binDir, n))).ToList();
        if (missing.Count > 0)
            throw new OutputException(
                $"--bin-dir '{binDir}' lacks {string.Join(", ", missing)}; expected the program binaries there under the names " +
                $"{string.Join(", ", needed)} (or bake without --bin-dir to get BINARIES.txt instead)");
        return needed.ToDictionary(n => n, n => Path.Join(binDir, n), StringComparer.Ordinal);
    }

    private static void CheckTarget(string target, bool force, IReadOnlyList<string> keep)
    {
        if (File.Exists(target))
            throw new OutputException($"--out '{target}' is a file; expected a folder that is new or empty");
        if (string.Equals(Path.GetPathRoot(target), target, StringComparison.Ordinal) || Path.GetDirectoryName(target) is null)
            throw new OutputException($"--out '{target}' is a file system root; expected a folder of its own");
        if (!Directory.Exists(target) || !Directory.EnumerateFileSystemEntries(target).Any())
            return;
        if (!force)
            throw new OutputException(
                $"--out '{target}' is not empty; refusing to write into it. Choose a new folder, or add --force to replace its whole content");
        var inside = keep.FirstOrDefault(k => IsInside(Path.GetFullPath(k), target));
        if (inside is not null)
            throw new OutputException(
                $"--out '{target}' contains '{inside}', which --force would delete; choose an output folder outside of it");
    }

    private static bool IsInside(string path, string folder)
    {
        var relative = Path.GetRelativePath(folder, path);
        return relative == "." || (!relative.StartsWith("..", StringComparison.Ordinal) && !Path.IsPathRooted(relative));
    }

    private static void WriteFile(string root, string treePath, Action<string> write, UnixFileMode mode)
    {
        var dest = Path.Join(root, treePath.Replace('/', Path.DirectorySeparatorChar));
        var folder = Path.GetDirectoryName(dest)!;
        if (!Directory.Exists(folder))
            CreateDirectory(folder);
        write(dest);
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(dest, mode);
    }

    /// <summary>Creates a folder and any missing parents with mode 0755, whatever the umask.</summary>
    private static void CreateDirectory(string path)
    {
        var missing = new Stack<string>();
        for (var p = path; !Directory.Exists(p); p = Path.GetDirectoryName(p)!)
            missing.Push(p);
        foreach (var p in missing)
        {
            Directory.CreateDirectory(p);
            if (!OperatingSystem.IsWindows())
                File.SetUnixFileMode(p, ExecutableMode);
        }
    }

    private static void Swap(string staging, string target, string parent, string name)
    {
        if (!Directory.Exists(target))
        {
            Directory.Move(staging, target);
            return;
        }
        var old = Path.Join(parent, $".{name}.old-{Guid.NewGuid():N}");
        Directory.Move(target, old);
        try
        {
            Directory.Move(staging, target);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Directory.Move(old, target);
            throw;
        }
        Directory.Delete(old, recursive: true);
    }

    /// <returns>False when the folder is still there.</returns>
    private static bool TryDelete(string folder)
    {
        try
        {
            if (Directory.Exists(folder))
                Directory.Delete(folder, recursive: true);
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
