using Robotmk.Config;
using Robotmk.Paths;

namespace Robotmk.Tests.Config;

/// <summary>Parses robotmk.yml text as the runner would on a Linux host without agent variables.</summary>
internal static class ConfigTestSupport
{
    public const string ConfigFile = "/etc/check_mk/robotmk.yml";

    public static HostPaths LinuxDefaults { get; } =
        HostPaths.Resolve(new AgentEnvironment(new Dictionary<string, string>(), HostOs.Linux));

    public static ConfigResult Parse(string yaml) => ConfigParser.Parse(yaml, ConfigFile, LinuxDefaults);

    /// <summary>The only error of a result; fails the test with every problem listed when there is not exactly one.</summary>
    public static ConfigProblem SingleError(this ConfigResult result)
    {
        var errors = result.Errors.ToList();
        Assert.That(errors, Has.Count.EqualTo(1), () => "expected exactly one error, got:\n" + string.Join("\n", result.Problems));
        return errors[0];
    }

    public static SuiteConfig Suite(this ConfigResult result, string key) =>
        result.Config!.Suites.Single(s => s.Key == key);

    public static string Describe(this ConfigResult result) => string.Join("\n", result.Problems);
}
