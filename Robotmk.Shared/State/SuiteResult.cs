using Robotmk.Config;
using System.Text.Json.Serialization;

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

    [JsonPropertyName("id"), JsonPropertyOrder(1)] public string Id { get; set; } = "";
    [JsonPropertyName("status"), JsonPropertyOrder(2)] public required ResultStatus Status { get; init; }
    [JsonPropertyName("error"), JsonPropertyOrder(3)] public string? Error { get; init; }
    [JsonPropertyName("cache_time"), JsonPropertyOrder(4)] public int? CacheTime { get; init; }
    [JsonPropertyName("execution_interval"), JsonPropertyOrder(5)] public int? ExecutionInterval { get; init; }
    [JsonPropertyName("start_time"), JsonPropertyOrder(6)] public string? StartTime { get; init; }
    /// <summary>Omitted (not null) while the suite never finished.</summary>
    [JsonPropertyName("end_time"), JsonPropertyOrder(7), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? EndTime { get; init; }
    [JsonPropertyName("path"), JsonPropertyOrder(8)] public string Path { get; set; } = "";
    [JsonPropertyName("tag"), JsonPropertyOrder(9)] public string? Tag { get; init; }
    /// <summary>Encoded RF output.xml as its JSON string token; null (never "") when there is none.</summary>
    [JsonPropertyName("xml"), JsonPropertyOrder(10)] public RawJsonString? Xml { get; init; }
    [JsonPropertyName("htmllog"), JsonPropertyOrder(11)] public RawJsonString? HtmlLog { get; init; }
    /// <summary>RF's exit code; -1 when RF gave none (not started, killed).</summary>
    [JsonPropertyName("rc"), JsonPropertyOrder(12)] public int? Rc { get; init; }
    [JsonPropertyName("attempts"), JsonPropertyOrder(13)] public int? Attempts { get; init; }
    [JsonPropertyName("max_executions"), JsonPropertyOrder(14)] public int MaxExecutions { get; init; }
    [JsonPropertyName("piggybackhost"), JsonPropertyOrder(15)] public string? PiggybackHost { get; init; }

    // Extensions of the section's suite entry.
    [JsonPropertyName("run_id"), JsonPropertyOrder(20), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? RunId { get; init; }
    [JsonPropertyName("timed_out"), JsonPropertyOrder(21)] public bool TimedOut { get; init; }
    /// <summary>Our finer-grained outcome: one of <see cref="ResultOutcome"/> (seed 004).</summary>
    [JsonPropertyName("outcome"), JsonPropertyOrder(22), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Outcome { get; init; }
    /// <summary>
    /// Seconds the suite really took (attempts and merge), measured with a monotonic clock: unlike end_time −
    /// start_time it is not falsified by a change of the wall clock during the run.
    /// </summary>
    [JsonPropertyName("duration"), JsonPropertyOrder(23), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public double? Duration { get; init; }
}

[JsonConverter(typeof(WireEnumConverter<ResultStatus>))]
public enum ResultStatus
{
    /// <summary>RF ran and left a usable output.xml; its tests may have failed.</summary>
    [JsonStringEnumMemberName("nonfatal")] NonFatal,
    /// <summary>No usable result; <see cref="SuiteResult.Error"/> says why.</summary>
    [JsonStringEnumMemberName("fatal")] Fatal,
}

/// <summary>The values of <see cref="SuiteResult.Outcome"/> the runner writes.</summary>
public static class ResultOutcome
{
    public const string Passed = "passed";
    public const string Failed = "failed";
    public const string Error = "error";
    public const string Timeout = "timeout";
}
