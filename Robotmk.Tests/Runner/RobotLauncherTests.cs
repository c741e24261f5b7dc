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

    [Test]
    public void Python_modules_and_scripts_run_by_Python_can_start_warm_shell_wrappers_cannot()
    {
        var modules = RobotLauncher.Choose(Global(python: "/usr/bin/python3.11"), _ => null, windows: false, pythonOf: _ => null);
        Assert.That(modules.Robot.Warm, Is.EqualTo(new Robotmk.Runner.Processes.WarmStart("/usr/bin/python3.11", "robot", 2)));
        Assert.That(modules.Rebot.Warm, Is.EqualTo(new Robotmk.Runner.Processes.WarmStart("/usr/bin/python3.11", "rebot", 2)));

        var scripts = RobotLauncher.Choose(Global(robot: "/venv/bin/robot"), p => p, windows: false,
            pythonOf: s => s == "/venv/bin/robot" ? "/venv/bin/python" : null);
        Assert.That(scripts.Robot.Warm, Is.EqualTo(new Robotmk.Runner.Processes.WarmStart("/venv/bin/python", "robot", 0)));
        Assert.That(scripts.Rebot.Warm, Is.Null, "rebot next to it is not run by Python");

        var spawned = RobotLauncher.Choose(Global(python: "/usr/bin/python3.11"), _ => null, windows: false);
        Assert.That(spawned.Robot.Warm, Is.Null, "without pythonOf nothing starts warm");
    }

    [TestCase("#!/usr/bin/python3", "/usr/bin/python3")]
    [TestCase("#!/opt/venv/bin/python", "/opt/venv/bin/python")]
    [TestCase("#! /usr/bin/env python3", "/resolved/python3")]
    [TestCase("#!/usr/bin/env python3.12", "/resolved/python3.12")]
    [TestCase("#!/bin/sh", null)]
    [TestCase("#!/usr/bin/env -S python3 -u", null)]
    [TestCase("#!/usr/bin/python3 -I", null)]
    [TestCase("import sys", null)]
    public void The_Python_of_a_script_comes_from_its_first_line(string firstLine, string? python)
    {
        Assert.That(Shebang.Python(firstLine, n => "/resolved/" + n), Is.EqualTo(python));
    }
}
