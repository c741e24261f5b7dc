using Robotmk.Config;

namespace Robotmk.Paths;

/// <summary>
/// Where an external suite's user runner keeps its state: a folder of the suite's user in the external root beside
/// the state folder (docs/STATE.md). The state folder itself is root's and 0700, so the user can neither reach into it
/// nor share its lock; the external root is root's too, so only root decides who owns a suite's folder.
/// </summary>
public static class ExternalSuiteFolders
{
    public const string RootSuffix = "-external";

    /// <summary>
    /// True for a suite its user's runner runs: <c>execution_mode: external</c> beside a global <c>agent_serial</c>. (In
    /// a global external mode there is one runner for every suite, which uses the state folder itself.)
    /// </summary>
    public static bool IsExternal(SuiteSettings suite, GlobalConfig global) =>
        global.ExecutionMode == ExecutionMode.AgentSerial && SuiteSchedule.ModeOf(suite, global) == ExecutionMode.External;

    /// <summary>The external root: the state folder's path + <see cref="RootSuffix"/>.</summary>
    public static string Root(string stateDir) => Path.TrimEndingDirectorySeparator(stateDir) + RootSuffix;

    /// <summary>The folder of one external suite, named as its state file is (<see cref="SuiteId.FileName"/>).</summary>
    /// <exception cref="ArgumentException">the id cannot name a folder (see <see cref="Problem"/>)</exception>
    public static string Of(string stateDir, string suiteId) =>
        Problem(suiteId) is { } problem ? throw new ArgumentException(problem, nameof(suiteId)) : Path.Join(Root(stateDir), SuiteId.FileName(suiteId));

    /// <summary>Why an id cannot name an external suite's folder, or null when it can.</summary>
    public static string? Problem(string suiteId) =>
        SuiteId.Problem(suiteId) ?? (SuiteId.FileName(suiteId) is "." or ".." ? $"the suite id '{suiteId}' cannot name a folder" : null);
}
