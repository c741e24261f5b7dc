using System.Globalization;

namespace Robotmk.Bakery.Linux;

/// <summary>Where things go in the Linux package tree; the tree mirrors the file system root, so paths are absolute without the leading '/'.</summary>
public static class LinuxLayout
{
    public const string ControllerName = "robotmk";
    public const string RunnerName = "robotmk-runner";

    public const string RobotmkYml = "etc/check_mk/robotmk.yml";
    public const string PluginsDir = "usr/lib/check_mk_agent/plugins";
    public const string Controller = PluginsDir + "/" + ControllerName;
    /// <summary>External mode: the runner is no plugin; cron or systemd start it from here.</summary>
    public const string RunnerBinary = "usr/bin/" + RunnerName;

    /// <summary>The cron file of a scheduled run (<see cref="Scheduling.ScheduledRun.Name"/>).</summary>
    public static string CronFile(string runName) => "etc/cron.d/" + runName;
    public static string ServiceUnit(string runName) => $"etc/systemd/system/{runName}.service";
    public static string TimerUnit(string runName) => $"etc/systemd/system/{runName}.timer";
    /// <summary>The folders of the suites run on their own (systemd-tmpfiles).</summary>
    public const string ExternalFoldersConf = "etc/tmpfiles.d/robotmk-external.conf";

    /// <summary>agent_serial: the async plugin folder is named after the interval in seconds.</summary>
    public static string RunnerPlugin(int interval) =>
        $"{PluginsDir}/{interval.ToString(CultureInfo.InvariantCulture)}/{RunnerName}";

    public static string OnHost(string treePath) => "/" + treePath;
}
