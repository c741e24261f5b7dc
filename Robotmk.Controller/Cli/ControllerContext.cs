using Robotmk.Paths;
using Robotmk.Time;

namespace Robotmk.Controller.Cli;

/// <summary>What a command needs from the outside world; tests construct it with their own environment, clock and streams.</summary>
public sealed record ControllerContext(AgentEnvironment Environment, IClock Clock, Stream Out, TextWriter Err, string ProductVersion)
{
    /// <summary>SPEC §2: the flag, then ROBOTMK_STATE_DIR, then the agent's variables, then the per-OS default.</summary>
    public string ResolveStateDir(string? flag) => HostPaths.Resolve(Environment, stateDirOverride: flag).StateDir;
}
