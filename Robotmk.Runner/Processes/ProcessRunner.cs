using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;

namespace Robotmk.Runner.Processes;

/// <summary>
/// Runs a program with a timeout and never leaves any of its processes behind. On Linux the program is started
/// through <c>setsid</c>, so it leads a new process group that holds its children and grandchildren (a browser started
/// by a suite); on timeout the group gets SIGTERM (RF's graceful stop), after the grace period SIGKILL. After the
/// program exits, whatever is left in its group is killed as well.
/// </summary>
public sealed class ProcessRunner : IProcessRunner, IDisposable
{
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan AfterKillTimeout = TimeSpan.FromSeconds(30);

    private readonly string? _setsid;
    private readonly bool _adoptsOrphans;
    private readonly object _gate = new();
    /// <summary>The programs running now, by pid, with the entry that marks everything each of them started (<see cref="RunEntryName"/>).</summary>
    private readonly Dictionary<int, string> _running = [];
    private long _runs;

    /// <summary>
    /// Marks the processes of one program run, so that of two programs running side by side neither ends what the
    /// other started when its leftovers (processes adopted by the runner) are ended.
    /// </summary>
    public const string RunEntryName = "ROBOTMK_PROCESS_RUN";
    /// <summary>Warm launchers by Python (see <see cref="WarmUp"/>).</summary>
    private readonly Dictionary<string, WarmLauncherPool> _warm = new(StringComparer.Ordinal);
    /// <summary>
    /// The launchers by pid, recorded as each is started and removed before it is disposed (under <see cref="_gate"/>):
    /// children of the runner that are no program's leftovers while they run.
    /// </summary>
    private readonly Dictionary<int, Process> _launchers = [];
    /// <summary>Keys of warm programs in <see cref="_running"/>: never a pid (warm children are the launchers', not the runner's).</summary>
    private int _warmRuns;

    /// <summary>Programs are started through setsid and lead their own process group.</summary>
    private bool OwnGroup => _setsid is not null;

    public ProcessRunner()
    {
        if (!OperatingSystem.IsLinux())
            return;
        _setsid = ExecutableResolver.Resolve("setsid");
        _adoptsOrphans = LinuxProcessTree.BecomeSubreaper();
    }

    /// <summary>
    /// Programs may run side by side (suites of different groups). Leftovers are recognised as new children of this
    /// process; each run's entry (<see cref="RunEntryName"/>) tells whose they are.
    /// </summary>
    public ProcessOutcome Run(ProcessSpec spec, CancellationToken cancel = default)
    {
        if (!CanStart(spec, out var exe, out var cannotStart))
            return new ProcessOutcome { StartError = cannotStart };
        if (spec.Warm is { } warm && WarmPool(warm.Python) is { } pool && spec.FullEnvironment() is var environment && pool.Fits(environment))
        {
            var waited = Stopwatch.StartNew();
            if (pool.Take(spec.Timeout, cancel) is { } launcher)
            {
                try
                {
                    return RunWarm(launcher, spec, warm, environment, cancel);
                }
                finally
                {
                    pool.Return(launcher);
                }
            }
            // Spawned instead; the time spent starting a launcher counts against its timeout.
            spec = spec with { Timeout = spec.Timeout > waited.Elapsed ? spec.Timeout - waited.Elapsed : TimeSpan.Zero };
        }
        var psi = BuildStartInfo(spec, exe);
        var runEntry = $"{System.Environment.ProcessId}-{Interlocked.Increment(ref _runs)}";
        psi.Environment[RunEntryName] = runEntry;

        var stopwatch = Stopwatch.StartNew();
        using var process = new Process { StartInfo = psi };
        HashSet<int> childrenBefore;
        int pid;
        lock (_gate)
        {
            childrenBefore = _adoptsOrphans ? LinuxProcessTree.ChildrenOfSelf() : [];
            if (!TryStart(process, exe, out var startError))
                return new ProcessOutcome { StartError = startError };
            pid = process.Id;
            _running[pid] = RunEntryName + "=" + runEntry;
        }
        // Windows: RF and all it starts live in a job that is terminated as a whole (assigned right after start;
        // a process RF starts in its first instant may escape, the tree kill below still covers it).
        using var job = OperatingSystem.IsWindows() ? WindowsJob.Create() : null;
        if (job is not null && OperatingSystem.IsWindows())
            job.Assign(process);
        StdinFeed.Start(process, spec.Stdin);
        var output = new OutputTails(process, spec.OutputTailBytes);

        var ending = WaitOrStop(process, spec, cancel);
        lock (_gate)
        {
            var entry = _running[pid];
            _running.Remove(pid);
            EndLeftovers(pid, job, childrenBefore, entry);
        }
        output.WaitDrained(DrainTimeout);

        return new ProcessOutcome
        {
            Pid = pid,
            ExitCode = process.HasExited ? process.ExitCode : null,
            TimedOut = ending.TimedOut && !ending.Stopped,
            Stopped = ending.Stopped,
            Killed = ending.Killed,
            EndedAtOnce = ending.TimedOut && OperatingSystem.IsWindows(),
            StdoutTail = output.Stdout.ToText(),
            StderrTail = output.Stderr.ToText(),
            Duration = stopwatch.Elapsed,
        };
    }

