using Robotmk.Tests.Runner;

namespace Robotmk.Tests.Security;

/// <summary>Suite <c>a</c> with one passing test and one <c>robot_params</c> setting, for attacks through a configured value.</summary>
internal static class PassingSuite
{
    /// <param name="robotParam">One line under robot_params, e.g. <c>include: ["-A/tmp/x.txt"]</c>.</param>
    public static void Configure(RunnerHarness h, string robotParam)
    {
        h.Suite("a/a.robot", "*** Test Cases ***\nT\n    No Operation\n");
        h.Config($"a:\n  path: a\n  robot_params:\n    {robotParam}\n");
    }
}
