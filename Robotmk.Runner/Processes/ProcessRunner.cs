using System.Diagnostics;

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
        var exe = ExecutableResolver.Resolve(spec.FileName);
        if (exe is null)
            return new ProcessOutcome { StartError = $"program '{spec.FileName}' not found (searched PATH: {Environment.GetEnvironmentVariable("PATH")})" };
        if (!Directory.Exists(spec.WorkingDirectory))
            return new ProcessOutcome { StartError = $"working directory '{spec.WorkingDirectory}' does not exist" };

        var psi = new ProcessStartInfo
        {
            WorkingDirectory = spec.WorkingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            CreateNoWindow = true,
        };
        var ownGroup = _setsid is not null;
        if (ownGroup)
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
        foreach (var (k, v) in spec.Environment)
            psi.Environment[k] = v;
        if (spec.Marker is { } marker)
            psi.Environment[marker.Name] = marker.Value;

        var childrenBefore = _adoptsOrphans ? LinuxProcessTree.Children(Environment.ProcessId) : [];
        var stopwatch = Stopwatch.StartNew();
        using var process = new Process { StartInfo = psi };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            return new ProcessOutcome { StartError = $"cannot start '{exe}': {ex.Message}" };
        }
        var pid = process.Id;
        // Windows: RF and all it starts live in a job that is terminated as a whole (assigned right after start;
        // a process RF starts in its first instant may escape, the tree kill below still covers it).
        using var job = OperatingSystem.IsWindows() ? WindowsJob.Create() : null;
        if (job is not null && OperatingSystem.IsWindows())
            job.Assign(process);
        process.StandardInput.Close();
        var stdout = new TailBuffer(spec.OutputTailBytes);
        var stderr = new TailBuffer(spec.OutputTailBytes);
        var readers = new[]
        {
            Drain(process.StandardOutput.BaseStream, stdout),
            Drain(process.StandardError.BaseStream, stderr),
        };

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
                Signal(process, ownGroup, Libc.SigTerm);
                if (!process.WaitForExit(spec.KillGrace))
                {
                    killed = true;
                    KillTree(process, ownGroup);
                    // A process stuck in the kernel (a hung network mount) survives SIGKILL for a while: the
                    // runner gives up on it rather than hang with its lock held and its heartbeat fresh.
                    process.WaitForExit(AfterKillTimeout);
                }
            }
        }
        if (!timedOut)
            process.WaitForExit();
        // The program is gone; nothing it started may outlive it (and keep its pipes or the browser open):
        // first its process group, then whatever left the group and was adopted by us.
        if (ownGroup)
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
        Task.WaitAll(readers, DrainTimeout);

        return new ProcessOutcome
        {
            Pid = pid,
            ExitCode = process.HasExited ? process.ExitCode : null,
            TimedOut = timedOut && !stopped,
            Stopped = stopped,
            Killed = killed,
            StdoutTail = stdout.ToText(),
            StderrTail = stderr.ToText(),
            Duration = stopwatch.Elapsed,
        };
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
