namespace Robotmk.Config;

/// <summary>
/// The one rule that derives the runner's limits from the interval and a margin (SPEC §4, §6). Pure.
/// The agent (Windows <c>timeout</c>) or the scheduler stops the runner one margin before the next start, at
/// <see cref="RunnerTimeout"/>; the runner stops its own work one margin earlier, at <see cref="RunBudget"/>, so it
/// still writes its state before it is stopped.
/// </summary>
/// <param name="Interval">Seconds between runner starts.</param>
/// <param name="Margin">Seconds between each limit and the next: budget, runner timeout, next start.</param>
public readonly record struct RunTimeBudget(int Interval, int Margin)
{
    /// <summary>The rule with the default margin, as it applies to a robotmk.yml that writes no <c>run_timeout</c>.</summary>
    public static RunTimeBudget ForInterval(int interval) => new(interval, Defaults.RunTimeoutMargin);

    /// <summary>Seconds after which the agent or scheduler stops the runner: interval − margin; not positive when the margin is not below the interval.</summary>
    public int RunnerTimeout => Interval - Margin;

    /// <summary>The runner's own budget: interval − 2 × margin; below 1 when the two margins take the whole interval.</summary>
    public int RunBudget => Interval - 2 * Margin;

    /// <summary>
    /// What <c>global.run_timeout</c> means when robotmk.yml does not write it: the run budget, but at least half of the
    /// interval (and at least 1 s), so a short interval in a hand-written robotmk.yml still leaves time to run suites.
    /// The bakery refuses such intervals and always writes <c>run_timeout</c>.
    /// </summary>
    public int DefaultRunTimeout => Math.Max(RunBudget, Math.Max(Interval / 2, 1));
}
