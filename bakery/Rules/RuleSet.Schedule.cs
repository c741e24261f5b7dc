using System.Collections.Immutable;
using Robotmk.Bakery.Scheduling;
using Robotmk.Config;

namespace Robotmk.Bakery.Rules;

/// <summary>
/// Who starts which suite, and how often. The runner (the agent's async plugin, or in external mode the scheduled
/// <c>robotmk-runner run</c>) starts every <see cref="Tick"/> and runs the suites that are due; with a global
/// agent_serial mode, a suite with <c>execution_mode: external</c> runs on its own (<c>run --suite ID</c>, its own
/// scheduler entry, interval and account).
/// </summary>
public sealed partial record RuleSet
{
    /// <summary>Seconds between two starts of <paramref name="suite"/>: its own interval, else the rule file's execution_interval.</summary>
    public int IntervalOf(SuiteRule suite) => suite.ExecutionInterval ?? ExecutionInterval;

    /// <summary>True for a suite that a scheduler starts on its own, beside the agent's runner.</summary>
    public bool RunsOnItsOwn(SuiteRule suite) =>
        ExecutionMode == ExecutionMode.AgentSerial && suite.ExecutionMode == ExecutionMode.External;

    /// <summary>The suites the runner runs at its ticks, in file order.</summary>
    public ImmutableArray<SuiteRule> RunnerSuites => [.. Suites.Where(s => !RunsOnItsOwn(s))];

    /// <summary>The suites a scheduler starts on their own, in file order.</summary>
    public ImmutableArray<SuiteRule> OwnScheduleSuites => [.. Suites.Where(RunsOnItsOwn)];

    /// <summary>
    /// The runner's tick (robotmk.yml's <c>global.execution_interval</c>): the greatest common divisor of the runner's
    /// suites' intervals, so each is a whole number of ticks. Without such suites, that of the suites run on their own,
    /// whose intervals robotmk.yml also counts in ticks; without suites, the rule file's execution_interval.
    /// </summary>
    public int Tick => TickSuites.IsEmpty ? ExecutionInterval : RunnerTick.Of(TickSuites.Select(IntervalOf));

    /// <summary>The suites whose intervals make the tick: the runner's, else (all run on their own) every suite.</summary>
    public ImmutableArray<SuiteRule> TickSuites => RunnerSuites is { IsEmpty: false } runner ? runner : Suites;

    /// <summary>Interval, margin and cache time of the runner, which starts every <see cref="Tick"/>.</summary>
    public RunTiming Timing => RunTiming.From(this, Tick);

    /// <summary>External mode: the scheduled start of the runner with all its suites.</summary>
    public ScheduledRun RunnerRun
    {
        get
        {
            var t = Timing;
            return new ScheduledRun
            {
                Name = ScheduledRun.RunnerName, Interval = t.Interval, Offset = StartOffset, RunnerTimeout = t.RunnerTimeout,
                RunBudget = t.RunBudget, LinuxUser = Linux.User, Windows = Windows.Logon,
            };
        }
    }

    /// <summary>The scheduled start of a suite run on its own: its interval, the margin before the next start, its account.</summary>
    public ScheduledRun OwnRun(SuiteRule suite)
    {
        var limits = new RunTimeBudget(IntervalOf(suite), RunnerTimeoutMargin);
        return new ScheduledRun
        {
            Name = ScheduledRun.NameFor(suite.Id), SuiteId = suite.Id, Interval = limits.Interval, Offset = StartOffset,
            RunnerTimeout = limits.RunnerTimeout, RunBudget = Timing.RunBudget, LinuxUser = suite.LinuxUser ?? Linux.User,
            Windows = new WindowsLogon(suite.WindowsUser ?? Windows.User, suite.WindowsLogonType ?? Windows.LogonType),
        };
    }

    /// <summary>Everything a scheduler starts: in external mode the runner, then each suite run on its own (by id).</summary>
    public ImmutableArray<ScheduledRun> ScheduledRuns =>
    [
        .. ExecutionMode == ExecutionMode.External ? [RunnerRun] : Array.Empty<ScheduledRun>(),
        .. OwnScheduleSuites.OrderBy(s => s.Id, StringComparer.Ordinal).Select(OwnRun),
    ];
}
