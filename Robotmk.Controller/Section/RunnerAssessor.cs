using System.Globalization;
using Robotmk.Config;
using Robotmk.Controller.State;
using Robotmk.Sections;
using Robotmk.State;
using Robotmk.Time;

namespace Robotmk.Controller.Section;

/// <summary>
/// Pure: turns what was read from <c>robotmk_runner.json</c> into the section's runner object and the rules every suite
/// is judged by — including the dead-man switch (SPEC §5): a runner whose heartbeat (while running) or last end
/// (while idle) is older than its schedule allows is overdue.
/// </summary>
public static class RunnerAssessor
{
    /// <summary>The runner refreshes its heartbeat this often while running.</summary>
    public static readonly TimeSpan HeartbeatInterval = TimeSpan.FromSeconds(15);
    /// <summary>Heartbeats that may be missed before a running runner counts as dead.</summary>
    public const int MissedHeartbeats = 3;
    /// <summary>Added to interval + run timeout for an idle runner: agent poll jitter (≤ 60 s) and start-up.</summary>
    public static readonly TimeSpan IdleTolerance = TimeSpan.FromSeconds(120);
    /// <summary>A time this far ahead of the clock cannot be explained by anything but a clock that went backwards.</summary>
    public static readonly TimeSpan FutureTolerance = TimeSpan.FromMinutes(5);

    /// <summary>v1 defaults, used only while there is no configuration snapshot (the server reads them then not at all).</summary>
    public const int DefaultExecutionInterval = 900;
    public const int DefaultCacheTime = 960;
    public const string DefaultEncoding = "zlib_codec";
    public const string DefaultExecutionMode = "agent_serial";

    /// <param name="suiteFiles">Suite ids with a state file; only used when the runner state cannot say which suites exist.</param>
    public static RunnerView Assess(RunnerStateRead read, IReadOnlyList<string> suiteFiles, DateTimeOffset now, string productVersion)
    {
        var noState = NoState(now, productVersion);

        switch (read)
        {
            case RunnerStateRead.Loaded loaded:
                return FromState(loaded.State, loaded.File, now, noState);

            case RunnerStateRead.FolderMissing missing:
                return Fallback(noState, now, suiteFiles,
                    $"state folder '{missing.Folder}' does not exist: the runner has not run yet on this host",
                    suiteError: null);

            case RunnerStateRead.Missing missing:
                return Fallback(noState, now, suiteFiles,
                    $"no runner state '{missing.File}' yet: the runner has not run yet",
                    suiteError: $"the runner state '{missing.File}' is missing, so this result cannot be judged; it is reported again after the next run");

            case RunnerStateRead.Unreadable bad:
                var why = $"runner state '{bad.File}' is unreadable: {bad.Reason}";
                return Fallback(noState, now, suiteFiles, why, suiteError: why);

            default:
                throw new ArgumentOutOfRangeException(nameof(read), read, null);
        }
    }

    /// <summary>The runner object while there is no usable runner state: v1 defaults, start and end now, no runtimes.</summary>
    public static RunnerObject NoState(DateTimeOffset now, string productVersion)
    {
        var nowText = Iso8601.Format(now);
        return new RunnerObject
        {
            Encoding = DefaultEncoding,
            RobotmkVersion = Defaults.RobotmkVersionCompat,
            ExecutionMode = DefaultExecutionMode,
            StartTime = nowText,
            EndTime = nowText,
            CacheTime = DefaultCacheTime,
            ExecutionInterval = DefaultExecutionInterval,
            ProductVersion = productVersion,
            RunnerStatus = "unknown",
        };
    }

    private static RunnerView Fallback(RunnerObject runner, DateTimeOffset now, IReadOnlyList<string> suiteFiles, string note, string? suiteError) =>
        new()
        {
            Runner = runner with { Errors = [SectionText.OneLine(note)] },
            Suites = suiteError is null ? [] : [.. suiteFiles.Select(id => new SuiteSnapshot { Id = id, Path = id })],
            SuiteWideError = suiteError is null ? null : SectionText.OneLine(suiteError),
            Now = now,
            DefaultStartTime = runner.StartTime,
        };

