namespace Robotmk.Runner.Processes;

/// <summary>Starts programs; injected so execution logic is tested without real processes where that is the point.</summary>
public interface IProcessRunner
{
    ProcessOutcome Run(ProcessSpec spec, CancellationToken cancel = default);

    /// <summary>
    /// Ends every process of the runner's own user carrying the marker: what a runner that was killed (SIGKILL, agent
    /// timeout) left running. Processes of other users are never touched, whatever their environment says. Only call
    /// it while holding the run lock, after the previous runner died in its run.
    /// </summary>
    /// <returns>Pid and command line of each process ended; empty where the OS ends them itself (Windows job objects).</returns>
    IReadOnlyList<string> EndMarked(ProcessMarker marker) => [];
}
