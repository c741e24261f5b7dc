namespace Robotmk.Runner.Processes;

/// <summary>What happened to a process started from a <see cref="ProcessSpec"/>.</summary>
public sealed record ProcessOutcome
{
    /// <summary>Exit code; for a process ended by a signal on Linux, 128 + signal.</summary>
    public int? ExitCode { get; init; }
    /// <summary>The process could not be started at all (program missing, not executable).</summary>
    public string? StartError { get; init; }
    /// <summary>The timeout expired and the process was stopped.</summary>
    public bool TimedOut { get; init; }
    /// <summary>The graceful stop did not end it in time; the whole tree was killed.</summary>
    public bool Killed { get; init; }
    /// <summary>
    /// Stopped without a graceful stop (Windows has none for RF): at the timeout or stop the tree and its job were
    /// ended at once, so RF's teardowns did not run.
    /// </summary>
    public bool EndedAtOnce { get; init; }
    /// <summary>Ended early because the runner itself was asked to stop (SIGTERM, SIGINT, Ctrl-C).</summary>
    public bool Stopped { get; init; }
    public string StdoutTail { get; init; } = "";
    public string StderrTail { get; init; } = "";
    public TimeSpan Duration { get; init; }
    public int? Pid { get; init; }
    /// <summary>
    /// What the program and the processes it waited for used, where the OS told it for this run alone (a warm-started
    /// RF, reaped by the launcher with its usage); unknown for a spawned program (.NET reaps it without).
    /// </summary>
    public ResourceUsage Usage { get; init; } = ResourceUsage.Unknown;

    public bool Started => StartError is null;
}