    public string? WarmUp(string python, IReadOnlyDictionary<string, string> environment, int launchers, out string detail)
    {
        lock (_gate)
        {
            if (_warm.TryGetValue(python, out var running))
            {
                detail = running.First.Preparation;
                return running.First.RfVersion;
            }
            if (_setsid is null || !_adoptsOrphans)
            {
                detail = OperatingSystem.IsLinux() ? "setsid or the child subreaper is not available" : "this OS cannot fork";
                return null;
            }
        }
        // Not under the gate: other programs may end (and clean up) while RF is imported.
        if (WarmLauncherPool.Start(python, _setsid, environment, launchers, StartLauncher, ForgetLauncher, out detail) is not { } started)
            return null;
        lock (_gate)
            _warm[python] = started;
        detail = started.First.Preparation;
        return started.First.RfVersion;
    }

    private WarmLauncherPool? WarmPool(string python)
    {
        lock (_gate)
            return _warm.GetValueOrDefault(python);
    }

    /// <summary>
    /// Starts a launcher's process and records it in one step under the gate: a program ending meanwhile must not
    /// take the new child of the runner for one of its leftovers.
    /// </summary>
    private void StartLauncher(Process process)
    {
        lock (_gate)
        {
            process.Start();
            _launchers[process.Id] = process;
        }
    }

    private void ForgetLauncher(WarmLauncher launcher)
    {
        lock (_gate)
            _launchers.Remove(launcher.Pid);
    }

