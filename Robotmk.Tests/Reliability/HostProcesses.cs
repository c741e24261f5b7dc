using System.Globalization;
using System.Text;

namespace Robotmk.Tests.Reliability;

/// <summary>A process seen in /proc.</summary>
public sealed record HostProcess(int Pid, int ParentPid, string CommandLine, char State)
{
    public bool IsZombie => State is 'Z' or 'X';
}

/// <summary>
/// Finds processes by a marker in their environment. The scenarios give every suite a unique variable
/// (<c>env:</c> in robotmk.yml); RF and everything it starts inherit it, so whatever a suite left running is found,
/// whichever process group or session it moved to.
/// </summary>
public static class HostProcesses
{
    /// <summary>Living (non-zombie) processes whose environment holds NAME=VALUE.</summary>
    public static List<HostProcess> WithEnvironment(string name, string value)
    {
        var needle = Encoding.UTF8.GetBytes(name + "=" + value + "\0");
        var found = new List<HostProcess>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
                continue;
            byte[] environ;
            try
            {
                environ = File.ReadAllBytes(Path.Join(dir, "environ"));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                continue;
            }
            if (!HasEntry(environ, needle))
                continue;
            if (Read(pid) is { IsZombie: false } p)
                found.Add(p);
        }
        return found;
    }

    public static HostProcess? Read(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var close = stat.LastIndexOf(')');
            var fields = stat[(close + 2)..].Split(' ');
            var cmdline = File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ').Trim();
            return new HostProcess(pid, int.Parse(fields[1], CultureInfo.InvariantCulture), cmdline, fields[0][0]);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return null;
        }
    }

    /// <summary>True when <paramref name="ancestor"/> is the process or one of its ancestors.</summary>
    public static bool DescendsFrom(int pid, int ancestor)
    {
        for (var p = pid; p > 1;)
        {
            if (p == ancestor)
                return true;
            if (Read(p) is not { } proc)
                return false;
            p = proc.ParentPid;
        }
        return false;
    }

    /// <summary>Peak resident set size (VmHWM) of a process in KiB, or null once it is gone.</summary>
    public static long? PeakRssKib(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            return line is null ? null : long.Parse(line[6..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException)
        {
            return null;
        }
    }

    /// <summary>SIGKILLs the processes (cleanup of a failed test, so none outlives it).</summary>
    public static void Kill(IEnumerable<HostProcess> processes)
    {
        foreach (var p in processes)
            _ = kill(p.Pid, 9);
    }

    /// <summary>Entries are NUL-terminated; an entry matches only as a whole (not as the tail of a longer name).</summary>
    private static bool HasEntry(byte[] environ, byte[] entry)
    {
        var span = environ.AsSpan();
        if (span.StartsWith(entry))
            return true;
        var withSeparator = new byte[entry.Length + 1];
        entry.CopyTo(withSeparator, 1);
        return span.IndexOf(withSeparator) >= 0;
    }

    [System.Runtime.InteropServices.DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int sig);
}
