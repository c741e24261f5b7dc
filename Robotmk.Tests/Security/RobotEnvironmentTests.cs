using System.Collections.Immutable;
using Robotmk.Runner.RobotFramework;

namespace Robotmk.Tests.Security;

/// <summary>RF does not inherit the variables that would change what it runs behind the config's back; the suite's env still applies.</summary>
public class RobotEnvironmentTests
{
    [Test]
    public void Variables_that_change_RF_or_Python_are_not_inherited()
    {
        string[] inherited =
        [
            "PATH", "HOME", "LC_ALL", "MK_CONFDIR", "ROBOT_PYTHON",
            "ROBOT_OPTIONS", "REBOT_OPTIONS", "ROBOT_SYSLOG_FILE", "ROBOT_SYSLOG_LEVEL", "ROBOT_INTERNAL_TRACES",
            "PYTHONPATH", "PYTHONHOME", "PYTHONSTARTUP", "PYTHONINSPECT", "PYTHONBREAKPOINT", "PYTHON_GIL", "pythonpath", "Robot_Options",
        ];

        Assert.That(RobotEnvironment.Removed(inherited), Is.EquivalentTo(new[]
        {
            "ROBOT_OPTIONS", "REBOT_OPTIONS", "ROBOT_SYSLOG_FILE", "ROBOT_SYSLOG_LEVEL", "ROBOT_INTERNAL_TRACES",
            "PYTHONPATH", "PYTHONHOME", "PYTHONSTARTUP", "PYTHONINSPECT", "PYTHONBREAKPOINT", "PYTHON_GIL", "pythonpath", "Robot_Options",
        }));
    }

    [Test]
    public void Python_runs_in_UTF_8_without_the_working_directory_on_its_path()
    {
        Assert.That(RobotEnvironment.Added(ImmutableSortedDictionary<string, string>.Empty), Is.EquivalentTo(new Dictionary<string, string>
        {
            ["PYTHONIOENCODING"] = "utf-8", ["PYTHONSAFEPATH"] = "1", ["PYTHONUTF8"] = "1",
        }));
    }

    [Test]
    public void The_suite_env_is_set_after_the_removal_and_over_the_defaults()
    {
        var suiteEnv = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, new Dictionary<string, string>
        {
            ["PYTHONPATH"] = "/opt/libs", ["PYTHONUTF8"] = "0", ["ROBOT_OPTIONS"] = "--loglevel DEBUG",
        });

        var added = RobotEnvironment.Added(suiteEnv);

        Assert.That(added["PYTHONPATH"], Is.EqualTo("/opt/libs"));
        Assert.That(added["PYTHONUTF8"], Is.EqualTo("0"));
        Assert.That(added["ROBOT_OPTIONS"], Is.EqualTo("--loglevel DEBUG"));
        Assert.That(added["PYTHONSAFEPATH"], Is.EqualTo("1"));
    }
}
