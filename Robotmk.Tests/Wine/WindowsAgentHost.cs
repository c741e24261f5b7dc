using Robotmk.State;
using Robotmk.Tests.Support;

namespace Robotmk.Tests.Wine;

/// <summary>
/// One Windows host for a test: robotmk.yml in a config folder and the state in a state folder, found through
/// MK_CONFDIR and MK_STATEDIR as the Windows agent sets them; suites for the fake robot (see Robotmk.Tests.WineRobot),
/// all under the test's temp folder and written in robotmk.yml as Windows paths.
/// </summary>
public sealed class WindowsAgentHost : IDisposable
{
    private readonly TempDir _tmp = new();

    public WindowsAgentHost(WineHost wine, string robotBinDir)
    {
        Wine = wine;
        Config = _tmp.Sub("config");
        StateDir = Path.Join(_tmp.Sub("state"), "robotmk");
        RobotDir = _tmp.Sub("robot");
        OutputDir = _tmp.Sub("log");
        Robot = Path.Join(robotBinDir, "robot.exe");
    }

    public WineHost Wine { get; }
    public string Config { get; }
    public string StateDir { get; }
    public string RobotDir { get; }
    public string OutputDir { get; }
    public string Robot { get; }
    public string TempPath => _tmp.Path;

    /// <summary>The agent's variables (MK_CONFDIR, MK_STATEDIR) and where the fake robot finds its fixtures.</summary>
    public Dictionary<string, string> AgentEnvironment => new()
    {
        ["MK_CONFDIR"] = WineHost.WinPath(Config),
        ["MK_STATEDIR"] = WineHost.WinPath(Path.GetDirectoryName(StateDir)!),
        ["FAKE_RF_FIXTURES"] = WineHost.WinPath(TestPaths.Fixtures),
    };

    /// <summary>A suite file for the fake robot: its directives, one <c>key: value</c> a line.</summary>
    public void Suite(string file, string directives) => File.WriteAllText(Path.Join(RobotDir, file), directives);

    /// <summary>robotmk.yml with Windows paths; <paramref name="suites"/> is the indented body of <c>suites:</c>.</summary>
    public void Configure(string suites) => File.WriteAllText(Path.Join(Config, "robotmk.yml"), $"""
        global:
          robot: {WineHost.WinPath(Robot)}
          robotdir: {WineHost.WinPath(RobotDir)}
          outputdir: {WineHost.WinPath(OutputDir)}
          logdir: {WineHost.WinPath(OutputDir)}
          execution_interval: 300
        suites:
        {suites}
        """);

    public WineRun Runner(params string[] args) => Wine.Run(Wine.Program("robotmk-runner"), args, AgentEnvironment);

    public System.Diagnostics.Process StartRunner(params string[] args) => Wine.Start(Wine.Program("robotmk-runner"), args, AgentEnvironment);

    /// <summary>robotmk.exe as the Windows agent calls it: no arguments, the state folder from MK_STATEDIR.</summary>
    public WineRun Controller() => Wine.Run(Wine.Program("robotmk"), [], AgentEnvironment);

    public SuiteResult Result(string suiteId) => StateFiles.ReadSuite(StateFiles.SuiteFile(StateDir, suiteId)).Result!;

    public string RunId => StateFiles.ReadRunner(StateFiles.RunnerFile(StateDir)).RunId;

    public void Dispose() => _tmp.Dispose();
}
