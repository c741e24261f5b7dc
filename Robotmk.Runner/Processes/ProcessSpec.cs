using System.Collections.Immutable;

namespace Robotmk.Runner.Processes;

/// <summary>An external program to run: argv (never a shell line), working directory, extra environment, limits.</summary>
public sealed record ProcessSpec(string FileName, ImmutableArray<string> Arguments, string WorkingDirectory)
{
    public ImmutableSortedDictionary<string, string> Environment { get; init; } = ImmutableSortedDictionary<string, string>.Empty;

    /// <summary>After this the process gets a graceful stop (SIGTERM to its group).</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Time between the graceful stop and the kill of the whole process tree.</summary>
    public TimeSpan KillGrace { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How many trailing bytes of stdout/stderr are kept; the rest is read and dropped.</summary>
    public int OutputTailBytes { get; init; } = 32 * 1024;

    /// <summary>
    /// Set in the environment of the process and so inherited by everything it starts, whatever process group or
    /// session that moves to: the next runner finds and ends what a killed runner left running by it.
    /// </summary>
    public ProcessMarker? Marker { get; init; }

    public string CommandLine => string.Join(' ', Arguments.Prepend(FileName).Select(Quote));

    private static string Quote(string a) => a.Length > 0 && a.All(c => char.IsLetterOrDigit(c) || "-_./:=@,+".Contains(c)) ? a : "'" + a.Replace("'", "'\\''") + "'";
}

/// <summary>An environment variable that marks the processes of one state folder's runs.</summary>
public sealed record ProcessMarker(string Name, string Value)
{
    public const string VariableName = "ROBOTMK_RUN_OWNER";

    /// <summary>The marker of the runs that use a state folder (one runner at a time holds its lock).</summary>
    public static ProcessMarker ForStateDir(string stateDir) => new(VariableName, Path.GetFullPath(stateDir));

    /// <summary>The NAME=VALUE entry as it appears in a process environment.</summary>
    public string Entry => Name + "=" + Value;
}

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
    /// <summary>Ended early because the runner itself was asked to stop (SIGTERM, SIGINT, Ctrl-C).</summary>
    public bool Stopped { get; init; }
    public string StdoutTail { get; init; } = "";
    public string StderrTail { get; init; } = "";
    public TimeSpan Duration { get; init; }
    public int? Pid { get; init; }

    public bool Started => StartError is null;
}

/// <summary>Starts programs; injected so execution logic is tested without real processes where that is the point.</summary>
public interface IProcessRunner
{
    ProcessOutcome Run(ProcessSpec spec, CancellationToken cancel = default);

    /// <summary>
    /// Ends every process carrying the marker: what a runner that was killed (SIGKILL, agent timeout) left running.
    /// Only call it while holding the run lock, when no process of the marker can belong to a living run.
    /// </summary>
    /// <returns>Pid and command line of each process ended; empty where the OS ends them itself (Windows job objects).</returns>
    IReadOnlyList<string> EndMarked(ProcessMarker marker) => [];
}
