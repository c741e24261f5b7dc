using Robotmk.Config;
using Robotmk.Paths;
using Robotmk.Runner.Coordination;
using Robotmk.Runner.Logging;
using Robotmk.Runner.RobotFramework;
using Robotmk.Tests.Support;

namespace Robotmk.Tests.Runner;

/// <summary>
/// A host for <see cref="RunCoordinator"/> without processes: a temp folder with the suites a.robot, b.robot and
/// c.robot, a fake clock and a <see cref="FakeRobot"/> that advances it.
/// </summary>
public sealed class FakeRunnerHost : IDisposable
{
    public TempDir Tmp { get; } = new();
    public FakeClock Clock { get; }
    public FakeRobot Robot { get; }
    public HostPaths Paths { get; }

    public FakeRunnerHost(DateTimeOffset start)
    {
        Clock = new FakeClock(start);
        Robot = new FakeRobot(Clock);
        Paths = new HostPaths(Path.Join(Tmp.Path, "robotmk.yml"), Path.Join(Tmp.Path, "state"), Path.Join(Tmp.Path, "robot"),
            Path.Join(Tmp.Path, "out"), Path.Join(Tmp.Path, "log"));
        foreach (var s in new[] { "a", "b", "c" })
            Tmp.File(Path.Join("robot", s + ".robot"), "*** Test Cases ***\nT\n    Log    x\n");
    }

    /// <summary>robotmk.yml for this host's folders: the lines of <paramref name="global"/> and <paramref name="suites"/> below theirs; it must have no errors.</summary>
    public ConfigResult Config(string global, string suites, string? outputDir = null)
    {
        var yaml = $"global:\n  robotdir: {Paths.RobotDir}\n  outputdir: {outputDir ?? Paths.OutputDir}\n  logdir: {Paths.LogDir}\n" +
                   string.Join('\n', global.Split('\n').Select(l => "  " + l)) + "\nsuites:\n" +
                   string.Join('\n', suites.Split('\n').Select(l => "  " + l));
        var result = ConfigParser.Parse(yaml, "robotmk.yml", Paths);
        Assert.That(result.HasErrors, Is.False, string.Join("\n", result.Problems));
        return result;
    }

    /// <summary>"robot" and "rebot" by name: the fake process runner never starts them.</summary>
    public static RobotLauncher Launcher(GlobalConfig _) => new(new LaunchCommand("robot", []), new LaunchCommand("rebot", []));

    public RunCoordinator Coordinator(RunnerLimits? limits = null, RobotmkLogLevel level = RobotmkLogLevel.Info) =>
        new(Paths, Robot, Clock, limits ?? new RunnerLimits { HeartbeatInterval = TimeSpan.Zero },
            new RunnerLog(Paths.LogDir, level, Clock, Console.Error), Launcher);

    public void Dispose() => Tmp.Dispose();
}
