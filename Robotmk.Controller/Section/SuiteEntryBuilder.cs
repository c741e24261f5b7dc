using Robotmk.Controller.State;
using Robotmk.Sections;
using Robotmk.State;
using Robotmk.Time;

namespace Robotmk.Controller.Section;

/// <summary>
/// Pure: decides the section entry of one suite from its configuration snapshot, what its state file gave and the
/// runner view (SPEC §1, §5). Every problem becomes a <c>fatal</c> entry with a one-line error and no payload,
/// so the server shows it red instead of stale-green or not at all.
/// </summary>
public sealed class SuiteEntryBuilder(RunnerView view, long maxPayloadBytes)
{
    public SuiteEntry Build(SuiteSnapshot suite, SuiteStateRead read) => BuildEntry(suite, read) with { Schedule = ScheduleOf(suite, read) };

    private SuiteScheduleView ScheduleOf(SuiteSnapshot suite, SuiteStateRead read)
    {
        var stored = (read as SuiteStateRead.Loaded)?.Suite;
        return new SuiteScheduleView(suite.Group, suite.ExecutionMode is { } mode ? Robotmk.Config.WireNames.Of(mode) : view.Runner.ExecutionMode,
            stored?.LastStart ?? stored?.Result?.StartTime, stored?.DeferredSince, suite.Disabled);
    }

    private SuiteEntry BuildEntry(SuiteSnapshot suite, SuiteStateRead read)
    {
        var baseline = Baseline(suite, read);

        if (view.SuiteWideError is { } wide)
            return Fatal(WithResultTimes(baseline, read), wide);
        if (suite.Error is { } configError)
            return Fatal(WithResultTimes(baseline, read), "configuration error: " + configError);
        if (InvalidHostName(suite.PiggybackHost) is { } hostError)
            return Fatal(WithResultTimes(baseline, read) with { PiggybackHost = null }, hostError);

        switch (read)
        {
            case SuiteStateRead.Unreadable bad:
                return Fatal(baseline, $"state file '{bad.File}' is unreadable: {bad.Reason}");
            case SuiteStateRead.TooLarge big:
                return Fatal(baseline, $"state file '{big.File}' is {big.Bytes} bytes, more than the {big.Limit} bytes the controller reads " +
                                       "(--max-payload-bytes); reduce the logging of the suite");
            case SuiteStateRead.Missing missing:
                return NeverRan(baseline, missing.File, suite.ExternalDir);
            case SuiteStateRead.Loaded { Suite: var stored } loaded:
                if (stored.Id != suite.Id)
                    return Fatal(baseline, $"state file '{loaded.File}' belongs to suite '{stored.Id}', not to '{suite.Id}'");
                var state = StateNames.Of(stored.EffectiveState);
                // The agent runner's dead-man switch says nothing about the scheduler of an external suite's user.
                var overdue = suite.ExternalDir is null ? view.Overdue : null;
                return stored.Result is { } result
                    ? FromResult(baseline with { State = state }, result, loaded.File, overdue,
                        stored.EffectiveState == SuiteRunState.Running ? null : DeadManSwitch.CheckSuite(suite, stored.LastStart ?? result.StartTime, view))
                    : stored.EffectiveState == SuiteRunState.Running && stored.RunningSince is { } since
                        ? FirstRunInProgress(baseline with { State = state }, since, loaded.File, overdue)
                        : NeverRan(baseline with { State = state }, loaded.File, suite.ExternalDir);
            default:
                throw new ArgumentOutOfRangeException(nameof(read), read, null);
        }
    }

    /// <summary>What is known without a result: identity from the snapshot, section-wide times.</summary>
    private SuiteEntry Baseline(SuiteSnapshot suite, SuiteStateRead read) => new()
    {
        Id = suite.Id,
        Status = SuiteEntry.Fatal,
        CacheTime = suite.CacheTime is > 0 and var cacheTime ? cacheTime : view.Runner.CacheTime,
        ExecutionInterval = suite.ExecutionInterval is > 0 and var interval ? interval : view.Runner.ExecutionInterval,
        StartTime = view.DefaultStartTime,
        Path = suite.Path,
        Tag = suite.Tag,
        MaxExecutions = suite.MaxExecutions,
        PiggybackHost = suite.PiggybackHost,
        State = read switch
        {
            SuiteStateRead.Loaded l => StateNames.Of(l.Suite.EffectiveState),
            SuiteStateRead.Missing => StateNames.Of(SuiteRunState.Pending),
            _ => SuiteEntry.UnknownState,
        },
    };

    private SuiteEntry NeverRan(SuiteEntry e, string file, string? externalDir)
    {
        var progress = externalDir is not null
            ? $"; it is run by 'robotmk-runner run --suite {e.Id}' as the owner of '{externalDir}'"
            : view.RunningSince is { } since ? $"; the run in progress since {since} has not reached it yet" : "";
        return Fatal(e, $"suite has not run yet (no result in '{file}'){progress}", outcome: "scheduled");
    }

    /// <summary>
    /// The first run of a suite is in progress: v1 reported it without end_time, and the server then judges its age
    /// by start_time. It is not fatal, unless that run is dead.
    /// </summary>
    private SuiteEntry FirstRunInProgress(SuiteEntry e, string runningSince, string file, RunnerOverdue? runnerOverdue)
    {
        if (!Iso8601.TryParse(runningSince, out var since))
            return Fatal(e, $"state file '{file}': running_since '{runningSince}' is not an ISO 8601 time");
        if (FutureProblem(since, "started") is { } future)
            return Fatal(e, future);
        var running = e with { StartTime = runningSince, Outcome = "running" };
        if (runnerOverdue is { } overdue && view.Now - since > TimeSpan.FromSeconds(e.CacheTime))
            return Fatal(running, $"runner has not delivered since {overdue.Since} ({overdue.Detail}); the first run of the suite, started {runningSince}, never finished", outcome: "stale");
        return running with { Status = SuiteEntry.NonFatal, Error = null };
    }

