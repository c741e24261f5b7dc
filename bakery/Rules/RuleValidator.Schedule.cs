using Robotmk.Bakery.Scheduling;
using Robotmk.Config;

namespace Robotmk.Bakery.Rules;

/// <summary>
/// Checks of the schedule: each interval against what the agent and the schedulers can start, the runner's tick (the
/// greatest common divisor of its suites' intervals) against the agent's minimum, the scheduler entries of the suites
/// run on their own, and the per-suite keys that only some suites use.
/// </summary>
internal static partial class RuleValidator
{
    /// <summary>How messages name the runner's interval: the rule file's key while no suite has an interval of its own.</summary>
    private static string TickName(RuleSet rules) =>
        rules.Suites.Any(s => s.ExecutionInterval is not null) ? "the tick" : "execution_interval";

    private static string SuiteKey(SuiteRule suite, string key) => $"suites[{suite.Index}].{key}";

    /// <summary>Where a suite's interval comes from: its own key, or the rule file's execution_interval.</summary>
    private static (SourcePosition At, string KeyPath) IntervalSource(SuiteRule suite, RulePositions at) =>
        suite.ExecutionInterval is null ? (at.Of("execution_interval"), "execution_interval") : (suite.At("execution_interval"), SuiteKey(suite, "execution_interval"));

    /// <param name="timingRefused">A number the schedule depends on was refused (and replaced by its default).</param>
    private static void CheckSchedule(RuleSet rules, RulePositions at, Targets targets, ProblemList problems, bool timingRefused)
    {
        CheckSuiteModes(rules, at, problems);
        CheckGroups(rules, problems);
        CheckSuiteAccounts(rules, at, problems);

        if (timingRefused)
            return;
        CheckRunnerInterval(rules, at, targets, problems);
        if (targets.Linux)
            CheckWholeMinutes(rules, at, problems);

        if (problems.HasErrorAt(["execution_interval", .. SuiteIntervalKeys(rules), "start_offset"]))
            return;
        if (rules.ExecutionMode == ExecutionMode.External)
            CheckScheduledRun(rules.RunnerRun, TickAt(rules, at), TickName(rules), rules, at, targets, problems);
        foreach (var suite in rules.OwnScheduleSuites)
        {
            var (intervalAt, intervalKey) = IntervalSource(suite, at);
            var interval = rules.IntervalOf(suite);
            if (SuiteSchedule.IntervalProblem(interval, rules.Tick, "the tick") is { } why)
            {
                problems.Error(intervalAt, intervalKey,
                    $"{why}: the suite runs on its own, but robotmk.yml counts every suite's interval in ticks of the agent's runner " +
                    $"(the greatest common divisor of the other suites' intervals, here {rules.Tick} s)");
                continue;
            }
            CheckScheduledRun(rules.OwnRun(suite), intervalAt, intervalKey, rules, at, targets, problems);
        }
    }

    /// <summary>Where the messages about the tick point: the rule file's interval, else the first suite interval of the runner.</summary>
    private static SourcePosition TickAt(RuleSet rules, RulePositions at) =>
        rules.TickSuites.FirstOrDefault() is { } first ? IntervalSource(first, at).At : at.Of("execution_interval");

    private static readonly string[] TimingKeys = ["execution_interval", "runner_timeout_margin", "expected_runtime", "cache_time"];

    private static IEnumerable<string> SuiteIntervalKeys(RuleSet rules) => rules.Suites.Select(s => SuiteKey(s, "execution_interval"));

