using Robotmk.Config;

namespace Robotmk.Bakery.Rules;

/// <summary>
/// The numbers derived from interval and margin, used alike by every generated file:
/// the agent or scheduler kills the runner at <see cref="RunnerTimeout"/>; the runner itself stops starting and
/// running suites at <see cref="RunBudget"/>, one margin earlier, so it can still write its state before the kill.
/// </summary>
public sealed record RunTiming
{
    /// <summary>Interval, margin and the limits between them, by the rule robotmk.yml follows too.</summary>
    public required RunTimeBudget Limits { get; init; }
    /// <summary>Seconds between runner starts; also the Windows agent's cache_age and the Linux async folder name.</summary>
    public int Interval => Limits.Interval;
    public int Margin => Limits.Margin;
    /// <summary>Seconds after which the agent (Windows <c>timeout</c>) or the scheduler stops the runner: interval − margin.</summary>
    public int RunnerTimeout => Limits.RunnerTimeout;
    /// <summary>The runner's own budget (<c>global.run_timeout</c>): interval − 2 × margin.</summary>
    public int RunBudget => Limits.RunBudget;
    /// <summary>Seconds one run is expected to take; defaults to the whole run budget (the worst case).</summary>
    public required int ExpectedRuntime { get; init; }
    /// <summary>Seconds a result stays valid on the server.</summary>
    public required int CacheTime { get; init; }
    /// <summary>
    /// The smallest cache_time that never goes stale between two good runs: the Linux agent counts the cache age from
    /// when the runner finished, so the real period is interval + runtime + poll jitter (SPEC §6).
    /// </summary>
    public int RecommendedCacheTime => Interval + ExpectedRuntime + Defaults.PollJitter;

    /// <param name="tick">Seconds between runner starts (<see cref="RuleSet.Tick"/>).</param>
    public static RunTiming From(RuleSet rules, int tick)
    {
        var limits = new RunTimeBudget(tick, rules.RunnerTimeoutMargin);
        var expected = rules.ExpectedRuntime ?? Math.Max(limits.RunBudget, 0);
        return new RunTiming
        {
            Limits = limits,
            ExpectedRuntime = expected,
            CacheTime = rules.CacheTime ?? limits.Interval + expected + Defaults.PollJitter,
        };
    }
}
