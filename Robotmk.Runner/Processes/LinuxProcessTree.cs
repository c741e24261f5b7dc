using System.Globalization;

namespace Robotmk.Runner.Processes;

/// <summary>
/// Finds and ends processes that a suite left behind, even those that left RF's process group (RF's Process library
/// starts every process in a new group) or were orphaned when their parent exited. The runner makes itself a child
/// subreaper, so orphaned descendants are re-parented to the runner instead of init and can be found as its children.
/// </summary>
internal static class LinuxProcessTree
{
    /// <returns>True when this process now adopts its orphaned descendants.</returns>
    public static bool BecomeSubreaper() => Libc.Prctl(Libc.PrSetChildSubreaper, 1, 0, 0, 0) == 0;

    /// <summary>
    /// Direct children of this process (its own and the orphans it adopted). Read from each of its threads' children
    /// list where the kernel has them (CONFIG_PROC_CHILDREN, as on the usual distributions): a child is listed under the
    /// thread that started or adopted it, and moves to a live thread when that one ends. A few small reads instead of
    /// the stat file of every process on the host, twice per program run. Elsewhere, a scan of /proc.
    /// </summary>
    public static HashSet<int> ChildrenOfSelf()
    {
        var self = Environment.ProcessId;
        if (!File.Exists($"/proc/{self}/task/{self}/children"))
            return Children(self);
        // A child moves to another thread when its thread ends, maybe one read already; one reaped while a list is
        // read may hide the next. Two reads that agree are a true picture; the scan when they keep changing.
        var last = ReadThreadChildren(self);
        for (var read = 0; read < 3; read++)
        {
            var again = ReadThreadChildren(self);
            if (again.SetEquals(last))
                return again;
            last = again;
        }
        return Children(self);
    }

