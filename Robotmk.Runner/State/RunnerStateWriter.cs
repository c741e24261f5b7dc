using Robotmk.State;
using Robotmk.Time;

namespace Robotmk.Runner.State;

/// <summary>
/// Owns robotmk_runner.json while a run is in progress: every change is written atomically, and a timer refreshes
/// the heartbeat so the controller can tell a working runner from a dead one.
/// </summary>
public sealed class RunnerStateWriter : IDisposable
{
    private readonly string _path;
    private readonly IClock _clock;
    private readonly Action<string> _onError;
    private readonly object _gate = new();
    private readonly Timer? _timer;
    private RunnerState _current;

    public RunnerStateWriter(string stateDir, RunnerState initial, IClock clock, TimeSpan heartbeat, Action<string> onError)
    {
        _path = StateFiles.RunnerFile(stateDir);
        _clock = clock;
        _onError = onError;
        _current = initial;
        Write(initial);
        if (heartbeat > TimeSpan.Zero)
            _timer = new Timer(_ => Update(s => s), null, heartbeat, heartbeat);
    }

    public RunnerState Current
    {
        get { lock (_gate) return _current; }
    }

    /// <summary>Applies a change and writes the file; the heartbeat is set to now on every write.</summary>
    public void Update(Func<RunnerState, RunnerState> change)
    {
        lock (_gate)
        {
            var next = change(_current) with { Heartbeat = Iso8601.Format(_clock.UtcNow) };
            _current = next;
            Write(next);
        }
    }

    private void Write(RunnerState state)
    {
        try
        {
            StateFiles.Write(_path, state);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The run goes on; the controller will see a stale heartbeat and say so.
            _onError($"cannot write runner state '{_path}': {ex.Message}");
        }
    }

    public void Dispose()
    {
        if (_timer is null)
            return;
        using var done = new ManualResetEvent(false);
        _timer.Dispose(done);
        done.WaitOne();
    }
}
