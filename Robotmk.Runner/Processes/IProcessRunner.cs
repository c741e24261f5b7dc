namespace Robotmk.Runner.Processes;

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
