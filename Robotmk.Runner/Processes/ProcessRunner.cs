using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;

namespace Robotmk.Runner.Processes;

/// <summary>
/// Runs a program with a timeout and never leaves any of its processes behind. On Linux the program is started
/// through <c>setsid</c>, so it leads a new process group that holds its children and grandchildren (a browser started
/// by a suite); on timeout the group gets SIGTERM (RF's graceful stop), after the grace period SIGKILL. After the
/// program exits, whatever is left in its group is killed as well.
/// </summary>
public sealed class ProcessRunner : IProcessRunner
{
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan AfterKillTimeout = TimeSpan.FromSeconds(30);

    private readonly string? _setsid;
    private readonly bool _adoptsOrphans;
    private readonly object _gate = new();

    /// <summary>Programs are started through setsid and lead their own process group.</summary>
    private bool OwnGroup => _setsid is not null;

    public ProcessRunner()
    {
        if (!OperatingSystem.IsLinux())
            return;
        _setsid = ExecutableResolver.Resolve("setsid");
        _adoptsOrphans = LinuxProcessTree.BecomeSubreaper();
    }

    /// <summary>One program at a time: leftovers are recognised as new children of this process, so runs must not overlap.</summary>
    public ProcessOutcome Run(ProcessSpec spec, CancellationToken cancel = default)
    {
        lock (_gate)
            return RunExclusive(spec, cancel);
    }

    private ProcessOutcome RunExclusive(ProcessSpec spec, CancellationToken cancel)
    {
        if (!CanStart(spec, out var exe, out var cannotStart))
            return new ProcessOutcome { StartError = cannotStart };
        var psi = BuildStartInfo(spec, exe);

        var childrenBefore = _adoptsOrphans ? LinuxProcessTree.Children(Environment.ProcessId) : [];
        var stopwatch = Stopwatch.StartNew();
        using var process = new Process { StartInfo = psi };
        if (!TryStart(process, exe, out var startError))
            return new ProcessOutcome { StartError = startError };
        var pid = process.Id;
        // Windows: RF and all it starts live in a job that is terminated as a whole (assigned right after start;
        // a process RF starts in its first instant may escape, the tree kill below still covers it).
        using var job = OperatingSystem.IsWindows() ? WindowsJob.Create() : null;
        if (job is not null && OperatingSystem.IsWindows())
            job.Assign(process);
        StdinFeed.Start(process, spec.Stdin);
        var output = new OutputTails(process, spec.OutputTailBytes);

        var ending = WaitOrStop(process, spec, cancel);
        EndLeftovers(pid, job, childrenBefore);
        output.WaitDrained(DrainTimeout);

        return new ProcessOutcome
        {
            Pid = pid,
            ExitCode = process.HasExited ? process.ExitCode : null,
            TimedOut = ending.TimedOut && !ending.Stopped,
            Stopped = ending.Stopped,
            Killed = ending.Killed,
            StdoutTail = output.Stdout.ToText(),
            StderrTail = output.Stderr.ToText(),
            Duration = stopwatch.Elapsed,
        };
    }

    /// <summary>The program is found and its working directory exists; else why it cannot be started.</summary>
    private static bool CanStart(ProcessSpec spec, [NotNullWhen(true)] out string? exe, [NotNullWhen(false)] out string? error)
    {
        exe = ExecutableResolver.Resolve(spec.FileName);
        error = exe is null
            ? $"program '{spec.FileName}' not found (searched PATH: {Environment.GetEnvironmentVariable("PATH")})"
            : !Directory.Exists(spec.WorkingDirectory)
                ? $"working directory '{spec.WorkingDirectory}' does not exist"
                : null;
        return error is null;
    }

    /// <summary>Pipes for all three streams; on Linux through setsid, so the program leads its own process group.</summary>
    private ProcessStartInfo BuildStartInfo(ProcessSpec spec, string exe)
    {
        var psi = new ProcessStartInfo
        {
            WorkingDirectory = spec.WorkingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            CreateNoWindow = true,
        };
        if (OwnGroup)
        {
            psi.FileName = _setsid!;
            psi.ArgumentList.Add(exe);
        }
        else
        {
            psi.FileName = exe;
        }
        foreach (var a in spec.Arguments)
            psi.ArgumentList.Add(a);
        foreach (var name in spec.Unset)
            psi.Environment.Remove(name);
        foreach (var (k, v) in spec.Environment)
            psi.Environment[k] = v;
        if (spec.Marker is { } marker)
            psi.Environment[marker.Name] = marker.Value;
        return psi;
    }

    private static bool TryStart(Process process, string exe, [NotNullWhen(false)] out string? error)
    {
        try
        {
            process.Start();
            error = null;
            return true;
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            error = $"cannot start '{exe}': {ex.Message}";
            return false;
        }
    }

