using Robotmk.State;

namespace Robotmk.Controller.Section;

/// <summary>Everything decided once per section from the runner state: the runner object and the rules each suite is judged by.</summary>
public sealed record RunnerView
{
    public required RunnerObject Runner { get; init; }
    /// <summary>The suites of the section, in order: the configuration snapshot, or the state files found when there is none.</summary>
    public required IReadOnlyList<SuiteSnapshot> Suites { get; init; }
    /// <summary>When set, every suite is fatal with this error (unusable config, unusable runner state).</summary>
    public string? SuiteWideError { get; init; }
    /// <summary>Set when the runner has not delivered for longer than its schedule allows (the dead-man switch).</summary>
    public RunnerOverdue? Overdue { get; init; }
    /// <summary>Set while a run is in progress: its start.</summary>
    public string? RunningSince { get; init; }
    public required DateTimeOffset Now { get; init; }
    /// <summary>start_time of entries that have none of their own (never ran): the run that has them scheduled.</summary>
    public required string DefaultStartTime { get; init; }
    public bool TransmitHtml { get; init; }
    /// <summary>The runner's budget of one run in seconds (0 when unknown), for the dead-man switch of each suite.</summary>
    public int RunTimeout { get; init; }

    // For `robotmk status` only; not part of the section.
    /// <summary>How the current (or last) run starts RF and why; null when the runner state does not say.</summary>
    public RfStart? RfStart { get; init; }
}

/// <param name="Since">The runner's last sign of life (heartbeat or end of its last run), ISO 8601.</param>
/// <param name="Detail">Why that is too long ago, for humans.</param>
public sealed record RunnerOverdue(string Since, string Detail);
