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

    /// <summary>
    /// Makes <see cref="ProcessSpec.Warm"/> starts with <paramref name="python"/> possible: starts (or finds running) a
    /// warm launcher with <paramref name="environment"/> (the full environment, the marker included), and more of them
    /// when programs run side by side, up to <paramref name="launchers"/>.
    /// </summary>
    /// <returns>
    /// Null and why not when specs naming this Python will be spawned; else RF's version, and in
    /// <paramref name="detail"/> how the launcher prepared its children.
    /// </returns>
    string? WarmUp(string python, IReadOnlyDictionary<string, string> environment, int launchers, out string detail)
    {
        detail = "this process runner starts every program itself";
        return null;
    }
}
