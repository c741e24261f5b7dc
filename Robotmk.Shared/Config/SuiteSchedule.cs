namespace Robotmk.Config;

/// <summary>
/// When and by whom one suite runs, from its own schedule keys and the global ones (robotmk.yml and the rule file
/// alike). The global <c>execution_interval</c> is the runner's tick: the agent or scheduler starts the runner this
/// often, and each start runs the suites that are due. Pure.
/// </summary>
public static class SuiteSchedule
{
    /// <summary>Seconds between two starts of the suite: its own interval, else every tick.</summary>
    public static int IntervalOf(SuiteSettings suite, GlobalConfig global) => suite.ExecutionInterval ?? global.ExecutionInterval;

    /// <summary>Who runs the suite: its own mode, else the global one.</summary>
    public static ExecutionMode ModeOf(SuiteSettings suite, GlobalConfig global) => suite.ExecutionMode ?? global.ExecutionMode;

    /// <summary>
    /// The key the suite is serialized by: suites with the same key never run at the same time. A suite without a
    /// group is a group of its own; the prefixes keep a group named like a suite id apart from that suite.
    /// </summary>
    public static string GroupOf(SuiteSettings suite) => suite.Group is { } g ? "group:" + g : "suite:" + suite.Id;

    /// <summary>
    /// Why <paramref name="interval"/> cannot be a suite's interval under <paramref name="tick"/>, or null: the runner
    /// only starts at ticks, so an interval that is not a multiple of the tick would drift against them.
    /// </summary>
    public static string? IntervalProblem(int interval, int tick, string tickKey)
    {
        if (interval % tick == 0)
            return null;
        var below = interval / tick * tick;
        var above = below + tick;
        return $"execution_interval ({interval} s) must be a multiple of {tickKey} ({tick} s, how often the runner starts), " +
               (below == 0 ? $"e.g. {above}" : $"e.g. {below} or {above}");
    }

    /// <summary>
    /// Seconds the suite's result stays valid on the server. A suite that runs at every tick keeps the global
    /// cache_time. A suite with a longer interval gets its interval plus the global cache_time: it is started by the
    /// first tick after its interval has passed, and that tick comes up to one whole tick period (what the global
    /// cache_time covers: the tick, the run time and the agent's poll jitter) later.
    /// </summary>
    public static int CacheTimeOf(SuiteSettings suite, GlobalConfig global) =>
        IntervalOf(suite, global) is var interval && interval <= global.ExecutionInterval
            ? global.CacheTime
            : interval + global.CacheTime;
}
