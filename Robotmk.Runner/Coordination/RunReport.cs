using System.Collections.Immutable;
using Robotmk.State;

namespace Robotmk.Runner.Coordination;

public enum RunStatus { Completed, AlreadyRunning, ConfigError, StateDirUnusable, InternalError }

/// <summary>What one invocation of the runner did; printed as the runner's own section and on the terminal.</summary>
public sealed record RunReport(RunStatus Status, string RunId, DateTimeOffset Start, DateTimeOffset End)
{
    public ImmutableArray<SuiteResult> Results { get; init; } = [];
    /// <summary>Due suites that did not start: disabled, the runner was stopped, or deferred.</summary>
    public ImmutableArray<string> Skipped { get; init; } = [];
    /// <summary>Due suites that did not fit into the run budget: they go first at the next run (also in <see cref="Skipped"/>).</summary>
    public ImmutableArray<string> Deferred { get; init; } = [];
    /// <summary>Suites whose own interval has not passed yet since their last start.</summary>
    public ImmutableArray<string> NotDue { get; init; } = [];
    public ImmutableArray<string> Errors { get; init; } = [];
    public string? Message { get; init; }

    public int Passed => Results.Count(r => r.Status == SuiteResult.NonFatal && r.Rc == 0);
    public int Failed => Results.Count(r => r.Status == SuiteResult.NonFatal && r.Rc != 0);
    public int Fatal => Results.Count(r => r.Status == SuiteResult.Fatal);
}