    /// <summary>Linux starts the runner on whole minutes; every interval that counts must be one.</summary>
    private static void CheckWholeMinutes(RuleSet rules, RulePositions at, ProblemList problems)
    {
        var usesGlobal = rules.Suites.IsEmpty || rules.Suites.Any(s => s.ExecutionInterval is null);
        if (usesGlobal && rules.ExecutionInterval % 60 != 0)
        {
            var interval = rules.ExecutionInterval;
            var real = (interval / 60 + 1) * 60;
            var reason = rules.ExecutionMode == ExecutionMode.AgentSerial && TickName(rules) == "execution_interval"
                ? $"the Linux agent names the async folder in seconds (plugins/{interval}/), but starts a job only while it runs " +
                  $"(once a minute) and only when the cache is older than {interval} s, so the runner would really start about every {real} s"
                : rules.ExecutionMode == ExecutionMode.AgentSerial ? WholeMinutesReason : "cron and systemd timers start the runner on whole minutes";
            problems.Error(at.Of("execution_interval"), "execution_interval",
                $"execution_interval ({interval} s) is not a multiple of 60: {reason}; expected a multiple of 60, e.g. {real}");
        }
        foreach (var suite in rules.Suites.Where(s => s.ExecutionInterval is { } i && i % 60 != 0))
        {
            var interval = suite.ExecutionInterval!.Value;
            var reason = rules.RunsOnItsOwn(suite) ? "cron and systemd timers start the suite on whole minutes" : WholeMinutesReason;
            problems.Error(suite.At("execution_interval"), SuiteKey(suite, "execution_interval"),
                $"execution_interval ({interval} s) is not a multiple of 60: {reason}; expected a multiple of 60, e.g. {(interval / 60 + 1) * 60}");
        }
    }

    private const string WholeMinutesReason =
        "the runner's tick, the greatest common divisor of the suites' intervals, must be whole minutes on Linux " +
        "(the agent starts async plugins only while it runs, once a minute; cron and systemd timers start on whole minutes)";

    /// <summary>The Windows agent raises any cache_age below its minimum, so the runner's tick must reach it.</summary>
    private static void CheckRunnerInterval(RuleSet rules, RulePositions at, Targets targets, ProblemList problems)
    {
        var tick = rules.Tick;
        if (!targets.Windows || rules.ExecutionMode != ExecutionMode.AgentSerial || tick >= RuleDefaults.WindowsMinimumCacheAge)
            return;
        const int min = RuleDefaults.WindowsMinimumCacheAge;
        if (TickName(rules) == "execution_interval")
        {
            problems.Error(at.Of("execution_interval"), "execution_interval",
                $"execution_interval ({tick} s) is the Windows agent's cache_age, and the Windows agent raises any cache_age below " +
                $"{min} s to {min} s, so the runner would not run every {tick} s; expected at least {min} s (or bake with --os linux)");
            return;
        }
        var suites = rules.TickSuites;
        var culprit = suites[RunnerTick.FirstBelow([.. suites.Select(rules.IntervalOf)], min) ?? 0];
        var (culpritAt, culpritKey) = IntervalSource(culprit, at);
        var intervals = string.Join(", ", suites.Select(s => $"{rules.IntervalOf(s)} s ({s.Id})"));
        problems.Error(culpritAt, culpritKey,
            $"with this interval ({rules.IntervalOf(culprit)} s) the runner's tick, the greatest common divisor of the agent's suites' intervals " +
            $"({intervals}), is {tick} s; the tick is the Windows agent's cache_age, and the Windows agent raises any cache_age below {min} s to {min} s, " +
            $"so the suites would not run at their intervals; expected intervals whose greatest common divisor is at least {min} s " +
            $"(e.g. all multiples of {min} s or of 300 s), or bake with --os linux");
    }

    /// <summary>A scheduler entry: its start offset, and an interval cron, systemd and Task Scheduler can repeat.</summary>
    private static void CheckScheduledRun(ScheduledRun run, SourcePosition intervalAt, string intervalKey, RuleSet rules, RulePositions at,
        Targets targets, ProblemList problems)
    {
        var schedule = run.Schedule;
        if ((run.Offset % 60 != 0 || !schedule.HasValidOffset) && !problems.HasErrorAt("start_offset"))
            problems.Error(at.Of("start_offset"), "start_offset",
                $"start_offset ({run.Offset} s) must be a multiple of 60 below {IntervalName(run, intervalKey, rules)} ({run.Interval} s): " +
                "the schedulers start on whole minutes, and the offset shifts the start within one interval");

        if (targets.Linux && run.Interval % 60 == 0 && !FixedRateSchedule.CronIntervals.Contains(run.Interval))
        {
            var valid = string.Join(", ", FixedRateSchedule.CronIntervals.Select(s => s < 3600 ? $"{s}" : $"{s} ({s / 3600} h)"));
            problems.Error(intervalAt, intervalKey,
                $"in external mode, {IntervalName(run, intervalKey, rules)} ({run.Interval} s) must divide an hour or a day evenly, " +
                $"because cron and systemd timers restart their pattern every hour or day; expected one of {valid}");
        }

        if (targets.Windows && !targets.Linux && run.Interval % 60 != 0)
            problems.Error(intervalAt, intervalKey,
                $"in external mode, {IntervalName(run, intervalKey, rules)} ({run.Interval} s) must be a multiple of 60: Task Scheduler repeats tasks in whole minutes");
    }

