using System.Globalization;
using Robotmk.Config;
using Robotmk.State;
using Robotmk.Time;

namespace Robotmk.Controller.Section;

/// <summary>
/// Pure: the dead-man switch (SPEC §5). A runner whose heartbeat (while running) or last end (while idle) is older than
/// its schedule allows is overdue, and so are the results it left.
/// </summary>
public static class DeadManSwitch
{
    /// <summary>Heartbeats that may be missed before a running runner counts as dead.</summary>
    public const int MissedHeartbeats = 3;
    /// <summary>Added to interval + run timeout for an idle runner: agent poll jitter (≤ 60 s) and start-up.</summary>
    public static readonly TimeSpan IdleTolerance = TimeSpan.FromSeconds(120);
    /// <summary>A time this far ahead of the clock cannot be explained by anything but a clock that went backwards.</summary>
    public static readonly TimeSpan FutureTolerance = TimeSpan.FromMinutes(5);

    /// <summary>Adds a runner-level error when the runner is overdue or its times cannot be trusted.</summary>
    public static RunnerOverdue? Check(RunnerState state, ConfigSnapshot? config, int interval, DateTimeOffset now, List<string> errors)
    {
        var running = state.Status == RunnerState.StatusRunning;
        var signText = running ? state.Heartbeat : state.EndTime ?? state.LastRun?.EndTime ?? state.Heartbeat;
        if (!Iso8601.TryParse(signText, out var sign))
        {
            errors.Add($"runner state has an unreadable time '{signText}'; whether the runner is alive cannot be told");
            return null;
        }

        var age = now - sign;
        if (-age > FutureTolerance)
        {
            errors.Add($"the runner's last {(running ? "heartbeat" : "end")} {signText} lies {Seconds(-age)} s in the future: the system clock went backwards");
            return null;
        }

        RunnerOverdue overdue;
        if (running)
        {
            var allowed = RunnerState.HeartbeatInterval * MissedHeartbeats;
            if (age <= allowed)
                return null;
            overdue = new RunnerOverdue(signText!,
                $"the running runner (pid {state.Pid}, run {state.RunId}) stopped its heartbeat {Seconds(age)} s ago, expected every {Seconds(RunnerState.HeartbeatInterval)} s");
        }
        else
        {
            var runTimeout = config?.RunTimeout > 0 ? config.RunTimeout : 0;
            var allowed = TimeSpan.FromSeconds(interval + runTimeout) + IdleTolerance;
            if (age <= allowed)
                return null;
            var starter = config?.ExecutionMode == ExecutionMode.External ? "the scheduler (external mode)" : "the agent";
            overdue = new RunnerOverdue(signText!,
                $"its last run ended {Seconds(age)} s ago, but {starter} should start it every {interval} s; check that {starter} runs robotmk-runner");
        }
        errors.Add($"runner has not delivered since {overdue.Since}: {overdue.Detail}");
        return overdue;
    }

    /// <summary>
    /// The switch for one suite with an interval of its own: a suite the runner keeps leaving out (deferred at every
    /// run, or its own scheduler in external mode stopped) is overdue although the runner itself is alive. It may
    /// start up to one tick after its interval, one more tick when the budget defers it, and take the run budget. A
    /// disabled suite is not watched: it is left out on purpose, and its last result ages out on the server (v1).
    /// </summary>
    /// <param name="lastStart">Its last start, else the start of its last result.</param>
    /// <returns>Why the suite is overdue, or null.</returns>
    public static string? CheckSuite(SuiteSnapshot suite, string? lastStart, RunnerView view)
    {
        var tick = view.Runner.ExecutionInterval;
        if (suite.Disabled || suite.ExecutionInterval is not { } interval || interval <= tick || !Iso8601.TryParse(lastStart, out var since))
            return null;
        var age = view.Now - since;
        var allowed = TimeSpan.FromSeconds(interval + 2L * tick + view.RunTimeout) + IdleTolerance;
        if (age <= allowed)
            return null;
        var starter = suite.ExecutionMode == ExecutionMode.External
            ? $"its scheduler (external mode: robotmk-runner run --suite {suite.Id})"
            : "the runner";
        return $"suite has not started since {lastStart}, {Seconds(age)} s ago, but {starter} should start it every {interval} s";
    }

    internal static string Seconds(TimeSpan t) => Math.Round(t.TotalSeconds).ToString(CultureInfo.InvariantCulture);
}
