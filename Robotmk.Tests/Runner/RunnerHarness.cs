using Newtonsoft.Json;
using Robotmk.Paths;
using Robotmk.Runner.Cli;
using Robotmk.Runner.Coordination;
using Robotmk.Runner.Processes;
using Robotmk.State;
using Robotmk.Tests.Support;
using Robotmk.Time;

namespace Robotmk.Tests.Runner;

/// <summary>
/// A host for the runner inside a temp folder, laid out like a Linux agent (MK_CONFDIR, MK_VARDIR, MK_LIBDIR),
/// running the real Robot Framework from the shared peers.
/// </summary>
public sealed class RunnerHarness : IDisposable
{
    private readonly TempDir _tmp = new();

    public string Root => _tmp.Path;
    public string ConfDir => Path.Join(Root, "etc");
    public string VarDir => Path.Join(Root, "var");
    public string LibDir => Path.Join(Root, "lib");
    public string RobotDir => Path.Join(LibDir, "robot");
    public string OutputDir => Path.Join(Root, "output");
    public string StateDir => Path.Join(VarDir, "robotmk");
    public string ConfigFile => Path.Join(ConfDir, "robotmk.yml");

    public RunnerLimits Limits { get; set; } = new() { KillGrace = TimeSpan.FromSeconds(3), HeartbeatInterval = TimeSpan.FromSeconds(1) };

    /// <summary>
    /// The RF launcher written as <c>global.robot</c>; rebot is taken from the same folder. By default RF as pip
    /// installs it, which the runner starts warm unless ROBOTMK_RF_LAUNCH=spawn is set for the tests (CI runs both).
    /// </summary>
    public string Robot { get; init; } = PythonRobot.Robot;

    /// <summary><c>warm</c> or <c>spawn</c> for this harness's runs, whatever the test process has (<see cref="RobotStartSwitch"/>).</summary>
    public string? RobotStart { get; init; }

    public RunnerHarness()
    {
        Directory.CreateDirectory(ConfDir);
        Directory.CreateDirectory(RobotDir);
    }

    public Dictionary<string, string> Environment => new Dictionary<string, string>
    {
        ["MK_CONFDIR"] = ConfDir,
        ["MK_VARDIR"] = VarDir,
        ["MK_LIBDIR"] = LibDir,
        ["PATH"] = System.Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin",
    }.WithRobotStart(RobotStart);

    public string Suite(string relativePath, string content) => _tmp.File(Path.Join("lib", "robot", relativePath), content);

    /// <summary>Writes robotmk.yml: the given suites block below a global block that uses the real RF launcher (<see cref="Robot"/>).</summary>
    public void Config(string suitesYaml, string extraGlobal = "")
    {
        var yaml = $"""
            global:
              robotdir: {RobotDir}
              outputdir: {OutputDir}
              robot: {Robot}
              execution_interval: 300
              cache_time: 600
            {Indent(extraGlobal)}
            suites:
            {Indent(suitesYaml)}
            """;
        File.WriteAllText(ConfigFile, yaml);
    }

    private static string Indent(string block) =>
        string.Join('\n', block.Split('\n').Select(l => l.Length == 0 ? l : "  " + l));

    public (int Rc, string Out, string Err) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        using var processes = new ProcessRunner();
        var ctx = new RunnerContext(new AgentEnvironment(Environment, HostOs.Linux), SystemClock.Instance, processes, Limits, stdout, stderr);
        var rc = Robotmk.Runner.Program.Run(args, ctx);
        return (rc, stdout.ToString(), stderr.ToString());
    }

    public SuiteState SuiteState(string id) => StateFiles.ReadSuite(StateFiles.SuiteFile(StateDir, id));
    public RunnerState RunnerState() => StateFiles.ReadRunner(StateFiles.RunnerFile(StateDir));

    public static Dictionary<string, object?> SectionJson(string stdout)
    {
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines, Has.Length.EqualTo(2), stdout);
        Assert.That(lines[0], Is.EqualTo("<<<robotmk_runner:sep(0)>>>"));
        return JsonConvert.DeserializeObject<Dictionary<string, object?>>(lines[1])!;
    }

    public void Dispose() => _tmp.Dispose();
}

public static class RobotStartSwitch
{
    /// <summary>The switch between warm and spawned RF, passed on from the test process (CI runs the runner's tests both ways).</summary>
    public static Dictionary<string, string> WithRobotStart(this Dictionary<string, string> env, string? forced = null)
    {
        if ((forced ?? System.Environment.GetEnvironmentVariable(Robotmk.Runner.RobotFramework.RobotStart.Variable)) is { } mode)
            env[Robotmk.Runner.RobotFramework.RobotStart.Variable] = mode;
        return env;
    }
}
