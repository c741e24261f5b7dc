using System.Diagnostics;

namespace Robotmk.Runner.Processes;

/// <summary>
/// The warm launchers of one Python: one for each program that runs warm at the same time, up to <see cref="Size"/>
/// (the suites that may run side by side). The first is started by <see cref="Start"/>, to learn whether warm starts
/// work at all; the others when a program finds every launcher busy, so a run that never has two suites at once
/// imports RF once. Each launcher serves one program at a time; one that has ended (it ends after a while without a
/// request) or fell out of step with its replies is disposed and replaced when needed.
/// </summary>
internal sealed class WarmLauncherPool : IDisposable
{
    private readonly string _python;
    private readonly string _setsid;
    private readonly IReadOnlyDictionary<string, string> _environment;
    private readonly Action<Process> _startProcess;
    private readonly Action<WarmLauncher> _forget;
    private readonly object _gate = new();
    private readonly List<WarmLauncher> _all = [];
    private readonly Stack<WarmLauncher> _idle = new();
    private int _starting;
    private bool _disposed;

    private WarmLauncherPool(string python, string setsid, IReadOnlyDictionary<string, string> environment, int size,
        Action<Process> startProcess, Action<WarmLauncher> forget, WarmLauncher first)
    {
        _python = python;
        _setsid = setsid;
        _environment = environment;
        _startProcess = startProcess;
        _forget = forget;
        Size = size;
        First = first;
        _all.Add(first);
        _idle.Push(first);
    }

    /// <summary>How many launchers at most: programs beyond that wait for none, they are spawned.</summary>
    public int Size { get; }

    /// <summary>The launcher started first: RF's version and how the launchers prepare their children.</summary>
    public WarmLauncher First { get; }

    /// <summary>Why a launcher started on demand could not be used; from then on programs that find none idle are spawned.</summary>
    public string? StartFailure { get; private set; }

    /// <param name="startProcess">Starts a launcher's process and records its pid (see <see cref="WarmLauncher.Start"/>).</param>
    /// <param name="forget">Called for a launcher before it is disposed: its pid no longer names a launcher.</param>
    public static WarmLauncherPool? Start(string python, string setsid, IReadOnlyDictionary<string, string> environment, int size,
        Action<Process> startProcess, Action<WarmLauncher> forget, out string detail)
    {
        var first = WarmLauncher.Start(python, setsid, environment, out detail, startProcess);
        return first is null ? null : new WarmLauncherPool(python, setsid, environment, Math.Max(1, size), startProcess, forget, first);
    }

    /// <summary>Whether a fork runs Python as a new interpreter would with this environment (<see cref="WarmLauncher.Fits"/>).</summary>
    public bool Fits(IReadOnlyDictionary<string, string> environment) => First.Fits(environment);

    /// <summary>
    /// An idle launcher for one program, started if none is idle and fewer than <see cref="Size"/> serve; null when
    /// none can be had (the program is spawned). Starting one waits at most <paramref name="budget"/> (the program's
    /// own timeout) and not past <paramref name="cancel"/> (the runner asked to stop).
    /// </summary>
    public WarmLauncher? Take(TimeSpan budget, CancellationToken cancel)
    {
        List<WarmLauncher> ended = [];
        try
        {
            lock (_gate)
            {
                if (_disposed)
                    return null;
                while (_idle.TryPop(out var idle))
                {
                    if (idle.IsAlive && idle.InStep)
                        return idle;
                    _all.Remove(idle);
                    ended.Add(idle);
                }
                if (StartFailure is not null || _all.Count + _starting >= Size)
                    return null;
                _starting++;
            }
        }
        finally
        {
            Dispose(ended);
        }
        // Outside the pool's lock: importing RF and the warm-up take a moment, other programs take and return meanwhile.
        var started = WarmLauncher.Start(_python, _setsid, _environment, out var detail, _startProcess, budget, cancel);
        lock (_gate)
        {
            _starting--;
            if (started is null)
            {
                if (!cancel.IsCancellationRequested)
                    StartFailure = detail; // a stop is no fault of the launcher
            }
            else if (!_disposed)
            {
                _all.Add(started);
                return started;
            }
        }
        if (started is not null)
            Dispose([started]); // the pool was disposed meanwhile
        return null;
    }

    /// <summary>The launcher's program has ended: it serves the next one, unless it has ended or is out of step.</summary>
    public void Return(WarmLauncher launcher)
    {
        lock (_gate)
        {
            if (!_disposed && launcher.IsAlive && launcher.InStep)
            {
                _idle.Push(launcher);
                return;
            }
            if (!_all.Remove(launcher))
                return; // disposed with the pool
        }
        Dispose([launcher]);
    }

    private void Dispose(List<WarmLauncher> launchers)
    {
        foreach (var launcher in launchers)
        {
            _forget(launcher);
            launcher.Dispose();
        }
    }

    public void Dispose()
    {
        List<WarmLauncher> all;
        lock (_gate)
        {
            _disposed = true;
            all = [.. _all];
            _all.Clear();
            _idle.Clear();
        }
        Dispose(all);
    }
}
