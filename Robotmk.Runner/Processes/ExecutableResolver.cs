namespace Robotmk.Runner.Processes;

/// <summary>Finds a program like the shell does: a path with a separator is taken as is, a bare name is looked up in PATH.</summary>
public static class ExecutableResolver
{
    public static string? Resolve(string name, string? pathVariable = null)
    {
        if (name.Length == 0)
            return null;
        if (name.Contains('/') || name.Contains('\\'))
            return IsExecutable(name) ? Path.GetFullPath(name) : null;
        var path = pathVariable ?? Environment.GetEnvironmentVariable("PATH") ?? "";
        var exts = OperatingSystem.IsWindows()
            ? (Environment.GetEnvironmentVariable("PATHEXT") ?? ".EXE;.CMD;.BAT").Split(';').Prepend("")
            : [""];
        foreach (var dir in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        foreach (var ext in exts)
        {
            var candidate = Path.Join(dir, name + ext);
            if (IsExecutable(candidate))
                return candidate;
        }
        return null;
    }

    private static bool IsExecutable(string file)
    {
        if (!File.Exists(file))
            return false;
        if (OperatingSystem.IsWindows())
            return true;
        return (File.GetUnixFileMode(file) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0;
    }
}
