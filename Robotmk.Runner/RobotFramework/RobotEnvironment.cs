using System.Collections.Immutable;

namespace Robotmk.Runner.RobotFramework;

/// <summary>
/// The environment RF and rebot run with (pure): the runner's own, which the agent gave it, minus the variables that
/// would change what RF or Python do behind the config's back; then the defaults below; then the suite's <c>env</c>,
/// which is configured and may set any of them on purpose (PYTHONPATH for a suite's libraries).
/// </summary>
public static class RobotEnvironment
{
    /// <summary>Read by RF itself: options added to every run (ROBOT_OPTIONS, REBOT_OPTIONS), a syslog file, internal traces.</summary>
    public static ImmutableArray<string> RobotVariables { get; } =
        ["ROBOT_OPTIONS", "REBOT_OPTIONS", "ROBOT_SYSLOG_FILE", "ROBOT_SYSLOG_LEVEL", "ROBOT_INTERNAL_TRACES"];

    /// <summary>
    /// Every variable whose name starts with this is read by Python and changes what it runs or how: PYTHONPATH,
    /// PYTHONHOME, PYTHONSTARTUP, PYTHONINSPECT, PYTHONBREAKPOINT, PYTHONPYCACHEPREFIX, PYTHONUSERBASE, PYTHONWARNINGS,
    /// PYTHONOPTIMIZE, PYTHON_GIL and whatever later versions add.
    /// </summary>
    public const string PythonPrefix = "PYTHON";

    /// <summary>
    /// Set for every run unless the suite's env sets them: UTF-8 whatever the locale (the agent gives plugins
    /// LC_ALL=C.utf8 or nothing), and no working directory or script folder on sys.path (Python 3.11+), so no module
    /// is imported from where RF happens to run.
    /// </summary>
    public static ImmutableSortedDictionary<string, string> Defaults { get; } = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal,
    [
        new KeyValuePair<string, string>("PYTHONIOENCODING", "utf-8"),
        new KeyValuePair<string, string>("PYTHONSAFEPATH", "1"),
        new KeyValuePair<string, string>("PYTHONUTF8", "1"),
    ]);

    /// <summary>Whether RF does not inherit the runner's variable <paramref name="name"/> (any case: Windows ignores it).</summary>
    public static bool IsRemoved(string name) =>
        name.StartsWith(PythonPrefix, StringComparison.OrdinalIgnoreCase) || RobotVariables.Contains(name, StringComparer.OrdinalIgnoreCase);

    /// <summary>The names among <paramref name="inherited"/> (the runner's environment) that RF does not inherit.</summary>
    public static ImmutableArray<string> Removed(IEnumerable<string> inherited) => [.. inherited.Where(IsRemoved).Order(StringComparer.Ordinal)];

    /// <summary>The variables of this runner's own environment that RF and rebot do not inherit.</summary>
    public static ImmutableArray<string> RemovedFromRunner() => Removed(Environment.GetEnvironmentVariables().Keys.Cast<string>());

    /// <summary>What is set on top of the inherited environment: the defaults, overridden by the suite's env.</summary>
    public static ImmutableSortedDictionary<string, string> Added(ImmutableSortedDictionary<string, string> suiteEnv) =>
        Defaults.SetItems(suiteEnv);
}
