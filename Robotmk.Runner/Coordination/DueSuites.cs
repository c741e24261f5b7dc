using System.Collections.Immutable;
using Robotmk.Config;

namespace Robotmk.Runner.Coordination;

/// <summary>What a suite's schedule knows from its state file: when it last started, and since when it waits for room in the budget.</summary>
public readonly record struct SuiteHistory(DateTimeOffset? LastStart, DateTimeOffset? DeferredSince);

/// <summary>A suite this run is to start, in the order <see cref="DueSuites.Select"/> gives.</summary>
/// <param name="Overdue">How long ago its interval passed; null when it never started (or its last start lies in the future).</param>
/// <param name="DeferredSince">Set when an earlier run had no room for it: it goes first.</param>
public sealed record DueSuite(SuiteConfig Suite, TimeSpan? Overdue, DateTimeOffset? DeferredSince)
{
    public bool WasDeferred => DeferredSince is not null;
}

/// <summary>The suites of one run (a tick): those to start, in order, and those whose interval has not passed yet.</summary>
public sealed record TickPlan(ImmutableArray<DueSuite> Due, ImmutableArray<string> NotDue);

/// <summary>
/// Pure: which suites a start of the runner (a tick) runs. A suite without its own interval runs at every tick, as
/// in v1. A suite with its own interval is due when that interval has passed since its last start, less half a
/// tick: the agent starts the runner a little early or late (it looks for due plugins once a minute), and a tick that
/// comes a few seconds early must not push the suite back by a whole tick. Order: suites an earlier run deferred
/// (longest waiting first), then suites that never started, then the most overdue; ties keep the configured order.
/// </summary>
public static class DueSuites
{
    public static TickPlan Select(IReadOnlyList<(SuiteConfig Suite, SuiteHistory History)> suites, GlobalConfig global, DateTimeOffset now)
    {
        var tolerance = TimeSpan.FromSeconds(global.ExecutionInterval / 2.0);
        var due = new List<(DueSuite Suite, int Index)>();
        var notDue = ImmutableArray.CreateBuilder<string>();
        for (var i = 0; i < suites.Count; i++)
        {
            var (suite, history) = suites[i];
            var interval = TimeSpan.FromSeconds(SuiteSchedule.IntervalOf(suite, global));
            // A last start in the future: the clock went backwards, and the time since cannot be told. Running the
            // suite is better than leaving it out until the clock has caught up.
            var since = history.LastStart is { } last && last <= now ? now - last : (TimeSpan?)null;
            if (suite.ExecutionInterval is not null && since is { } s && s < interval - tolerance && history.DeferredSince is null)
            {
                notDue.Add(suite.Id);
                continue;
            }
            due.Add((new DueSuite(suite, since - interval, history.DeferredSince), i));
        }
        var ordered = due
            .OrderBy(d => d.Suite.DeferredSince ?? DateTimeOffset.MaxValue)
            .ThenByDescending(d => d.Suite.Overdue ?? TimeSpan.MaxValue)
            .ThenBy(d => d.Index)
            .Select(d => d.Suite);
        return new TickPlan([.. ordered], notDue.ToImmutable());
    }
}
