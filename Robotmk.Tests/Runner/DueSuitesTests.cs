using Robotmk.Config;
using Robotmk.Runner.Coordination;
using static Robotmk.Tests.Config.ConfigTestSupport;

namespace Robotmk.Tests.Runner;

/// <summary>Which suites a tick starts, and in which order (pure, no clock but the one passed in).</summary>
public class DueSuitesTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    private static RobotmkConfig Config(string suites)
    {
        var r = Parse("global:\n  execution_interval: 60\nsuites:\n" + suites);
        Assert.That(r.HasErrors, Is.False, r.Describe());
        return r.Config!;
    }

    private static readonly RobotmkConfig ThreeIntervals = Config(
        "  a: {path: a, execution_interval: 60}\n  b: {path: b, execution_interval: 120}\n  c: {path: c, execution_interval: 180}\n");

    private static TickPlan Plan(RobotmkConfig config, DateTimeOffset now, Dictionary<string, SuiteHistory> history) =>
        DueSuites.Select([.. config.Suites.Select(s => (s, history.GetValueOrDefault(s.Id)))], config.Global, now);

    [Test]
    public void Over_six_ticks_of_60_s_suites_of_60_120_and_180_s_start_6_3_and_2_times()
    {
        var history = new Dictionary<string, SuiteHistory>();
        var starts = new Dictionary<string, int> { ["a"] = 0, ["b"] = 0, ["c"] = 0 };
        for (var tick = 0; tick < 6; tick++)
        {
            // Each suite takes a few seconds, so the later ones of a tick start later than the tick.
            var now = T0.AddSeconds(60 * tick);
            foreach (var due in Plan(ThreeIntervals, now, history).Due)
            {
                starts[due.Suite.Id]++;
                history[due.Suite.Id] = new SuiteHistory(now, null);
                now = now.AddSeconds(7);
            }
        }
        Assert.That(starts, Is.EqualTo(new Dictionary<string, int> { ["a"] = 6, ["b"] = 3, ["c"] = 2 }));
    }

    [Test]
    public void A_tick_that_comes_early_by_less_than_half_a_tick_still_starts_the_suite()
    {
        var last = new Dictionary<string, SuiteHistory> { ["b"] = new(T0, null) };
        var early = Plan(ThreeIntervals, T0.AddSeconds(120 - 29), last);
        var tooEarly = Plan(ThreeIntervals, T0.AddSeconds(120 - 31), last);

        Assert.That(early.Due.Select(d => d.Suite.Id), Does.Contain("b"));
        Assert.That(tooEarly.NotDue, Does.Contain("b"));
    }

    [Test]
    public void Suites_that_never_started_go_first_then_the_most_overdue_in_the_configured_order_on_ties()
    {
        var now = T0.AddHours(1);
        var history = new Dictionary<string, SuiteHistory>
        {
            ["a"] = new(now.AddSeconds(-70), null),   // 10 s overdue
            ["b"] = new(now.AddSeconds(-300), null),  // 180 s overdue
            ["c"] = new(now.AddSeconds(-200), null),  // 20 s overdue
        };
        var config = Config("  a: {path: a, execution_interval: 60}\n  b: {path: b, execution_interval: 120}\n" +
                            "  c: {path: c, execution_interval: 180}\n  d: {path: d, execution_interval: 60}\n  e: {path: e}\n  f: {path: f}\n");

        var plan = Plan(config, now, history);

        Assert.That(plan.Due.Select(d => d.Suite.Id), Is.EqualTo(new[] { "d", "e", "f", "b", "c", "a" }));
        Assert.That(plan.Due.Single(d => d.Suite.Id == "b").Overdue, Is.EqualTo(TimeSpan.FromSeconds(180)));
    }

    [Test]
    public void A_deferred_suite_goes_first_even_when_others_are_more_overdue_and_its_interval_has_not_passed()
    {
        var now = T0.AddHours(1);
        var history = new Dictionary<string, SuiteHistory>
        {
            ["a"] = new(now.AddSeconds(-600), null),
            ["b"] = new(now.AddSeconds(-600), null),
            ["c"] = new(now.AddSeconds(-60), now.AddSeconds(-30)),
        };

        var plan = Plan(ThreeIntervals, now, history);

        Assert.That(plan.Due.Select(d => d.Suite.Id), Is.EqualTo(new[] { "c", "a", "b" }));
        Assert.That(plan.Due[0].WasDeferred, Is.True);
    }

    [Test]
    public void Suites_without_an_own_interval_run_at_every_start_as_in_v1()
    {
        var config = Config("  a: {path: a}\n  b: {path: b}\n");
        var history = new Dictionary<string, SuiteHistory> { ["a"] = new(T0, null), ["b"] = new(T0.AddSeconds(1), null) };

        var plan = Plan(config, T0.AddSeconds(2), history);

        Assert.That(plan.Due.Select(d => d.Suite.Id), Is.EqualTo(new[] { "a", "b" }));
        Assert.That(plan.NotDue, Is.Empty);
    }

    [Test]
    public void A_last_start_in_the_future_after_the_clock_went_backwards_makes_the_suite_due()
    {
        var history = new Dictionary<string, SuiteHistory> { ["c"] = new(T0.AddHours(2), null) };

        var plan = Plan(ThreeIntervals, T0, history);

        Assert.That(plan.Due.Select(d => d.Suite.Id), Does.Contain("c"));
    }

    [Test]
    public void Group_slots_start_the_first_waiting_suite_whose_group_is_free_up_to_max_parallel()
    {
        var config = Config("  a1: {path: a1, group: a}\n  a2: {path: a2, group: a}\n  b1: {path: b1, group: b}\n  c: {path: c}\n");
        var waiting = config.Suites.Select(s => new DueSuite(s, null, null)).ToList();
        var slots = new GroupSlots(2);

        var first = slots.Next(waiting)!.Value;
        Assert.That(slots.Occupy(waiting[first].Suite), Is.Zero);
        var a1 = waiting[first];
        waiting.RemoveAt(first);
        var second = slots.Next(waiting)!.Value;
        Assert.That(waiting[second].Suite.Id, Is.EqualTo("b1"), "a2 waits for a1 of its group");
        Assert.That(slots.Occupy(waiting[second].Suite), Is.EqualTo(1));
        waiting.RemoveAt(second);
        Assert.That(slots.Next(waiting), Is.Null, "both slots are taken");

        slots.Release(a1.Suite);
        Assert.That(waiting[slots.Next(waiting)!.Value].Suite.Id, Is.EqualTo("a2"));
    }
}
