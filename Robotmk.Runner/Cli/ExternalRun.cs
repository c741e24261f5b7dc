using Robotmk.Cli;
using Robotmk.Config;
using Robotmk.Files;
using Robotmk.Paths;

namespace Robotmk.Runner.Cli;

/// <summary>
/// <c>robotmk-runner run --suite ID</c> for suites that run as their user beside the agent's runner
/// (<see cref="ExternalSuiteFolders.IsExternal"/>): each selected suite runs in its own folder beside the state folder,
/// as that folder's state folder, with its own lock, outputs and log (docs/STATE.md). Nothing of the agent runner's
/// state folder is read, locked or written.
/// </summary>
public static class ExternalRun
{
    public const string OutputFolder = "output";
    public const string LogFolder = "log";

    /// <summary>Whether the selection is of external suites.</summary>
    /// <returns>true: all are external; false: external and agent suites mixed (said on <paramref name="err"/>); null: none is external.</returns>
    public static bool? Selects(RobotmkConfig config, IReadOnlySet<string> only, TextWriter err)
    {
        var selected = config.Suites.Where(s => only.Contains(s.Id)).ToList();
        var external = selected.Where(s => ExternalSuiteFolders.IsExternal(s, config.Global)).Select(s => s.Id).ToList();
        if (external.Count == 0)
            return null;
        if (external.Count == selected.Count)
            return true;
        err.WriteLine($"suite(s) {string.Join(", ", external)} run as their user in a folder of their own (execution_mode external), " +
                      $"{string.Join(", ", selected.Select(s => s.Id).Except(external))} by the agent's runner: run them separately");
        return false;
    }

    /// <summary>Runs each selected external suite in its folder, one after the other; the exit code is the worst of the runs.</summary>
    public static int Execute(RunnerContext ctx, HostPaths paths, ConfigResult config, IReadOnlySet<string> only)
    {
        var rc = ExitCode.Success;
        foreach (var suite in config.Config!.Suites.Where(s => only.Contains(s.Id)))
        {
            if (ExternalSuiteFolders.Problem(suite.Id) is { } idProblem)
            {
                ctx.Err.WriteLine($"suite {suite.Id}: {idProblem}");
                rc = Math.Max(rc, ExitCode.InvalidInput);
                continue;
            }
            var folder = ExternalSuiteFolders.Of(paths.StateDir, suite.Id);
            if (FolderProblem(paths.StateDir, folder) is { } problem)
            {
                ctx.Err.WriteLine($"suite {suite.Id}: {problem}");
                rc = Math.Max(rc, ExitCode.Busy);
                continue;
            }
            var own = InFolder(config, folder, suite);
            rc = Math.Max(rc, RunCommand.RunAndReport(ctx, paths with { StateDir = folder, OutputDir = own.Config!.Global.OutputDir, LogDir = own.Config.Global.LogDir },
                own, new HashSet<string>(StringComparer.Ordinal) { suite.Id }, agentStateDir: paths.StateDir));
        }
        return rc;
    }

    /// <summary>
    /// The configuration as the run of <paramref name="suite"/> in <paramref name="folder"/> uses it: outputs and log in
    /// the folder, as the configured ones are root's; and the run budget of the suite's own interval, not the one of the
    /// agent runner's tick (global run_timeout): its scheduler starts it at that interval, and a 30-minute desktop suite
    /// must not be cut at a 5-minute tick's budget.
    /// </summary>
    public static ConfigResult InFolder(ConfigResult config, string folder, SuiteConfig suite)
    {
        var global = config.Config!.Global;
        return config with
        {
            Config = config.Config with
            {
                Global = global with
                {
                    OutputDir = Path.Join(folder, OutputFolder),
                    LogDir = Path.Join(folder, LogFolder),
                    RunTimeout = suite.ExecutionInterval is { } own ? RunTimeBudget.ForInterval(own).DefaultRunTimeout : global.RunTimeout,
                },
            },
        };
    }

    /// <summary>For <c>validate</c>: one line per external suite, saying who runs it and whether its folder is ready.</summary>
    public static IEnumerable<string> Notes(string stateDir, RobotmkConfig config)
    {
        foreach (var suite in config.Suites.Where(s => ExternalSuiteFolders.IsExternal(s, config.Global)))
        {
            if (ExternalSuiteFolders.Problem(suite.Id) is { } idProblem)
            {
                yield return $"warning: external suite {suite.Id}: {idProblem}";
                continue;
            }
            var folder = ExternalSuiteFolders.Of(stateDir, suite.Id);
            var state = OperatingSystem.IsLinux() && NoFollowFile.Facts(folder) is { } f
                ? $"owned by uid {f.OwnerUid}"
                : Directory.Exists(folder) ? "ready" : "missing: create it owned by that user, mode 0700 (docs/STATE.md)";
            yield return $"external suite {suite.Id}: run as its user by 'robotmk-runner run --suite {suite.Id}', in '{folder}' ({state})";
        }
    }

    /// <summary>
    /// Why the run cannot use the suite's folder, or null. The external root is made by the agent package (root's,
    /// 0711), never here: made by a user it would be theirs, and the controller refuses it. A missing suite folder is
    /// made here only by root. A folder of another user is not written into: files of ours there would lock its owner
    /// out (Linux).
    /// </summary>
    private static string? FolderProblem(string stateDir, string folder)
    {
        var root = ExternalSuiteFolders.Root(stateDir);
        if (!Directory.Exists(root))
            return $"the external root '{root}' does not exist; create it owned by root, mode 0711, and '{folder}' in it owned by the user who runs the suite, mode 0700 (docs/STATE.md)";
        if (!OperatingSystem.IsLinux())
            return null;
        var euid = NoFollowFile.EffectiveUid;
        return NoFollowFile.Facts(folder) switch
        {
            // Only root may name a folder in the external root; root running the suite by hand gets a folder of its own.
            null when euid != 0 => $"'{folder}' does not exist; it is created by the agent package, owned by the user who runs the suite, mode 0700 (docs/STATE.md)",
            { OwnerUid: var owner } when owner != euid => $"'{folder}' belongs to uid {owner}, not to this user (uid {euid}): run the suite as its owner",
            _ => null,
        };
    }
}
