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

    /// <returns>The time of this start, the suite's new last start (<see cref="SuiteState.LastStart"/>).</returns>
    public string MarkRunning(string suiteId, string runId)
    {
        var now = Iso8601.Format(clock.UtcNow);
        var previous = Read(suiteId, out var unreadable);
        // Marking it running would replace what cannot be read with nothing: a run that then dies would leave no result.
        if (unreadable)
            return now;
        StateFiles.Write(StateFiles.SuiteFile(stateDir, suiteId), new SuiteState
        {
            Id = suiteId,
            State = SuiteState.Running,
            RunningRunId = runId,
            RunningSince = now,
            Result = previous?.Result,
            LastStart = now,
        });
        return now;
    }

    /// <param name="lastStart">When this run started the suite (<see cref="MarkRunning"/>); null for a suite that was not started (configuration error).</param>
    public void WriteDone(SuiteResult result, string? lastStart = null) =>
        StateFiles.Write(StateFiles.SuiteFile(stateDir, result.Id),
            new SuiteState { Id = result.Id, State = SuiteState.Done, Result = result, LastStart = lastStart });

    /// <summary>
    /// The suite is due but did not fit into the run budget: its state says since when it waits (the first deferral),
    /// and the next run starts it first. Its result and last start stay as they are.
    /// </summary>
    /// <returns>Since when the suite waits.</returns>
    public string MarkDeferred(string suiteId)
    {
        var previous = Read(suiteId, out var unreadable);
        var since = previous?.DeferredSince ?? Iso8601.Format(clock.UtcNow);
        if (unreadable)
            return since;
        StateFiles.Write(StateFiles.SuiteFile(stateDir, suiteId), previous is null
            ? new SuiteState { Id = suiteId, State = SuiteState.Pending, DeferredSince = since }
            : previous with { DeferredSince = since });
        return since;
    }

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