    private static RunnerView FromState(RunnerState state, string file, DateTimeOffset now, RunnerObject defaults)
    {
        var errors = new List<string>();
        var config = state.Config;
        var last = state.LastRun;
        string? suiteError = null;

        if (state.ConfigError is { } configError)
        {
            var text = "robotmk.yml is unusable, no suite runs until it is fixed: " + configError;
            errors.Add(text);
            suiteError = text;
        }
        else if (config is null)
        {
            errors.Add($"runner state '{file}' has no configuration snapshot");
        }

        var interval = config?.ExecutionInterval > 0 ? config.ExecutionInterval : DefaultExecutionInterval;
        var overdue = Liveness(state, config, interval, now, errors);

        var runner = defaults with
        {
            Encoding = config?.Encoding ?? DefaultEncoding,
            RobotmkVersion = config?.RobotmkVersion ?? Defaults.RobotmkVersionCompat,
            ExecutionMode = config?.ExecutionMode ?? DefaultExecutionMode,
            StartTime = last?.StartTime ?? state.StartTime,
            EndTime = last?.EndTime ?? state.EndTime ?? state.StartTime,
            Runtimes = last is null ? null : new RunRuntimes(last.RuntimeTotal, last.RuntimeSuites, last.RuntimeRobotmk),
            CacheTime = config?.CacheTime > 0 ? config.CacheTime : DefaultCacheTime,
            ExecutionInterval = interval,
            RunnerStatus = state.Status,
            RunId = string.IsNullOrEmpty(state.RunId) ? null : state.RunId,
            Heartbeat = state.Heartbeat,
        };
        var suites = Distinct(config?.Suites ?? [], errors);
        return new RunnerView
        {
            Runner = runner with { Errors = [.. errors.Select(SectionText.OneLine)] },
            Suites = suites,
            SuiteWideError = suiteError is null ? null : SectionText.OneLine(suiteError),
            Overdue = overdue,
            RunningSince = state.Status == RunnerState.StatusRunning ? state.StartTime : null,
            Now = now,
            DefaultStartTime = state.StartTime,
            TransmitHtml = config?.TransmitHtml ?? false,
        };
    }

    /// <summary>Two entries with one id would confuse the server; the first one is reported.</summary>
    private static IReadOnlyList<SuiteSnapshot> Distinct(IReadOnlyList<SuiteSnapshot> suites, List<string> errors)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<SuiteSnapshot>(suites.Count);
        foreach (var s in suites)
        {
            if (seen.Add(s.Id))
                result.Add(s);
            else
                errors.Add($"suite id '{s.Id}' appears more than once in the runner's configuration snapshot; only the first is reported");
        }
        return result;
    }

    /// <summary>The dead-man switch. Adds a runner-level error when the runner is overdue or its times cannot be trusted.</summary>
    private static RunnerOverdue? Liveness(RunnerState state, ConfigSnapshot? config, int interval, DateTimeOffset now, List<string> errors)
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
            var allowed = HeartbeatInterval * MissedHeartbeats;
            if (age <= allowed)
                return null;
            overdue = new RunnerOverdue(signText!,
                $"the running runner (pid {state.Pid}, run {state.RunId}) stopped its heartbeat {Seconds(age)} s ago, expected every {Seconds(HeartbeatInterval)} s");
        }
        else
        {
            var runTimeout = config?.RunTimeout > 0 ? config.RunTimeout : 0;
            var allowed = TimeSpan.FromSeconds(interval + runTimeout) + IdleTolerance;
            if (age <= allowed)
                return null;
            var starter = config?.ExecutionMode == "external" ? "the scheduler (external mode)" : "the agent";
            overdue = new RunnerOverdue(signText!,
                $"its last run ended {Seconds(age)} s ago, but {starter} should start it every {interval} s; check that {starter} runs robotmk-runner");
        }
        errors.Add($"runner has not delivered since {overdue.Since}: {overdue.Detail}");
        return overdue;
    }

    internal static string Seconds(TimeSpan t) => Math.Round(t.TotalSeconds).ToString(CultureInfo.InvariantCulture);
}
