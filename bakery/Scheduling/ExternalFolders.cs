using Robotmk.Bakery.Rules;
using Robotmk.Config;
using Robotmk.Paths;

namespace Robotmk.Bakery.Scheduling;

/// <summary>
/// The folders a suite run on its own writes into on the host (docs/STATE.md): the external root beside the runner's
/// default state folder, and in it one folder per suite, named as its state file is. The scheduled runner has none of
/// the agent's variables, so the runner's defaults are the places. Joined with the target system's separator, so a
/// tree baked on one system names the other system's paths correctly.
/// </summary>
public static class ExternalFolders
{
    public static string Root(TargetOs os) => ExternalSuiteFolders.Root(Defaults(os).StateDir);

    public static string Of(TargetOs os, string suiteId) =>
        Root(os) + (os == TargetOs.Linux ? "/" : "\\") + SuiteId.FileName(suiteId);

    /// <summary>The runner's default paths on the target system.</summary>
    public static HostPaths Defaults(TargetOs os) =>
        HostPaths.Resolve(new AgentEnvironment(new Dictionary<string, string>(), os == TargetOs.Linux ? HostOs.Linux : HostOs.Windows));
}
