using Robotmk.Controller.State;
using Robotmk.Config;
using Robotmk.Sections;
using Robotmk.State;
using Robotmk.Time;

namespace Robotmk.Controller.Section;

/// <summary>
/// Pure: turns what was read from <c>robotmk_runner.json</c> into the section's runner object and the rules every suite
/// is judged by, the verdict of the <see cref="DeadManSwitch"/> among them.
/// </summary>
public static class RunnerViewBuilder
{
    /// <param name="suiteFiles">Suite ids with a state file; only used when the runner state cannot say which suites exist.</param>
    public static RunnerView Build(RunnerStateRead read, IReadOnlyList<string> suiteFiles, DateTimeOffset now, string productVersion)
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

    /// <summary>The runner object while there is no usable runner state: v1 defaults (the server reads them then not at all), start and end now, no runtimes.</summary>
    public static RunnerObject NoState(DateTimeOffset now, string productVersion)
    {
        var nowText = Iso8601.Format(now);
        return new RunnerObject
        {
            Encoding = WireNames.Of(Defaults.Encoding),
            RobotmkVersion = Defaults.RobotmkVersionCompat,
            ExecutionMode = WireNames.Of(Defaults.ExecutionMode),
            StartTime = nowText,
            EndTime = nowText,
            CacheTime = Defaults.CacheTime,
            ExecutionInterval = Defaults.ExecutionInterval,
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

        var interval = config?.ExecutionInterval > 0 ? config.ExecutionInterval : Defaults.ExecutionInterval;
        var overdue = DeadManSwitch.Check(state, config, interval, now, errors);

        var runner = defaults with
        {
            Encoding = WireNames.Of(config?.Encoding ?? Defaults.Encoding),
            RobotmkVersion = config?.RobotmkVersion ?? Defaults.RobotmkVersionCompat,
            ExecutionMode = WireNames.Of(config?.ExecutionMode ?? Defaults.ExecutionMode),
            StartTime = last?.StartTime ?? state.StartTime,
            EndTime = last?.EndTime ?? state.EndTime ?? state.StartTime,
            Runtimes = last is null ? null : new RunRuntimes(last.RuntimeTotal, last.RuntimeSuites, last.RuntimeRobotmk),
            CacheTime = config?.CacheTime > 0 ? config.CacheTime : Defaults.CacheTime,
            ExecutionInterval = interval,
            RunnerStatus = StateNames.Of(state.Status),
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
            RunTimeout = config?.RunTimeout > 0 ? config.RunTimeout : 0,
            RfStart = state.RfStart,
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
}
