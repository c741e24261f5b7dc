using System.Runtime.InteropServices;

namespace Robotmk.Runner.Processes;

/// <summary>The few libc calls the runner makes on Linux (and macOS) to signal, adopt and reap processes, and to lock.</summary>
internal static class Libc
{
    public const int SigTerm = 15;
    public const int SigKill = 9;

    /// <summary>waitpid option: return at once when the child has not exited yet.</summary>
    public const int WNoHang = 1;

    /// <summary>prctl option: become the subreaper of orphaned descendants.</summary>
    public const int PrSetChildSubreaper = 36;

    /// <summary>Sends a signal to a process, or to a whole process group when <paramref name="pid"/> is negative.</summary>
    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    public static extern int Kill(int pid, int sig);

    /// <summary>The real user id of this process.</summary>
    [DllImport("libc", EntryPoint = "getuid")]
    public static extern uint GetUid();

    [DllImport("libc", EntryPoint = "prctl", SetLastError = true)]
    public static extern int Prctl(int option, ulong arg2, ulong arg3, ulong arg4, ulong arg5);

    /// <summary>flock operation: exclusive, and fail with EWOULDBLOCK instead of waiting.</summary>
    public const int LockExclusiveNoWait = 2 | 4;

    [DllImport("libc", EntryPoint = "flock", SetLastError = true)]
    public static extern int Flock(Microsoft.Win32.SafeHandles.SafeFileHandle fd, int operation);

    [DllImport("libc", EntryPoint = "waitpid", SetLastError = true)]
    public static extern int WaitPid(int pid, out int status, int options);

    /// <summary>getrusage's who: the children this process has waited for (and, with them, all they waited for).</summary>
    public const int RusageChildren = -1;

    /// <summary>struct rusage of 64-bit Linux: two timevals, then 14 longs (ru_maxrss, the first, is in KiB).</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct Rusage
    {
        public long UserSeconds, UserMicros, SystemSeconds, SystemMicros, MaxRss;
        public long Ixrss, Idrss, Isrss, Minflt, Majflt, Nswap, Inblock, Oublock, Msgsnd, Msgrcv, Nsignals, Nvcsw, Nivcsw;
    }

    /// <summary>Only on 64-bit Linux (the layout of <see cref="Rusage"/>).</summary>
    [DllImport("libc", EntryPoint = "getrusage", SetLastError = true)]
    public static extern int GetRusage(int who, out Rusage usage);
}
