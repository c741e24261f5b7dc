using Robotmk.Config;
using Robotmk.Paths;
using Robotmk.Tests.Support;

namespace Robotmk.Tests.Bakery;

/// <summary>examples/rules.yml, the rule file README.md bakes: valid for both systems, and it bakes the example suites.</summary>
public class ExampleRulesTests
{
    private static readonly string Rules = Path.Join(TestPaths.Examples, "rules.yml");

    [Test]
    public void Validates_for_linux_and_windows_without_a_warning()
    {
        var run = CliRun.Invoke(TestPaths.RepoRoot, "validate", Rules);

        Assert.That(run.ExitCode, Is.Zero, run.Stderr);
        Assert.That(run.Stderr, Is.Empty);
        Assert.That(run.Stdout, Does.Contain("3 suite(s) (checkout, failing, tagged.robot_staging)"));
    }

    [Test]
    public void Bakes_the_linux_and_the_windows_tree()
    {
        using var dir = new TempDir();

        var run = CliRun.Invoke(TestPaths.RepoRoot, "bake", Rules, "--out", dir.Join("trees"));

        Assert.That(run.ExitCode, Is.Zero, run.Stderr);
        Assert.That(File.Exists(dir.Join("trees/linux/etc/check_mk/robotmk.yml")), Is.True);
        Assert.That(File.Exists(dir.Join("trees/linux/BINARIES.txt")), Is.True);
        Assert.That(File.Exists(dir.Join("trees/windows/config/robotmk.yml")), Is.True);
        Assert.That(File.Exists(dir.Join("trees/windows/check_mk.yml")), Is.True);
    }

    /// <summary>The baked robotmk.yml runs what the demo runs: the suites and timing of examples/robotmk.yml.</summary>
    [Test]
    public void The_baked_robotmk_yml_matches_the_example_configuration()
    {
        using var dir = new TempDir();
        var run = CliRun.Invoke(TestPaths.RepoRoot, "bake", Rules, "--out", dir.Join("trees"), "--os", "linux");
        Assert.That(run.ExitCode, Is.Zero, run.Stderr);

        var baked = Parse(dir.Join("trees/linux/etc/check_mk/robotmk.yml"));
        var example = Parse(Path.Join(TestPaths.Examples, "robotmk.yml"));

        Assert.That(Timing(baked.Global), Is.EqualTo(Timing(example.Global)));
        Assert.That(baked.Suites.Select(Describe), Is.EqualTo(example.Suites.Select(Describe)));
    }

    private static RobotmkConfig Parse(string file)
    {
        var result = ConfigParser.Parse(File.ReadAllText(file), file, HostPaths.Resolve(new AgentEnvironment(new Dictionary<string, string>(), HostOs.Linux)));
        Assert.That(result.Errors, Is.Empty, $"{file}: {string.Join("\n", result.Errors)}");
        return result.Config!;
    }

    private static object Timing(GlobalConfig g) =>
        (g.ExecutionMode, g.Encoding, g.TransmitHtml, g.LogLevel, g.LogRotation, g.ExecutionInterval, g.CacheTime, g.EffectiveRunTimeout);

    private static string Describe(SuiteConfig s)
    {
        var p = s.RobotParams;
        var f = s.FailedHandling;
        return $"{s.Id}: path {s.Path}, tag {s.Tag}, host {s.PiggybackHost}, name {p.Name}, include [{string.Join(",", p.Include)}], " +
               $"exclude [{string.Join(",", p.Exclude)}], variables [{string.Join(",", p.Variable)}], " +
               $"{f.MaxIterations} attempt(s) {f.Strategy}";
    }
}
