using System.Text.Json;
using Robotmk.State;
using Robotmk.Time;

namespace Robotmk.Runner.State;

/// <summary>
/// Reads and writes robotmk_&lt;id&gt;.json. A previous complete result is never dropped by marking a suite running, and
/// a file this runner cannot read (damaged, or written by a newer version) is left as it is until a finished run
/// replaces it with a whole new result.
/// </summary>
public sealed class SuiteStateStore(string stateDir, IClock clock, Action<string> warn)
{
    /// <returns>The suite's state; null when there is none or it cannot be read (then a warning says why).</returns>
    public SuiteState? TryRead(string suiteId) => Read(suiteId, out _);

    private SuiteState? Read(string suiteId, out bool unreadable)
    {
        unreadable = false;
        var path = StateFiles.SuiteFile(stateDir, suiteId);
        if (!File.Exists(path))
            return null;
        try
        {
            return StateFiles.ReadSuite(path);
        }
        catch (Exception ex) when (ex is JsonException or StateFormatException or IOException or UnauthorizedAccessException)
        {
            warn($"previous state of suite {suiteId} is unreadable and will be replaced by the next result: {ex.Message}");
            unreadable = true;
            return null;
        }
    }

    public void MarkRunning(string suiteId, string runId)
    {
        var previous = Read(suiteId, out var unreadable);
        // Marking it running would replace what cannot be read with nothing: a run that then dies would leave no result.
        if (unreadable)
            return;
        StateFiles.Write(StateFiles.SuiteFile(stateDir, suiteId), new SuiteState
        {
            Id = suiteId,
            State = SuiteState.Running,
            RunningRunId = runId,
            RunningSince = Iso8601.Format(clock.UtcNow),
            Result = previous?.Result,
        });
    }

    public void WriteDone(SuiteResult result) =>
        StateFiles.Write(StateFiles.SuiteFile(stateDir, result.Id), new SuiteState { Id = result.Id, State = SuiteState.Done, Result = result });

    /// <summary>A run that was interrupted leaves "running"; put the previous result back as done.</summary>
    public void MarkNotRunning(string suiteId)
    {
        var previous = TryRead(suiteId);
        if (previous is null || previous.EffectiveState != SuiteState.Running)
            return;
        StateFiles.Write(StateFiles.SuiteFile(stateDir, suiteId),
            previous with { State = previous.Result is null ? SuiteState.Pending : SuiteState.Done, RunningRunId = null, RunningSince = null });
    }

    /// <summary>
    /// Suites that a killed run left marked running get their previous result back as done (or pending), so nothing
    /// reports a run in progress that no runner does. Call it only while holding the run lock.
    /// </summary>
    /// <returns>The ids of the suites that were marked running.</returns>
    public IReadOnlyList<string> RecoverInterrupted()
    {
        var recovered = new List<string>();
        foreach (var id in SuiteIdsOnDisk())
        {
            if (TryRead(id) is not { EffectiveState: SuiteState.Running })
                continue;
            MarkNotRunning(id);
            recovered.Add(id);
        }
        return recovered;
    }

    private IEnumerable<string> SuiteIdsOnDisk() => StateFiles.ListSuiteIds(stateDir);

    /// <summary>Removes state files of suites that are no longer configured, so they stop appearing anywhere.</summary>
    public IReadOnlyList<string> RemoveUnconfigured(IReadOnlySet<string> configuredIds)
    {
        var removed = new List<string>();
        foreach (var id in SuiteIdsOnDisk())
        {
            if (configuredIds.Contains(id))
                continue;
            File.Delete(StateFiles.SuiteFile(stateDir, id));
            removed.Add(id);
        }
        return removed;
    }
}