    /// <summary>
    /// Runs the spec as a fork of a warm launcher that serves no other program now, supervised as a spawned program
    /// is: the child leads its own process group, which gets the graceful stop on timeout and is killed afterwards,
    /// with whatever left it.
    /// </summary>
    private ProcessOutcome RunWarm(WarmLauncher launcher, ProcessSpec spec, WarmStart warm, Dictionary<string, string> environment, CancellationToken cancel)
    {
        var runEntry = $"{System.Environment.ProcessId}-{Interlocked.Increment(ref _runs)}";
        environment[RunEntryName] = runEntry;
        var stopwatch = Stopwatch.StartNew();
        HashSet<int> childrenBefore;
        // Like a spawned program's start: the snapshot and the registration as running are one step, so that a
        // program ending meanwhile counts this one as running and kills only what carries its own entry. The
        // launcher is asked outside the gate (a launcher that does not answer holds up nobody else).
        var key = -Interlocked.Increment(ref _warmRuns);
        lock (_gate)
        {
            childrenBefore = LinuxProcessTree.ChildrenOfSelf();
            _running[key] = RunEntryName + "=" + runEntry;
        }
        var child = launcher.Launch(warm.Entry, spec.Arguments.Skip(warm.SkipArguments), spec.WorkingDirectory, environment);
        if (child is null)
        {
            lock (_gate)
                _running.Remove(key);
            return new ProcessOutcome { StartError = $"the warm launcher of '{warm.Python}' (pid {launcher.Pid}) did not start it: {(launcher.IsAlive ? "no reply" : "it has ended")}" };
        }

        var timedOut = false;
        var killed = false;
        var rc = -1;
        var usage = ResourceUsage.Unknown;
        WarmLauncher.Wait wait;
        using (var timeoutCts = CancellationTokenSource.CreateLinkedTokenSource(cancel))
        {
            timeoutCts.CancelAfter(spec.Timeout);
            wait = launcher.WaitExit(child, timeoutCts.Token, out rc, out usage);
        }
        if (wait == WarmLauncher.Wait.NotYet)
        {
            timedOut = true;
            _ = Libc.Kill(-child.Pid, Libc.SigTerm);
            wait = launcher.WaitExit(child, spec.KillGrace, out rc, out usage);
            if (wait == WarmLauncher.Wait.NotYet)
            {
                killed = true;
                _ = Libc.Kill(-child.Pid, Libc.SigKill);
                LinuxProcessTree.KillAndReap([child.Pid]);
                wait = launcher.WaitExit(child, AfterKillTimeout, out rc, out usage);
            }
        }
        if (wait != WarmLauncher.Wait.Exited)
        {
            // The launcher is gone, or its "exited" line never came: it serves no other program. A child the runner
            // adopted from a launcher that died is the runner's to kill (with its group, below) and to reap.
            launcher.GiveUp();
            if (LinuxProcessTree.ChildrenOfSelf().Contains(child.Pid))
                LinuxProcessTree.KillAndReap([child.Pid]);
        }
        lock (_gate)
        {
            _running.Remove(key);
            EndLeftovers(child.Pid, null, childrenBefore, RunEntryName + "=" + runEntry);
        }
        return new ProcessOutcome
        {
            Pid = child.Pid,
            ExitCode = wait == WarmLauncher.Wait.Exited ? rc : null,
            TimedOut = timedOut && !cancel.IsCancellationRequested,
            Stopped = timedOut && cancel.IsCancellationRequested,
            Killed = killed,
            StdoutTail = WarmLauncher.Tail(child.Stdout, spec.OutputTailBytes).ToText(),
            StderrTail = WarmLauncher.Tail(child.Stderr, spec.OutputTailBytes).ToText()
                         + (wait == WarmLauncher.Wait.LauncherGone ? $"\nthe warm launcher (pid {launcher.Pid}) ended while the program ran" : ""),
            Duration = stopwatch.Elapsed,
            Usage = usage,
        };
    }


    /// <summary>Ends the warm launchers.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            foreach (var launcher in _warm.Values)
                launcher.Dispose();
            _warm.Clear();
        }
    }

    /// <summary>The program is found and its working directory exists; else why it cannot be started.</summary>
    private static bool CanStart(ProcessSpec spec, [NotNullWhen(true)] out string? exe, [NotNullWhen(false)] out string? error)
    {
        exe = ExecutableResolver.Resolve(spec.FileName);
        error = exe is null
            ? $"program '{spec.FileName}' not found (searched PATH: {System.Environment.GetEnvironmentVariable("PATH")})"
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
    /// <param name="entry">This run's entry: an adopted process that holds another running program's entry is that program's, and left alone.</param>
    private void EndLeftovers(int pid, WindowsJob? job, HashSet<int> childrenBefore, string entry)
    {
        if (OwnGroup)
            _ = Libc.Kill(-pid, Libc.SigKill);
        if (job is not null && OperatingSystem.IsWindows())
            job.Terminate();
        if (_adoptsOrphans)
        {
            var leftovers = LinuxProcessTree.ChildrenOfSelf();
            leftovers.ExceptWith(childrenBefore);
            leftovers.Remove(pid);
            leftovers.ExceptWith(_running.Keys);
            leftovers.RemoveWhere(p => _launchers.TryGetValue(p, out var launcher) && !launcher.HasExited);
            // While other programs run, only what holds this run's entry is surely its own; one that holds none (it
            // cleared its environment) is left to the program that ends when no other runs.
            if (_running.Count > 0)
                leftovers.RemoveWhere(p => !LinuxProcessTree.HasEnvironmentEntry(p, entry));
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
