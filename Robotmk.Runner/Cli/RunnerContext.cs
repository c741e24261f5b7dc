using Robotmk.Config;
using Robotmk.Paths;
using Robotmk.Runner.Coordination;
using Robotmk.Runner.Logging;
using Robotmk.Runner.Processes;
using Robotmk.Runner.RobotFramework;
using Robotmk.Time;

namespace Robotmk.Runner.Cli;

/// <summary>Everything a command needs from the outside world; the real one is built in Program, tests build their own.</summary>
public sealed record RunnerContext(AgentEnvironment Environment, IClock Clock, IProcessRunner Processes, RunnerLimits Limits, TextWriter Out, TextWriter Err)
{
    /// <summary>Cancelled when the process is asked to stop (SIGTERM, SIGINT, Ctrl-C).</summary>
    public CancellationToken Stop { get; init; }

    public HostPaths Paths(CommonOptions o) => HostPaths.Resolve(Environment, o.Config, o.StateDir);

    public ConfigResult LoadConfig(HostPaths paths) => ConfigLoader.Load(paths.ConfigFile, paths);

    public RunnerLog Log(ConfigResult config, bool mirrorToStderr) =>
        new(config.Config?.Global.LogDir, config.Config?.Global.LogLevel ?? RobotmkLogLevel.Info, Clock, Err, mirrorToStderr);

    /// <param name="agentStateDir">The agent runner's state folder, when <paramref name="paths"/> names an external suite's folder.</param>
    public RunCoordinator Coordinator(HostPaths paths, RunnerLog log, RunProgress? progress = null, string? agentStateDir = null) =>
        new(paths, Processes, Clock, Limits, log,
            g => RobotStart.Choose(g, Environment, Processes, ProcessMarker.ForStateDir(paths.StateDir), log.Info))
        {
            Progress = progress ?? RunProgress.None,
            Stop = Stop,
            AgentStateDir = agentStateDir ?? paths.StateDir,
        };
}