    private static string IntervalName(ScheduledRun run, string intervalKey, RuleSet rules) =>
        run.SuiteId is null ? TickName(rules) : intervalKey == "execution_interval" ? "execution_interval" : $"the interval of suite '{run.SuiteId}'";

    /// <summary>A suite can only leave the agent's runner; in external mode every suite runs by the scheduler already.</summary>
    private static void CheckSuiteModes(RuleSet rules, RulePositions at, ProblemList problems)
    {
        if (rules.ExecutionMode != ExecutionMode.External)
            return;
        foreach (var suite in rules.Suites)
        {
            if (suite.ExecutionMode == ExecutionMode.AgentSerial)
                problems.Error(suite.At("execution_mode"), SuiteKey(suite, "execution_mode"),
                    "agent_serial is not possible when the top-level execution_mode is external: the agent then starts no runner; " +
                    "set the top-level execution_mode to agent_serial and execution_mode: external on the suites a scheduler runs on their own");
            else if (suite.ExecutionMode == ExecutionMode.External)
                problems.Warning(suite.At("execution_mode"), SuiteKey(suite, "execution_mode"),
                    "ignored: with the top-level execution_mode external, the scheduled runner runs every suite already; a suite runs on its own " +
                    "(its own task or timer, interval and account) beside the agent's runner, with the top-level execution_mode agent_serial");
        }
    }

    /// <summary>Groups order the runner's suites when it runs several at once.</summary>
    private static void CheckGroups(RuleSet rules, ProblemList problems)
    {
        foreach (var suite in rules.Suites.Where(s => s.Group is not null && rules.RunsOnItsOwn(s)))
            problems.Warning(suite.At("group"), SuiteKey(suite, "group"),
                "ignored: groups order the suites of the agent's runner, and this suite runs on its own (execution_mode: external)");
        if (rules.MaxParallel == 1 && rules.RunnerSuites.FirstOrDefault(s => s.Group is not null) is { } grouped)
            problems.Warning(grouped.At("group"), SuiteKey(grouped, "group"),
                "has no effect while max_parallel is 1 (the default): the runner runs its suites one after another anyway; " +
                "set max_parallel to run groups side by side");
    }

    /// <summary>A suite's own account is only used by its own scheduler entry.</summary>
    private static void CheckSuiteAccounts(RuleSet rules, RulePositions at, ProblemList problems)
    {
        foreach (var suite in rules.Suites)
        {
            string[] keys = ["linux.user", "windows.user", "windows.logon_type"];
            var set = keys.Select(k => SuiteKey(suite, k)).Where(at.IsSet).ToList();
            if (!rules.RunsOnItsOwn(suite))
            {
                foreach (var key in set)
                    problems.Warning(at.Of(key), key,
                        "only used for a suite that runs on its own (execution_mode: external, beside the agent's runner); ignored");
                continue;
            }
            if (suite.LinuxUser is { } linuxUser)
                CheckLinuxUser(linuxUser, at.Of(SuiteKey(suite, "linux.user")), SuiteKey(suite, "linux.user"), problems);
            if (suite.WindowsUser is { } windowsUser)
                CheckWindowsUser(windowsUser, at.Of(SuiteKey(suite, "windows.user")), SuiteKey(suite, "windows.user"), problems);
            if (suite.WindowsLogonType is not null && rules.OwnRun(suite).Windows.RunsAsSystem)
                problems.Warning(at.Of(SuiteKey(suite, "windows.logon_type")), SuiteKey(suite, "windows.logon_type"),
                    "ignored: the SYSTEM account needs no logon type (it needs no password and runs without a desktop session)");
        }
    }
}
