using Robotmk.State;

namespace Robotmk.Controller.Section;

/// <summary>
/// The <c>runner</c> object of a section (SPEC §1) without the two block-specific keys (<c>assigned_host</c>,
/// <c>is_piggyback_result</c>), which <see cref="SectionWriter"/> adds per block.
/// </summary>
public sealed record RunnerObject
{
    public required string Encoding { get; init; }
    public required string RobotmkVersion { get; init; }
    public required string ExecutionMode { get; init; }
    public required string StartTime { get; init; }
    public required string EndTime { get; init; }
    /// <summary>Null until a run finished: then the runtime keys are left out, which the server shows as "Robotmk Runner did never run".</summary>
    public RunRuntimes? Runtimes { get; init; }
    public int CacheTime { get; init; }
    public int ExecutionInterval { get; init; }

    // Extensions; the 1.6.0 check ignores unknown keys in the runner object.
    public required string ProductVersion { get; init; }
    /// <summary>running | idle | unknown (no usable runner state).</summary>
    public required string RunnerStatus { get; init; }
    public string? RunId { get; init; }
    public string? Heartbeat { get; init; }
    /// <summary>Runner-level problems, one line each: no state yet, unreadable state, unusable config, runner overdue.</summary>
    public IReadOnlyList<string> Errors { get; init; } = [];
}

public sealed record RunRuntimes(double Total, double Suites, double Robotmk);

/// <summary>One entry of a section's <c>suites</c> list (SPEC §1), ready to be written.</summary>
public sealed record SuiteEntry
{
    public const string NonFatal = "nonfatal";
    public const string Fatal = "fatal";
    public const string UnknownState = "unknown";

    public required string Id { get; init; }
    public required string Status { get; init; }
    /// <summary>One line; set when fatal.</summary>
    public string? Error { get; init; }
    public int CacheTime { get; init; }
    public int ExecutionInterval { get; init; }
    public required string StartTime { get; init; }
    /// <summary>Left out of the output (not null) while the suite never finished.</summary>
    public string? EndTime { get; init; }
    public required string Path { get; init; }
    public string? Tag { get; init; }
    public RawJsonString? Xml { get; init; }
    public RawJsonString? HtmlLog { get; init; }
    /// <summary>RF's exit code; -1 when there is none (never ran, no usable state).</summary>
    public int Rc { get; init; } = -1;
    public int Attempts { get; init; }
    public int MaxExecutions { get; init; } = 1;
    public string? PiggybackHost { get; init; }

    // Extensions; the 1.6.0 check ignores unknown keys in suite entries.
    /// <summary>pending | running | done, from the suite's state file; pending when there is none, unknown when it is unusable.</summary>
    public required string State { get; init; }
    public string? RunId { get; init; }
    public bool TimedOut { get; init; }
    /// <summary>scheduled | running | passed | failed | error | timeout | stale.</summary>
    public string? Outcome { get; init; }

    // For `robotmk status` only; not part of the section.
    /// <summary>The suite's schedule and where it stands in it.</summary>
    public SuiteScheduleView? Schedule { get; init; }
}

/// <summary>A suite's schedule as <c>robotmk status</c> shows it.</summary>
/// <param name="Group">As written in robotmk.yml; null when the suite is a group of its own.</param>
/// <param name="Mode">Who runs the suite: agent_serial or external.</param>
/// <param name="LastStart">When a run last started it (ISO 8601), null when unknown.</param>
/// <param name="DeferredSince">Since when it waits for room in the run budget, null when it does not.</param>
/// <param name="Disabled">A DISABLED file skips the suite (<see cref="Robotmk.State.SuiteSnapshot.Disabled"/>).</param>
public sealed record SuiteScheduleView(string? Group, string Mode, string? LastStart, string? DeferredSince, bool Disabled = false);
