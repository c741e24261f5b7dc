using Newtonsoft.Json;
using Robotmk.State;
using Robotmk.Time;

namespace Robotmk.Runner.State;

/// <summary>Reads and writes robotmk_&lt;id&gt;.json. A previous complete result is never dropped by marking a suite running.</summary>
public sealed class SuiteStateStore(string stateDir, IClock clock, Action<string> warn)
{
    public SuiteState? TryRead(string suiteId)
    {
        var path = StateFiles.SuiteFile(stateDir, suiteId);
        if (!File.Exists(path))
            return null;
        try
        {
            return StateFiles.Read<SuiteState>(path);
        }
        catch (Exception ex) when (ex is JsonException or IOException or UnauthorizedAccessException)
        {
            warn($"previous state of suite {suiteId} is unreadable and will be replaced: {ex.Message}");
            return null;
        }
    }

    public void MarkRunning(string suiteId, string runId)
    {
        var previous = TryRead(suiteId);
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
        if (previous is null || previous.State != SuiteState.Running)
            return;
        StateFiles.Write(StateFiles.SuiteFile(stateDir, suiteId),
            previous with { State = previous.Result is null ? SuiteState.Pending : SuiteState.Done, RunningRunId = null, RunningSince = null });
    }

    /// <summary>Removes state files of suites that are no longer configured, so they stop appearing anywhere.</summary>
    public IReadOnlyList<string> RemoveUnconfigured(IReadOnlySet<string> configuredIds)
    {
        var removed = new List<string>();
        foreach (var file in Directory.EnumerateFiles(stateDir, "robotmk_*.json"))
        {
            var name = Path.GetFileName(file);
            if (name == StateFiles.RunnerFileName)
                continue;
            var id = name["robotmk_".Length..^".json".Length];
            if (configuredIds.Contains(id))
                continue;
            File.Delete(file);
            removed.Add(id);
        }
        return removed;
    }
}
