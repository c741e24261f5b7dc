using System.Collections.Immutable;
using Robotmk.Config;

namespace Robotmk.Runner.RobotFramework;

/// <summary>How to start one RF tool: a program plus leading arguments (e.g. <c>python3 -m robot</c>).</summary>
public sealed record LaunchCommand(string FileName, ImmutableArray<string> Prefix)
{
    public override string ToString() => string.Join(' ', Prefix.Prepend(FileName));
}

/// <summary>
/// Chooses how RF and rebot are launched (SPEC §3 <c>global.robot</c> / <c>global.python</c>): an explicit robot
/// launcher (rebot next to it), an explicit Python, <c>robot</c> on PATH, else <c>python3 -m robot</c> (<c>py</c> on Windows).
/// </summary>
public sealed record RobotLauncher(LaunchCommand Robot, LaunchCommand Rebot)
{
    public static RobotLauncher Choose(GlobalConfig global, Func<string, string?> resolve, bool windows)
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

    private static string DefaultPython(bool windows) => windows ? "py" : "python3";

    private static LaunchCommand PythonModule(string python, string module) => new(python, ["-m", module]);
}
