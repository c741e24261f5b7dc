using Robotmk.Bakery.Rules;

namespace Robotmk.Bakery.Scheduling;

/// <summary>
/// One runner start that Task Scheduler, cron or systemd repeat: the runner with all its suites (external mode), or
/// one suite that runs on its own (<c>execution_mode: external</c> on the suite), with its own interval and account.
/// Each becomes a task, a cron file and a systemd service and timer, named after <see cref="Name"/>.
/// </summary>
public sealed record ScheduledRun
{
    public const string RunnerName = "robotmk-runner";

    /// <summary>Base name of the run's files and task: robotmk-runner, or robotmk-runner-&lt;suite&gt; for a suite of its own.</summary>
    public required string Name { get; init; }
    /// <summary>The suite run on its own; null for the runner with all its suites.</summary>
    public string? SuiteId { get; init; }
    /// <summary>Seconds between starts.</summary>
    public required int Interval { get; init; }
    /// <summary>Seconds after each interval boundary, counted from midnight.</summary>
    public required int Offset { get; init; }
    /// <summary>Seconds after which the scheduler stops the run.</summary>
    public required int RunnerTimeout { get; init; }
    /// <summary>Seconds after which the runner stops its own work (its run budget).</summary>
    public required int RunBudget { get; init; }
    public required string LinuxUser { get; init; }
    public required WindowsLogon Windows { get; init; }

    public FixedRateSchedule Schedule => new(Interval, Offset);

    /// <summary>The runner's command-line arguments: <c>run</c>, or <c>run --suite ID</c>.</summary>
    public IReadOnlyList<string> Arguments => SuiteId is null ? ["run"] : ["run", "--suite", SuiteId];

    /// <summary>What the run does, for descriptions: "the Robot Framework suites of robotmk.yml" or "the suite 'desktop'".</summary>
    public string What(string robotmkYml) =>
        SuiteId is null ? $"the Robot Framework suites of {robotmkYml}" : $"the Robot Framework suite '{SuiteId}' of {robotmkYml}";

    /// <summary>
    /// The name of a suite's own run. Suite ids hold lower-case letters, digits, '_' and '.'; cron skips files in
    /// /etc/cron.d whose names contain a '.', so '.' becomes '-', which no id contains (the name stays unique).
    /// </summary>
    public static string NameFor(string suiteId) => RunnerName + "-" + suiteId.Replace('.', '-');
}
