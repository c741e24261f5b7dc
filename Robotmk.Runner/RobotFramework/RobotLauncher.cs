using System.Collections.Immutable;
using Robotmk.Config;
using Robotmk.Runner.Processes;
using Robotmk.State;

namespace Robotmk.Runner.RobotFramework;

/// <summary>How to start one RF tool: a program plus leading arguments (e.g. <c>python3 -m robot</c>).</summary>
public sealed record LaunchCommand(string FileName, ImmutableArray<string> Prefix)
{
    /// <summary>How it can be started warm instead (<see cref="WarmStart"/>); null: always spawned.</summary>
    public WarmStart? Warm { get; init; }

    public override string ToString() => string.Join(' ', Prefix.Prepend(FileName));
}

/// <summary>
/// Chooses how RF and rebot are launched (SPEC §3 <c>global.robot</c> / <c>global.python</c>): an explicit robot
/// launcher (rebot next to it), an explicit Python, <c>robot</c> on PATH, else <c>python3 -m robot</c> (<c>py</c> on Windows).
/// </summary>
public sealed record RobotLauncher(LaunchCommand Robot, LaunchCommand Rebot)
{
    /// <summary>How RF starts in this run and why, as the runner state records it; null when not decided by <see cref="RobotStart"/>.</summary>
    public RfStart? Start { get; init; }

    /// <param name="pythonOf">
    /// When RF may be started warm: the Python interpreter that runs a launcher script (from its <c>#!</c> line), null
    /// for a script that is not run by Python. Null: RF is always spawned.
    /// </param>
    public static RobotLauncher Choose(GlobalConfig global, Func<string, string?> resolve, bool windows, Func<string, string?>? pythonOf = null)
    {
        var launcher = ChooseCommands(global, resolve, windows);
        return pythonOf is null ? launcher : new RobotLauncher(WithWarm(launcher.Robot, "robot", pythonOf), WithWarm(launcher.Rebot, "rebot", pythonOf));
    }

    private static RobotLauncher ChooseCommands(GlobalConfig global, Func<string, string?> resolve, bool windows)
    {
        if (global.Robot is { } robot)
        {
            var dir = Path.GetDirectoryName(robot);
            var rebotName = windows && robot.EndsWith(".exe", StringComparison.OrdinalIgnoreCase) ? "rebot.exe" : "rebot";
            var sibling = string.IsNullOrEmpty(dir) ? resolve(rebotName) : resolve(Path.Join(dir, rebotName));
            var rebot = sibling is not null ? new LaunchCommand(sibling, []) : PythonModule(global.Python ?? DefaultPython(windows), "robot.rebot");
            return new RobotLauncher(new LaunchCommand(robot, []), rebot);
        }
        if (global.Python is { } python)
            return new RobotLauncher(PythonModule(python, "robot"), PythonModule(python, "robot.rebot"));
        if (resolve("robot") is { } onPath)
            return new RobotLauncher(new LaunchCommand(onPath, []), new LaunchCommand(resolve("rebot") ?? "rebot", []));
        var py = DefaultPython(windows);
        return new RobotLauncher(PythonModule(py, "robot"), PythonModule(py, "robot.rebot"));
    }

    /// <summary><c>python -m robot[.rebot]</c> runs in that Python; a script in the Python of its <c>#!</c> line, if any.</summary>
    private static LaunchCommand WithWarm(LaunchCommand command, string entry, Func<string, string?> pythonOf)
    {
        if (command.Prefix is ["-m", _])
            return command with { Warm = new WarmStart(command.FileName, entry, 2) };
        return command.Prefix.IsEmpty && pythonOf(command.FileName) is { } python
            ? command with { Warm = new WarmStart(python, entry, 0) }
            : command;
    }

    private static string DefaultPython(bool windows) => windows ? "py" : "python3";

    private static LaunchCommand PythonModule(string python, string module) => new(python, ["-m", module]);
}
