using Robotmk.Config;
using Robotmk.Paths;
using Robotmk.Runner.Processes;

namespace Robotmk.Runner.RobotFramework;

/// <summary>
/// Whether RF and rebot start warm (forked from a Python that has imported RF, see <see cref="WarmLauncher"/>) or are
/// spawned as a new process per attempt and merge. Warm wherever it can be done: on Linux, with a launcher that runs in a
/// Python that imports RF's <c>run_cli</c>/<c>rebot_cli</c>, suites run one after another (max_parallel 1); everything
/// else is spawned, and the log says why once per run.
/// </summary>
public static class RobotStart
{
    /// <summary><c>spawn</c> forces a new process per attempt (tests, or a host where forking RF misbehaves); <c>warm</c> or unset: the default.</summary>
    public const string Variable = "ROBOTMK_RF_LAUNCH";

    /// <summary>The launcher for this run, with warm starts where they were prepared.</summary>
    public static RobotLauncher Choose(GlobalConfig global, AgentEnvironment env, IProcessRunner processes, ProcessMarker marker, Action<string> log)
    {
        var windows = env.Os == HostOs.Windows;
        var spawn = env[Variable] is { } mode && mode.Equals("spawn", StringComparison.OrdinalIgnoreCase);
        // The warm launcher serves one program at a time: suites side by side are spawned (one launcher per slot is
        // possible, but each costs an import of RF and its memory for the whole run).
        var sideBySide = global.MaxParallel > 1;
        if (windows || spawn || sideBySide)
        {
            log("RF starts as a new process per attempt and merge: " + (windows ? "Windows cannot fork a warm Python"
                : spawn ? $"{Variable}=spawn" : $"suites run side by side (max_parallel {global.MaxParallel})"));
            return RobotLauncher.Choose(global, n => ExecutableResolver.Resolve(n, env["PATH"]), windows);
        }
        var launcher = RobotLauncher.Choose(global, n => ExecutableResolver.Resolve(n, env["PATH"]), windows,
            script => Shebang.PythonOf(script, n => ExecutableResolver.Resolve(n, env["PATH"])));
        return new RobotLauncher(Prepare(launcher.Robot, processes, marker, log), Prepare(launcher.Rebot, processes, marker, log));
    }

    private static LaunchCommand Prepare(LaunchCommand command, IProcessRunner processes, ProcessMarker marker, Action<string> log)
    {
        if (command.Warm is not { } warm)
        {
            log($"{command}: started as a new process per {(command.Prefix.Contains("robot.rebot") || Path.GetFileName(command.FileName).StartsWith("rebot", StringComparison.Ordinal) ? "merge" : "attempt")}: not a Python launcher");
            return command;
        }
        var version = processes.WarmUp(warm.Python, ServerEnvironment(marker), out var detail);
        if (version is null)
        {
            log($"{command}: started as a new process each time: the warm launcher of '{warm.Python}' cannot be used: {detail}");
            return command with { Warm = null };
        }
        log($"{command}: started warm (forked from '{warm.Python}' with RF {version} imported)");
        return command;
    }

    /// <summary>The warm launcher's environment: the one a spawned RF gets before a suite's own env (<see cref="RobotEnvironment"/>).</summary>
    private static Dictionary<string, string> ServerEnvironment(ProcessMarker marker)
    {
        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (System.Collections.DictionaryEntry e in Environment.GetEnvironmentVariables())
            if (!RobotEnvironment.IsRemoved((string)e.Key))
                env[(string)e.Key] = (string?)e.Value ?? "";
        foreach (var (k, v) in RobotEnvironment.Defaults)
            env[k] = v;
        env[marker.Name] = marker.Value;
        return env;
    }
}