    /// <param name="runnerOverdue">The runner's dead-man switch, null for a suite the runner does not run (external).</param>
    /// <param name="suiteOverdue">Why the suite's own schedule is overdue (<see cref="DeadManSwitch.CheckSuite"/>), or null.</param>
    private SuiteEntry FromResult(SuiteEntry baseline, SuiteResult result, string file, RunnerOverdue? runnerOverdue, string? suiteOverdue)
    {
        var e = WithTimes(baseline, result);
        if (!Iso8601.TryParse(result.StartTime, out _))
            return Fatal(e with { StartTime = baseline.StartTime, EndTime = null }, $"state file '{file}': result.start_time '{result.StartTime}' is not an ISO 8601 time");
        if (!Iso8601.TryParse(result.EndTime, out var end))
            return Fatal(e with { EndTime = null }, $"state file '{file}': result.end_time '{result.EndTime}' is not an ISO 8601 time");

        if (FutureProblem(end, "ended") is { } future)
            return Fatal(e, future);
        if (runnerOverdue is { } overdue && view.Now - end > TimeSpan.FromSeconds(e.CacheTime))
            return Fatal(e, $"runner has not delivered since {overdue.Since} ({overdue.Detail}); this result of {result.EndTime} is older than its cache time of {e.CacheTime} s",
                outcome: "stale");
        if (suiteOverdue is not null && view.Now - end > TimeSpan.FromSeconds(e.CacheTime))
            return Fatal(e, $"{suiteOverdue}; this result of {result.EndTime} is older than its cache time of {e.CacheTime} s", outcome: "stale");

        if (result.Status == ResultStatus.Fatal)
            return Fatal(e, string.IsNullOrWhiteSpace(result.Error) ? "the runner recorded no reason" : result.Error, outcome: result.Outcome ?? "error");
        if (result.Rc is not { } rc)
            return Fatal(e, $"state file '{file}': the result has no rc");
        if (rc >= 252)
            return Fatal(e, $"Robot Framework exited with rc {rc}: a fatal error, it wrote no usable output; run the suite by hand to see why");
        if (result.Xml is not { IsEmpty: false } xml)
            return Fatal(e, "the result has no output.xml although the runner marked it usable");

        var html = view.TransmitHtml && result.HtmlLog is { IsEmpty: false } h ? h : (RawJsonString?)null;
        var size = (long)xml.ContentLength + (html?.ContentLength ?? 0);
        if (size > maxPayloadBytes)
            return Fatal(e, $"the encoded result is {size} bytes, more than the limit of {maxPayloadBytes} bytes (--max-payload-bytes); reduce the logging of the suite");
        if (PayloadInspector.Problem(xml, view.Runner.Encoding, "output.xml") is { } xmlProblem)
            return Fatal(e, xmlProblem);
        if (html is { } hv && PayloadInspector.Problem(hv, view.Runner.Encoding, "log.html") is { } htmlProblem)
            return Fatal(e, htmlProblem);

        return e with { Status = SuiteEntry.NonFatal, Error = null, Xml = xml, HtmlLog = html };
    }

    /// <summary>The run-specific fields of a stored result; payloads and status are decided separately.</summary>
    private static SuiteEntry WithTimes(SuiteEntry e, SuiteResult r) => e with
    {
        CacheTime = r.CacheTime is > 0 and var c ? c : e.CacheTime,
        ExecutionInterval = r.ExecutionInterval is > 0 and var i ? i : e.ExecutionInterval,
        StartTime = r.StartTime ?? e.StartTime,
        EndTime = r.EndTime,
        Rc = r.Rc ?? -1,
        Attempts = r.Attempts ?? 0,
        RunId = r.RunId,
        TimedOut = r.TimedOut,
        Outcome = r.Outcome ?? e.Outcome,
    };

    /// <summary>For entries made fatal before the result is judged: keep its times when they are valid.</summary>
    private static SuiteEntry WithResultTimes(SuiteEntry e, SuiteStateRead read)
    {
        if (read is not SuiteStateRead.Loaded { Suite.Result: { } r } || !Iso8601.TryParse(r.StartTime, out _) || !Iso8601.TryParse(r.EndTime, out _))
            return e;
        return WithTimes(e, r);
    }

    private string? FutureProblem(DateTimeOffset t, string verb)
    {
        var ahead = t - view.Now;
        return ahead > DeadManSwitch.FutureTolerance
            ? $"the result {verb} at {Iso8601.Format(t)}, {DeadManSwitch.Seconds(ahead)} s after the host's current time {Iso8601.Format(view.Now)}: " +
              "the system clock went backwards; the result is not trusted until the suite runs again"
            : null;
    }

    /// <summary>A piggyback host name ends up in a <c>&lt;&lt;&lt;&lt;host&gt;&gt;&gt;&gt;</c> line; anything that could break that line is refused.</summary>
    private static string? InvalidHostName(string? host) =>
        host is null || (host.Length > 0 && !host.Any(c => c is '<' or '>' || char.IsWhiteSpace(c) || char.IsControl(c)))
            ? null
            : $"piggybackhost '{SectionText.OneLine(host)}' is not a valid host name";

    private static SuiteEntry Fatal(SuiteEntry e, string error, string outcome = "error") =>
        e with { Status = SuiteEntry.Fatal, Error = SectionText.OneLine(error), Xml = null, HtmlLog = null, Outcome = outcome };
}
