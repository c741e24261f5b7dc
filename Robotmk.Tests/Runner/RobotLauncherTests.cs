using Robotmk.Config;
using Robotmk.Runner.RobotFramework;

namespace Robotmk.Tests.Runner;

public class RobotLauncherTests
{
    private static GlobalConfig Global(string? robot = null, string? python = null) =>
        new() { RobotDir = "/r", OutputDir = "/o", LogDir = "/o", Robot = robot, Python = python };

    [Test]
    public void Explicit_robot_uses_rebot_next_to_it()
    {
        var l = RobotLauncher.Choose(Global(robot: "/opt/rf/bin/robot"), p => p == "/opt/rf/bin/rebot" ? p : null, windows: false);
        Assert.That(l.Robot.ToString(), Is.EqualTo("/opt/rf/bin/robot"));
        Assert.That(l.Rebot.ToString(), Is.EqualTo("/opt/rf/bin/rebot"));
    }

    [Test]
    public void Explicit_robot_without_rebot_falls_back_to_python_module()
    {
        var l = RobotLauncher.Choose(Global(robot: "/opt/rf/bin/robot"), _ => null, windows: false);
        Assert.That(l.Rebot.ToString(), Is.EqualTo("python3 -m robot.rebot"));
    }

    [Test]
    public void Explicit_python_runs_modules()
    {
        var l = RobotLauncher.Choose(Global(python: "/usr/bin/python3.11"), _ => "/usr/bin/robot", windows: false);
        Assert.That(l.Robot.ToString(), Is.EqualTo("/usr/bin/python3.11 -m robot"));
        Assert.That(l.Rebot.ToString(), Is.EqualTo("/usr/bin/python3.11 -m robot.rebot"));
    }

    [Test]
    public void Robot_on_path_is_preferred()
    {
        var l = RobotLauncher.Choose(Global(), n => n is "robot" or "rebot" ? "/usr/local/bin/" + n : null, windows: false);
        Assert.That(l.Robot.ToString(), Is.EqualTo("/usr/local/bin/robot"));
        Assert.That(l.Rebot.ToString(), Is.EqualTo("/usr/local/bin/rebot"));
    }

    [TestCase(false, "python3 -m robot")]
    [TestCase(true, "py -m robot")]
    public void Without_robot_on_path_python_module_is_used(bool windows, string expected)
    {
        var l = RobotLauncher.Choose(Global(), _ => null, windows);
        Assert.That(l.Robot.ToString(), Is.EqualTo(expected));
    }
}
