namespace Robotmk.Bakery.Windows;

/// <summary>
/// Where things go in the Windows package tree. The tree mirrors the agent's data folder
/// (<see cref="AgentDataDir"/>), so its content is copied there as it is.
/// </summary>
public static class WindowsLayout
{
    public const string AgentDataDir = @"C:\ProgramData\checkmk\agent";
    public const string ControllerExe = "robotmk.exe";
    public const string RunnerExe = "robotmk-runner.exe";

    public const string RobotmkYml = "config/robotmk.yml";
    public const string AgentConfig = "check_mk.yml";
    public const string Controller = "plugins/" + ControllerExe;
    /// <summary>agent_serial: the runner is an async agent plugin.</summary>
    public const string RunnerPlugin = "plugins/" + RunnerExe;
    /// <summary>External mode: the runner is no plugin; Task Scheduler starts it from the agent's bin folder.</summary>
    public const string RunnerBinary = "bin/" + RunnerExe;
    public const string TaskReadme = "task/README.txt";

    /// <summary>The task file of a scheduled run (<see cref="Scheduling.ScheduledRun.Name"/>).</summary>
    public static string TaskXml(string runName) => $"task/{runName}.xml";

    /// <summary>The name the task is registered under.</summary>
    public static string TaskName(string runName) => @"Robotmk\" + runName;

    /// <summary>The agent's macro for its custom plugins folder, as used in check_mk.yml patterns.</summary>
    public const string CustomPluginsMacro = "$CUSTOM_PLUGINS_PATH$";

    /// <summary>The absolute path on the host of a file in the tree.</summary>
    public static string OnHost(string treePath) => AgentDataDir + "\\" + treePath.Replace('/', '\\');
}
