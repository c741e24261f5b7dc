using System.Text.Json;
using Robotmk.Text;

namespace Robotmk.State;

/// <summary>
/// The last complete result of one suite, as the runner computed it: the fields of the section's suite entry (SPEC §1)
/// that belong to a run. The controller takes status, error, times, payloads and rc from it and the suite's identity
/// (path, tag, piggybackhost, max_executions) from the current configuration snapshot. Fields a reader must do without
/// in files of older runners are nullable.
/// </summary>
public sealed record SuiteResult
{
    public const ResultStatus NonFatal = ResultStatus.NonFatal;
    public const ResultStatus Fatal = ResultStatus.Fatal;

    public string Id { get; init; } = "";
    public required ResultStatus Status { get; init; }
    public string? Error { get; init; }
    public int? CacheTime { get; init; }
    public int? ExecutionInterval { get; init; }
    public string? StartTime { get; init; }
    /// <summary>Omitted (not null) while the suite never finished.</summary>
    public string? EndTime { get; init; }
    public string Path { get; init; } = "";
    public string? Tag { get; init; }
    /// <summary>Encoded RF output.xml as its JSON string token; null (never "") when there is none.</summary>
    public RawJsonString? Xml { get; init; }
    public RawJsonString? HtmlLog { get; init; }
    /// <summary>RF's exit code; -1 when RF gave none (not started, killed).</summary>
    public int? Rc { get; init; }
    public int? Attempts { get; init; }
    public int MaxExecutions { get; init; }
    public string? PiggybackHost { get; init; }

    // Extensions of the section's suite entry.
    public string? RunId { get; init; }
    public bool TimedOut { get; init; }
    /// <summary>Our finer-grained outcome: one of <see cref="ResultOutcome"/> (seed 004).</summary>
    public string? Outcome { get; init; }
    /// <summary>
    /// Seconds the suite really took (attempts and merge), measured with a monotonic clock: unlike end_time −
    /// start_time it is not falsified by a change of the wall clock during the run.
    /// </summary>
    public double? Duration { get; init; }

    internal static SuiteResult? Read(ref StateReader r, string path)
    {
        if (!r.IsObject(path))
            return null;
        string? id = null, error = null, startTime = null, endTime = null, suitePath = null, tag = null, piggybackHost = null,
            runId = null, outcome = null;
        ResultStatus? status = null;
        int? cacheTime = null, interval = null, rc = null, attempts = null, maxExecutions = null;
        RawJsonString? xml = null, htmlLog = null;
        bool? timedOut = null;
        double? duration = null;
        while (r.NextProperty() is { } name)
        {
            var key = StateReader.At(path, name);
            switch (name)
            {
                case Key.Id: id = r.String(key); break;
                case Key.Status: status = r.Enum(key, StateNames.ResultStatuses); break;
                case Key.Error: error = r.String(key); break;
                case Key.CacheTime: cacheTime = r.Int(key); break;
                case Key.ExecutionInterval: interval = r.Int(key); break;
                case Key.StartTime: startTime = r.String(key); break;
                case Key.EndTime: endTime = r.String(key); break;
                case Key.Path: suitePath = r.String(key); break;
                case Key.Tag: tag = r.String(key); break;
                case Key.Xml: xml = r.Raw(key); break;
                case Key.Htmllog: htmlLog = r.Raw(key); break;
                case Key.Rc: rc = r.Int(key); break;
                case Key.Attempts: attempts = r.Int(key); break;
                case Key.MaxExecutions: maxExecutions = r.Int(key); break;
                case Key.Piggybackhost: piggybackHost = r.String(key); break;
                case Key.RunId: runId = r.String(key); break;
                case Key.TimedOut: timedOut = r.Bool(key); break;
                case Key.Outcome: outcome = r.String(key); break;
                case Key.Duration: duration = r.Double(key); break;
                default: r.Skip(); break;
            }
        }
        return new SuiteResult
        {
            Id = id ?? "",
            Status = StateReader.Required(status, StateReader.At(path, Key.Status)),
            Error = error,
            CacheTime = cacheTime,
            ExecutionInterval = interval,
            StartTime = startTime,
            EndTime = endTime,
            Path = suitePath ?? "",
            Tag = tag,
            Xml = xml,
            HtmlLog = htmlLog,
            Rc = rc,
            Attempts = attempts,
            MaxExecutions = maxExecutions ?? 0,
            PiggybackHost = piggybackHost,
            RunId = runId,
            TimedOut = timedOut ?? false,
            Outcome = outcome,
            Duration = duration,
        };
    }

    internal void Write(Utf8JsonWriter w)
    {
        w.WriteStartObject();
        w.WriteString(Key.Id, Id);
        w.WriteString(Key.Status, StateNames.Of(Status));
        w.WriteString(Key.Error, Error);
        w.WriteNumberOrNull(Key.CacheTime, CacheTime);
        w.WriteNumberOrNull(Key.ExecutionInterval, ExecutionInterval);
        w.WriteString(Key.StartTime, StartTime);
        if (EndTime is not null)
            w.WriteString(Key.EndTime, EndTime);
        w.WriteString(Key.Path, Path);
        w.WriteString(Key.Tag, Tag);
        WriteRaw(w, Key.Xml, Xml);
        WriteRaw(w, Key.Htmllog, HtmlLog);
        w.WriteNumberOrNull(Key.Rc, Rc);
        w.WriteNumberOrNull(Key.Attempts, Attempts);
        w.WriteNumber(Key.MaxExecutions, MaxExecutions);
        w.WriteString(Key.Piggybackhost, PiggybackHost);
        if (RunId is not null)
            w.WriteString(Key.RunId, RunId);
        w.WriteBoolean(Key.TimedOut, TimedOut);
        if (Outcome is not null)
            w.WriteString(Key.Outcome, Outcome);
        if (Duration is { } d)
            w.WriteNumber(Key.Duration, d);
        w.WriteEndObject();
    }

    private static void WriteRaw(Utf8JsonWriter w, string name, RawJsonString? value)
    {
        w.WritePropertyName(name);
        if (value is { } token)
            w.WriteRawValue(token.Token.Span, skipInputValidation: true);
        else
            w.WriteNullValue();
    }

    /// <summary>The keys of this record in the file: one spelling for reading and writing.</summary>
    private static class Key
    {
        public const string Id = "id";
        public const string Status = "status";
        public const string Error = "error";
        public const string CacheTime = "cache_time";
        public const string ExecutionInterval = "execution_interval";
        public const string StartTime = "start_time";
        public const string EndTime = "end_time";
        public const string Path = "path";
        public const string Tag = "tag";
        public const string Xml = "xml";
        public const string Htmllog = "htmllog";
        public const string Rc = "rc";
        public const string Attempts = "attempts";
        public const string MaxExecutions = "max_executions";
        public const string Piggybackhost = "piggybackhost";
        public const string RunId = "run_id";
        public const string TimedOut = "timed_out";
        public const string Outcome = "outcome";
        public const string Duration = "duration";
    }
}

public enum ResultStatus
{
    /// <summary>RF ran and left a usable output.xml; its tests may have failed.</summary>
    NonFatal,
    /// <summary>No usable result; <see cref="SuiteResult.Error"/> says why.</summary>
    Fatal,
}

/// <summary>The values of <see cref="SuiteResult.Outcome"/> the runner writes.</summary>
public static class ResultOutcome
{
    public const string Passed = "passed";
    public const string Failed = "failed";
    public const string Error = "error";
    public const string Timeout = "timeout";
}
