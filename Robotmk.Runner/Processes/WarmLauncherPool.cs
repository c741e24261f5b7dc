using System.Diagnostics;

namespace Robotmk.Runner.Processes;

/// <summary>
/// The warm launchers of one Python: one for each program that runs warm at the same time, up to <see cref="Size"/>
/// (the suites that may run side by side). The first is started by <see cref="Start"/>, to learn whether warm starts
/// work at all; the others when a program finds every launcher busy, so a run that never has two suites at once
/// imports RF once. Each launcher serves one program at a time.
/// </summary>
internal sealed class WarmLauncherPool : IDisposable
{
    private readonly string _python;
    private readonly string _setsid;
    private readonly IReadOnlyDictionary<string, string> _environment;
    private readonly Action<Process> _startProcess;
    private readonly object _gate = new();
    private readonly List<WarmLauncher> _all = [];
    private readonly Stack<WarmLauncher> _idle = new();
    private int _starting;

    private WarmLauncherPool(string python, string setsid, IReadOnlyDictionary<string, string> environment, int size, Action<Process> startProcess, WarmLauncher first)
    {
        _python = python;
        _setsid = setsid;
        _environment = environment;
        _startProcess = startProcess;
        Size = size;
        First = first;
        _all.Add(first);
        _idle.Push(first);
    }

    /// <summary>How many launchers at most: programs beyond that wait for none, they are spawned.</summary>
    public int Size { get; }

    /// <summary>The launcher started first: RF's version and how the launchers prepare their children.</summary>
    public WarmLauncher First { get; }

    public bool IsAlive => First.IsAlive;

    /// <param name="startProcess">Starts a launcher's process and records its pid (see <see cref="WarmLauncher.Start"/>).</param>
    public static WarmLauncherPool? Start(string python, string setsid, IReadOnlyDictionary<string, string> environment, int size,
        Action<Process> startProcess, out string detail)
    {
        var first = WarmLauncher.Start(python, setsid, environment, out detail, startProcess);
        return first is null ? null : new WarmLauncherPool(python, setsid, environment, Math.Max(1, size), startProcess, first);
    }

    /// <summary>Whether a fork runs Python as a new interpreter would with this environment (<see cref="WarmLauncher.Fits"/>).</summary>
    public bool Fits(IReadOnlyDictionary<string, string> environment) => First.Fits(environment);

    /// <summary>An idle launcher for one program, started if none is idle and fewer than <see cref="Size"/> exist; else null.</summary>
    public WarmLauncher? Take()
    {
        lock (_gate)
        {
            while (_idle.TryPop(out var idle))
                if (idle.IsAlive)
                    return idle;
            if (_all.Count(l => l.IsAlive) + _starting >= Size)
                return null;
            _starting++;
        }
        // Outside the pool's lock: importing RF and the warm-up take a moment, other programs take and return meanwhile.
        var started = WarmLauncher.Start(_python, _setsid, _environment, out _, _startProcess);
        lock (_gate)
        {
            _starting--;
            if (started is not null)
                _all.Add(started);
        }
        return started;
    }

    /// <summary>The launcher's program has ended: it serves the next one. One that has ended itself is only disposed with the pool.</summary>
    public void Return(WarmLauncher launcher)
    {
        lock (_gate)
            if (launcher.IsAlive)
                _idle.Push(launcher);
    }

    public void Dispose()
    {
        lock (_gate)
        {
            foreach (var launcher in _all)
                launcher.Dispose();
            _all.Clear();
            _idle.Clear();
        }
    }
}
