using Robotmk.Files;
using Robotmk.Runner.Processes;

namespace Robotmk.Runner.Results;

/// <summary>
/// Finds an output plugin's program and decides whether the runner (root) may start it: the program is run with the
/// runner's rights, so no other user may be able to change it or put another one in its place. On Linux the program
/// (after its links) must be owned by root or the runner's user and writable by no one else, and so must every folder
/// on the way to it and to each link (a sticky folder, like /tmp, is accepted: others cannot rename or remove what
/// they do not own there).
/// </summary>
public static class PluginCommand
{
    /// <returns>The full path of the program, or why it cannot be started.</returns>
    public static (string? Program, string? Problem) Resolve(string command, string? pathVariable)
    {
        if (ExecutableResolver.Resolve(command, pathVariable) is not { } found)
            return (null, $"program '{command}' not found or not executable (a bare name is looked up in PATH)");
        if (!OperatingSystem.IsLinux())
            return (found, null);
        var euid = NoFollowFile.EffectiveUid;
        foreach (var path in Chain(Path.GetFullPath(found)))
        {
            if (WhyUntrusted(path, euid) is { } why)
                return (null, $"program '{found}' is not started: '{path}' {why}");
        }
        return (found, null);
    }

    /// <summary>Pure: why another user could change what <paramref name="facts"/> describes, or null.</summary>
    public static string? WhyUntrusted(FileFacts facts, uint euid)
    {
        if (facts.OwnerUid != euid && facts.OwnerUid != 0)
            return $"is owned by uid {facts.OwnerUid}, neither root nor the runner (uid {euid})";
        const UnixFileMode writableByOthers = UnixFileMode.GroupWrite | UnixFileMode.OtherWrite;
        if ((facts.Mode & writableByOthers) == 0 || (facts.Kind == FileKind.Directory && (facts.Mode & UnixFileMode.StickyBit) != 0))
            return null;
        return $"is writable by {((facts.Mode & UnixFileMode.OtherWrite) != 0 ? "every user" : "its group")} (mode {FileTrust.Octal(facts.Mode)})";
    }

    private static string? WhyUntrusted(string path, uint euid) =>
        NoFollowFile.Facts(path) is not { } facts ? "does not exist"
        : facts.Kind == FileKind.SymbolicLink ? null // the link itself cannot be changed; its folder and target are checked
        : WhyUntrusted(facts, euid);

    /// <summary>The path, each folder above it, and the same for the target of every link on the way.</summary>
    private static List<string> Chain(string path)
    {
        var result = new List<string>();
        var pending = new Queue<string>([path]);
        while (pending.Count > 0 && result.Count < 256)
        {
            var current = pending.Dequeue();
            for (var p = current; p is not null; p = Path.GetDirectoryName(p))
            {
                if (result.Contains(p))
                    continue;
                result.Add(p);
                if (new FileInfo(p).LinkTarget is { } target)
                    pending.Enqueue(Path.GetFullPath(target, Path.GetDirectoryName(p) ?? "/"));
            }
        }
        return result;
    }
}
