namespace Robotmk.Bakery.Scheduling;

/// <summary>
/// The runner's tick: how often the agent (or the scheduler) starts the runner, which then runs the suites that are
/// due. Every suite's interval must be a whole number of ticks, so the longest tick that serves all of them is the
/// greatest common divisor of their intervals. Pure.
/// </summary>
public static class RunnerTick
{
    /// <summary>The greatest common divisor of <paramref name="intervals"/> (seconds, each positive).</summary>
    public static int Of(IEnumerable<int> intervals)
    {
        var tick = 0;
        foreach (var interval in intervals)
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(interval);
            tick = Gcd(tick, interval);
        }
        if (tick == 0)
            throw new ArgumentException("at least one interval is needed", nameof(intervals));
        return tick;
    }

    /// <summary>
    /// The position of the interval that brings the tick, computed in the given order, below <paramref name="minimum"/>;
    /// null when the tick of all of them is at least the minimum. Names the suite to change in a message.
    /// </summary>
    public static int? FirstBelow(IReadOnlyList<int> intervals, int minimum)
    {
        var tick = 0;
        for (var i = 0; i < intervals.Count; i++)
        {
            tick = Gcd(tick, intervals[i]);
            if (tick < minimum)
                return i;
        }
        return null;
    }

    public static int Gcd(int a, int b)
    {
        while (b != 0)
            (a, b) = (b, a % b);
        return a;
    }
}
