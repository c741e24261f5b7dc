using Robotmk.Paths;

namespace Robotmk.Tests.Config;

/// <summary>SPEC §2: where the files live, from flags, ROBOTMK_* and the agent's MK_* variables, then per-OS defaults.</summary>
public class HostPathsTests
{
    private static HostPaths Resolve(HostOs os, Dictionary<string, string>? vars = null, string? config = null, string? state = null) =>
        HostPaths.Resolve(new AgentEnvironment(vars ?? [], os), config, state);

    [Test]
    public void Linux_defaults()
    {
        Assert.That(Resolve(HostOs.Linux), Is.EqualTo(new HostPaths(
            ConfigFile: "/etc/check_mk/robotmk.yml",
            StateDir: "/var/lib/check_mk_agent/robotmk",
            RobotDir: "/usr/lib/check_mk_agent/robot",
            OutputDir: "/var/log/robotmk",
            LogDir: "/var/log/robotmk")));
    }

    [Test]
    public void Windows_defaults()
    {
        Assert.That(Resolve(HostOs.Windows), Is.EqualTo(new HostPaths(
            ConfigFile: @"C:\ProgramData\checkmk\agent\config\robotmk.yml",
            StateDir: @"C:\ProgramData\checkmk\agent\state\robotmk",
            RobotDir: @"C:\ProgramData\checkmk\agent\robot",
            OutputDir: @"C:\ProgramData\checkmk\agent\log\robotmk",
            LogDir: @"C:\ProgramData\checkmk\agent\log\robotmk")));
    }

    [Test]
    public void Linux_agent_variables_move_config_state_and_suites()
    {
        var p = Resolve(HostOs.Linux, new()
        {
            ["MK_CONFDIR"] = "/omd/etc/check_mk",
            ["MK_VARDIR"] = "/omd/var/lib/check_mk_agent",
            ["MK_LIBDIR"] = "/omd/lib/check_mk_agent",
            ["MK_LOGDIR"] = "/omd/log",
        });
        Assert.That(p.ConfigFile, Is.EqualTo("/omd/etc/check_mk/robotmk.yml"));
        Assert.That(p.StateDir, Is.EqualTo("/omd/var/lib/check_mk_agent/robotmk"));
        Assert.That(p.RobotDir, Is.EqualTo("/omd/lib/check_mk_agent/robot"));
        Assert.That(p.OutputDir, Is.EqualTo("/var/log/robotmk"), "SPEC §2: outputdir is not derived from MK_LOGDIR");
    }

    [Test]
    public void Linux_ignores_the_windows_state_variable()
    {
        Assert.That(Resolve(HostOs.Linux, new() { ["MK_STATEDIR"] = "/x" }).StateDir, Is.EqualTo("/var/lib/check_mk_agent/robotmk"));
    }

    [Test]
    public void Windows_agent_variables_move_config_and_state()
    {
        var p = Resolve(HostOs.Windows, new()
        {
            ["MK_CONFDIR"] = @"D:\agent\config\",
            ["MK_STATEDIR"] = @"D:\agent\state",
            ["MK_VARDIR"] = @"D:\ignored",
            ["MK_LIBDIR"] = @"D:\ignored",
        });
        Assert.That(p.ConfigFile, Is.EqualTo(@"D:\agent\config\robotmk.yml"));
        Assert.That(p.StateDir, Is.EqualTo(@"D:\agent\state\robotmk"));
        Assert.That(p.RobotDir, Is.EqualTo(@"C:\ProgramData\checkmk\agent\robot"));
    }

    [Test]
    public void Trailing_separators_do_not_double()
    {
        Assert.That(Resolve(HostOs.Linux, new() { ["MK_CONFDIR"] = "/etc/check_mk/" }).ConfigFile, Is.EqualTo("/etc/check_mk/robotmk.yml"));
    }

    [TestCase(HostOs.Linux)]
    [TestCase(HostOs.Windows)]
    public void Robotmk_variables_win_over_agent_variables(HostOs os)
    {
        var p = Resolve(os, new()
        {
            ["MK_CONFDIR"] = "/agent/conf", ["MK_VARDIR"] = "/agent/var", ["MK_STATEDIR"] = "/agent/state",
            ["ROBOTMK_CONFIG"] = "/custom/robotmk.yml", ["ROBOTMK_STATE_DIR"] = "/custom/state",
        });
        Assert.That(p.ConfigFile, Is.EqualTo("/custom/robotmk.yml"));
        Assert.That(p.StateDir, Is.EqualTo("/custom/state"));
    }

    [TestCase(HostOs.Linux)]
    [TestCase(HostOs.Windows)]
    public void Flags_win_over_every_variable(HostOs os)
    {
        var p = Resolve(os, new() { ["ROBOTMK_CONFIG"] = "/env/robotmk.yml", ["ROBOTMK_STATE_DIR"] = "/env/state", ["MK_CONFDIR"] = "/agent" },
            config: "/flag/robotmk.yml", state: "/flag/state");
        Assert.That(p.ConfigFile, Is.EqualTo("/flag/robotmk.yml"));
        Assert.That(p.StateDir, Is.EqualTo("/flag/state"));
    }

    [Test]
    public void Empty_or_blank_variables_count_as_unset()
    {
        var p = Resolve(HostOs.Linux, new() { ["ROBOTMK_CONFIG"] = "", ["MK_CONFDIR"] = "  ", ["ROBOTMK_STATE_DIR"] = "" });
        Assert.That(p.ConfigFile, Is.EqualTo("/etc/check_mk/robotmk.yml"));
        Assert.That(p.StateDir, Is.EqualTo("/var/lib/check_mk_agent/robotmk"));
    }

    [Test]
    public void Variable_names_ignore_case_on_windows_only()
    {
        var vars = new Dictionary<string, string> { ["Mk_ConfDir"] = @"E:\conf" };
        Assert.That(Resolve(HostOs.Windows, vars).ConfigFile, Is.EqualTo(@"E:\conf\robotmk.yml"));
        Assert.That(Resolve(HostOs.Linux, vars).ConfigFile, Is.EqualTo("/etc/check_mk/robotmk.yml"));
    }

    [Test]
    public void The_environment_of_the_process_is_read_with_its_os()
    {
        var env = AgentEnvironment.FromProcess();
        Assert.That(env.Os, Is.EqualTo(OperatingSystem.IsWindows() ? HostOs.Windows : HostOs.Linux));
        Assert.That(env["PATH"], Is.EqualTo(Environment.GetEnvironmentVariable("PATH")));
    }
}