    /// <summary>How the wait for the program ended.</summary>
    /// <param name="TimedOut">Its timeout expired or the runner was asked to stop, so it was stopped.</param>
    /// <param name="Stopped">It was stopped because the runner was asked to stop.</param>
    /// <param name="Killed">It ignored the graceful stop and its tree was killed.</param>
    private readonly record struct Ending(bool TimedOut, bool Stopped, bool Killed);

    /// <summary>
    /// Waits until the program exits. On timeout or when asked to stop, the program gets its graceful stop (SIGTERM to
    /// its group), after the grace period its tree is killed.
    /// </summary>
    private Ending WaitOrStop(Process process, ProcessSpec spec, CancellationToken cancel)
    {
        var timedOut = false;
        var stopped = false;
        var killed = false;
        using (var timeoutCts = CancellationTokenSource.CreateLinkedTokenSource(cancel))
        {
            timeoutCts.CancelAfter(spec.Timeout);
            if (!WaitForExit(process, timeoutCts.Token))
            {
                timedOut = true;
                stopped = cancel.IsCancellationRequested;
                Signal(process, OwnGroup, Libc.SigTerm);
                if (!process.WaitForExit(spec.KillGrace))
                {
                    killed = true;
                    KillTree(process, OwnGroup);
                    // A process stuck in the kernel (a hung network mount) survives SIGKILL for a while: the
                    // runner gives up on it rather than hang with its lock held and its heartbeat fresh.
                    process.WaitForExit(AfterKillTimeout);
                }
            }
        }
        if (!timedOut)
            process.WaitForExit();
        return new Ending(timedOut, stopped, killed);
    }

    /// <summary>
    /// The program is gone; nothing it started may outlive it (and keep its pipes or the browser open): first its
    /// process group (or its Windows job), then whatever left the group and was adopted by us.
    /// </summary>
    private void EndLeftovers(int pid, WindowsJob? job, HashSet<int> childrenBefore)
    {
        if (OwnGroup)
            _ = Libc.Kill(-pid, Libc.SigKill);
        if (job is not null && OperatingSystem.IsWindows())
            job.Terminate();
        if (_adoptsOrphans)
        {
            var leftovers = LinuxProcessTree.Children(Environment.ProcessId);
            leftovers.ExceptWith(childrenBefore);
            leftovers.Remove(pid);
            LinuxProcessTree.KillAndReap(leftovers);
        }
    }

    public IReadOnlyList<string> EndMarked(ProcessMarker marker)
    {
        // Windows: the job object of a dead runner is closed with it, and closing kills its processes.
        if (!OperatingSystem.IsLinux())
            return [];
        lock (_gate)
            return LinuxProcessTree.EndMarked(marker.Entry);
    }

    private static bool WaitForExit(Process process, CancellationToken token)
    {
        try
        {
            process.WaitForExitAsync(token).GetAwaiter().GetResult();
            return true;
        }
        catch (OperationCanceledException)
        {
            return process.HasExited;
        }
    }

    private static void Signal(Process process, bool ownGroup, int signal)
    {
        if (ownGroup)
        {
            _ = Libc.Kill(-process.Id, signal);
            return;
        }
        if (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS())
        {
            _ = Libc.Kill(process.Id, signal);
            return;
        }
        // Windows has no SIGTERM for console programs outside our console group: stop the tree at once.
        KillTree(process, ownGroup: false);
    }

    private static void KillTree(Process process, bool ownGroup)
    {
        if (ownGroup)
            _ = Libc.Kill(-process.Id, Libc.SigKill);
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
    }

    /// <summary>The tails of stdout and stderr, read in the background while the program runs.</summary>
    private sealed class OutputTails
    {
        private readonly Task[] _readers;

        public OutputTails(Process process, int tailBytes)
        {
            Stdout = new TailBuffer(tailBytes);
            Stderr = new TailBuffer(tailBytes);
            _readers =
            [
                Drain(process.StandardOutput.BaseStream, Stdout),
                Drain(process.StandardError.BaseStream, Stderr),
            ];
        }

        public TailBuffer Stdout { get; }
        public TailBuffer Stderr { get; }

        /// <summary>Waits for both pipes to close, at most the timeout: a process outside the program's group may hold one open.</summary>
        public void WaitDrained(TimeSpan timeout) => Task.WaitAll(_readers, timeout);

        private static async Task Drain(Stream stream, TailBuffer tail)
        {
            var buffer = new byte[16 * 1024];
            try
            {
                int n;
                while ((n = await stream.ReadAsync(buffer).ConfigureAwait(false)) > 0)
                    tail.Write(buffer.AsSpan(0, n));
            }
            catch (IOException)
            {
                // The pipe broke because the process tree was killed; what was read is kept.
            }
            catch (ObjectDisposedException)
            {
                // Abandoned after DrainTimeout: a process outside our group still holds the pipe.
            }
        }
    }
}
