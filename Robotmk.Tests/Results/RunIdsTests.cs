using Robotmk.Runner.Results;

namespace Robotmk.Tests.Results;

public class RunIdsTests
{
    private static readonly DateTimeOffset T = new(2026, 12, 6, 11, 53, 0, TimeSpan.Zero);

    [Test]
    public void Two_runs_at_the_same_instant_get_different_ids_in_the_order_of_their_runs()
    {
        var ids = new RunIds();
        var first = ids.Next(T);
        var second = ids.Next(T);
        Assert.That(first, Is.EqualTo("20261206T115300.000000Z"));
        Assert.That(second, Is.EqualTo("20261206T115300.000001Z"));
    }

    [Test]
    public void Ids_keep_their_order_when_the_wall_clock_goes_back_and_across_runners()
    {
        var ids = new RunIds();
        var first = ids.Next(T);
        var afterJump = ids.Next(T.AddHours(-1));
        // A new runner (a new RunIds) goes on from the newest id stored.
        var nextRunner = new RunIds(afterJump).Next(T.AddMinutes(-5));
        Assert.That(new[] { first, afterJump, nextRunner }, Is.Ordered.Using((IComparer<string>)StringComparer.Ordinal));
        Assert.That(new[] { first, afterJump, nextRunner }, Is.Unique);
    }

    [Test]
    public void Ids_are_read_back_as_their_time_and_other_names_are_not_ids()
    {
        Assert.That(RunIds.TryParse("20261206T115300.000001Z"), Is.EqualTo(T.UtcDateTime.AddTicks(10)));
        Assert.That(RunIds.TryParse("notes"), Is.Null);
        Assert.That(RunIds.TryParse("20261206T115300Z-abcdef"), Is.Null);
    }
}