    private static HashSet<int> ReadThreadChildren(int self)
    {
        var result = new HashSet<int>();
        foreach (var task in Directory.EnumerateDirectories($"/proc/{self}/task"))
        {
            string list;
            try
            {
                list = File.ReadAllText(Path.Join(task, "children"));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                continue; // the thread ended: its children moved to one that lives
            }
            foreach (var pid in list.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                if (int.TryParse(pid, NumberStyles.None, CultureInfo.InvariantCulture, out var p))
                    result.Add(p);
        }
        return result;
    }

    /// <summary>Direct children of a process, from /proc (a process that vanishes while being read is skipped).</summary>
    public static HashSet<int> Children(int parent)
    {
        var result = new HashSet<int>();
        foreach (var (pid, ppid) in ParentLinks())
            if (ppid == parent)
                result.Add(pid);
        return result;
    }

    /// <summary>All descendants of the given roots (roots included), children before parents are not guaranteed.</summary>
    public static HashSet<int> WithDescendants(IEnumerable<int> roots)
    {
        var links = ParentLinks().ToList();
        var all = new HashSet<int>(roots);
        var frontier = new Queue<int>(all);
        while (frontier.Count > 0)
        {
            var p = frontier.Dequeue();
            foreach (var (pid, ppid) in links)
                if (ppid == p && all.Add(pid))
                    frontier.Enqueue(pid);
        }
        return all;
    }

    /// <summary>SIGKILLs the processes and their descendants, then reaps those that are our own children.</summary>
    public static int KillAndReap(IReadOnlyCollection<int> roots)
    {
        if (roots.Count == 0)
            return 0;
        var victims = WithDescendants(roots);
        foreach (var pid in victims)
            _ = Libc.Kill(pid, Libc.SigKill);
        var self = Environment.ProcessId;
        var deadline = DateTime.UtcNow.AddSeconds(5);
        foreach (var pid in victims)
        {
            // Only our own (adopted) children can be reaped; the others are reaped by their parent or init.
            if (ParentOf(pid) != self)
                continue;
            while (Libc.WaitPid(pid, out _, Libc.WNoHang) == 0 && DateTime.UtcNow < deadline)
                Thread.Sleep(5);
        }
        return victims.Count;
    }

    /// <summary>
    /// SIGKILLs every other process of this runner's own user whose environment holds the entry (NAME=VALUE), with
    /// its descendants, and waits until they are gone. The user is checked first: root can read every process's
    /// environment, and anybody can start a process with any variable, so the entry alone would let another user
    /// have their process (or, by setting it on a process they started for someone else, that one) killed.
    /// </summary>
    /// <returns>"pid command line" of each process ended.</returns>
    public static IReadOnlyList<string> EndMarked(string entry)
    {
        var self = Environment.ProcessId;
        var uid = Libc.GetUid();
        var described = new List<string>();
        var seen = new HashSet<int>();
        // A marked process still alive between the look and its kill may start another, which inherits the entry
        // (RF starting a process at that instant): look again after each kill until none is left. Bounded: a
        // process that outruns its kill this often is left to the next runner.
        for (var round = 0; round < MaxEndRounds; round++)
        {
            var marked = ParentLinks().Select(l => l.Pid)
                .Where(pid => pid != self && RealUid(pid) == uid && HasEnvironmentEntry(pid, entry)).ToList();
            if (marked.Count == 0)
                break;
            described.AddRange(marked.Where(seen.Add).Select(pid => $"{pid} {CommandLine(pid)}"));
            var victims = WithDescendants(marked);
            KillAndReap(marked);
            var deadline = DateTime.UtcNow.AddSeconds(5);
            while (victims.Any(IsRunning) && DateTime.UtcNow < deadline)
                Thread.Sleep(5);
        }
        return described;
    }

    private const int MaxEndRounds = 10;

    /// <summary>The real user id, the first of the four on the "Uid:" line of /proc/PID/status; null when it cannot be read.</summary>
    private static uint? RealUid(int pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (!line.StartsWith("Uid:", StringComparison.Ordinal))
                    continue;
                var ids = line["Uid:".Length..].Split(['\t', ' '], StringSplitOptions.RemoveEmptyEntries);
                return ids.Length > 0 && uint.TryParse(ids[0], NumberStyles.None, CultureInfo.InvariantCulture, out var uid) ? uid : null;
            }
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    public static bool HasEnvironmentEntry(int pid, string entry)
    {
        byte[] environ;
        try
        {
            environ = File.ReadAllBytes($"/proc/{pid}/environ");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
        var needle = System.Text.Encoding.UTF8.GetBytes(entry + "\0");
        var span = environ.AsSpan();
        if (span.StartsWith(needle))
            return true;
        var inside = new byte[needle.Length + 1];
        needle.CopyTo(inside, 1);
        return span.IndexOf(inside) >= 0;
    }

    private static string CommandLine(int pid)
    {
        try
        {
            return LoggedCommandLine.Of(File.ReadAllText($"/proc/{pid}/cmdline").Split('\0', StringSplitOptions.RemoveEmptyEntries));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return "";
        }
    }

    /// <summary>Exists and is not a zombie (a zombie holds nothing; its parent reaps it).</summary>
    private static bool IsRunning(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var state = stat[(stat.LastIndexOf(')') + 2)..];
            return state.Length > 0 && state[0] is not ('Z' or 'X');
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static int? ParentOf(int pid) => ReadParent(pid);

    private static IEnumerable<(int Pid, int Ppid)> ParentLinks()
    {
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
                continue;
            if (ReadParent(pid) is { } ppid)
                yield return (pid, ppid);
        }
    }

    /// <summary>Field 4 of /proc/PID/stat; the command name (field 2) may contain spaces and ')', so parse after the last ')'.</summary>
    private static int? ReadParent(int pid)
    {
        string stat;
        try
        {
            stat = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
        var close = stat.LastIndexOf(')');
        if (close < 0)
            return null;
        var fields = stat[(close + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return fields.Length > 1 && int.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var ppid) ? ppid : null;
    }
}
