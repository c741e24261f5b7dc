using Robotmk.Config;
using Robotmk.Paths;
using Robotmk.Runner.Processes;
using Robotmk.State;

namespace Robotmk.Runner.RobotFramework;

/// <summary>
/// Whether RF and rebot start warm (forked from a Python that has imported RF, see <see cref="WarmLauncher"/>) or are
/// spawned as a new process per attempt and merge. Warm wherever it can be done: on Linux, with a launcher that runs in a
/// Python that imports RF's <c>run_cli</c>/<c>rebot_cli</c> (one launcher per suite running side by side); everything
/// else is spawned, and the log says why once per run.
/// </summary>
public static class RobotStart
{
    /// <summary><c>spawn</c> forces a new process per attempt (tests, or a host where forking RF misbehaves); <c>warm</c> or unset: the default.</summary>
    public const string Variable = "ROBOTMK_RF_LAUNCH";

    /// <summary>The launcher for this run, with warm starts where they were prepared, and how RF starts and why (<see cref="RobotLauncher.Start"/>).</summary>
    public static RobotLauncher Choose(GlobalConfig global, AgentEnvironment env, IProcessRunner processes, ProcessMarker marker, Action<string> log)
    {
        var windows = env.Os == HostOs.Windows;
        var spawn = env[Variable] is { } mode && mode.Equals("spawn", StringComparison.OrdinalIgnoreCase);
        if (windows || spawn)
        {
            var why = windows ? "Windows cannot fork a warm Python" : $"{Variable}=spawn";
            log("RF starts as a new process per attempt and merge: " + why);
            return RobotLauncher.Choose(global, n => ExecutableResolver.Resolve(n, env["PATH"]), windows) with
            {
                Start = new RfStart { Mode = RfStartMode.Spawn, Reason = why },
            };
        }
        var launcher = RobotLauncher.Choose(global, n => ExecutableResolver.Resolve(n, env["PATH"]), windows,
            script => Shebang.PythonOf(script, n => ExecutableResolver.Resolve(n, env["PATH"])));
        var (robot, robotHow) = Prepare(launcher.Robot, processes, marker, global.MaxParallel, log);
        var (rebot, rebotHow) = Prepare(launcher.Rebot, processes, marker, global.MaxParallel, log);
        return new RobotLauncher(robot, rebot) { Start = Decision(robot, robotHow, rebotHow) };
    }

    /// <summary>The run's start of RF is that of its attempts; a merge started otherwise is named beside it.</summary>
    private static RfStart Decision(LaunchCommand robot, string robotHow, string rebotHow) => new()
    {
        Mode = robot.Warm is null ? RfStartMode.Spawn : RfStartMode.Warm,
        Reason = rebotHow == robotHow ? robotHow : $"{robotHow}; rebot: {rebotHow}",
    };

    /// <returns>The command, warm only if its launcher is running, and how it starts (forked from where, or why spawned).</returns>
    /// <param name="sideBySide">How many programs may run at once: a launcher serves one at a time, more are started when needed.</param>
    private static (LaunchCommand Command, string How) Prepare(LaunchCommand command, IProcessRunner processes, ProcessMarker marker, int sideBySide, Action<string> log)
    {
        if (command.Warm is not { } warm)
        {
            log($"{command}: started as a new process per {(command.Prefix.Contains("robot.rebot") || Path.GetFileName(command.FileName).StartsWith("rebot", StringComparison.Ordinal) ? "merge" : "attempt")}: not a Python launcher");
            return (command, $"'{command}' is not a Python launcher");
        }
        var version = processes.WarmUp(warm.Python, ServerEnvironment(marker), sideBySide, out var detail);
        if (version is null)
        {
            log($"{command}: started as a new process each time: the warm launcher of '{warm.Python}' cannot be used: {detail}");
            return (command with { Warm = null }, $"the warm launcher of '{warm.Python}' cannot be used: {detail}");
        }
        var more = sideBySide > 1 ? $"; up to {sideBySide} launchers for suites side by side, each started when first needed" : "";
        log($"{command}: started warm (forked from '{warm.Python}' with {detail}){more}");
        return (command, $"forked from '{warm.Python}' with RF {version}");
    }

    /// <summary>The warm launcher's environment: the one a spawned RF gets before a suite's own env (<see cref="RobotEnvironment"/>).</summary>
    private static Dictionary<string, string> ServerEnvironment(ProcessMarker marker) =>
        ProcessSpec.ComposeEnvironment(RobotEnvironment.RemovedFromRunner(), RobotEnvironment.Defaults, marker);
}
