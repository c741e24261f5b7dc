using Newtonsoft.Json;

namespace Robotmk.State;

/// <summary>
/// One entry of the section's <c>suites</c> list (SPEC §1), exactly as the runner computed it.
/// The controller copies it to the agent output; null-valued optional keys are omitted where the server
/// check would crash on null (see <see cref="EndTime"/>).
/// </summary>
public sealed record SuiteResult
{
    public const string NonFatal = "nonfatal";
    public const string Fatal = "fatal";

    [JsonProperty("id", Order = 1)] public required string Id { get; init; }
    [JsonProperty("status", Order = 2)] public required string Status { get; init; }
    [JsonProperty("error", Order = 3)] public string? Error { get; init; }
    [JsonProperty("cache_time", Order = 4)] public int CacheTime { get; init; }
    [JsonProperty("execution_interval", Order = 5)] public int ExecutionInterval { get; init; }
    [JsonProperty("start_time", Order = 6)] public required string StartTime { get; init; }
    /// <summary>Omitted (not null) while the suite never finished.</summary>
    [JsonProperty("end_time", Order = 7, NullValueHandling = NullValueHandling.Ignore)] public string? EndTime { get; init; }
    [JsonProperty("path", Order = 8)] public required string Path { get; init; }
    [JsonProperty("tag", Order = 9)] public string? Tag { get; init; }
    /// <summary>Encoded RF output.xml; null (never "") when there is none.</summary>
    [JsonProperty("xml", Order = 10)] public string? Xml { get; init; }
    [JsonProperty("htmllog", Order = 11)] public string? HtmlLog { get; init; }
    [JsonProperty("rc", Order = 12)] public int Rc { get; init; }
    [JsonProperty("attempts", Order = 13)] public int Attempts { get; init; }
    [JsonProperty("max_executions", Order = 14)] public int MaxExecutions { get; init; }
    [JsonProperty("piggybackhost", Order = 15)] public string? PiggybackHost { get; init; }

    // Extensions; the 1.6.0 check ignores unknown keys in suite entries.
    [JsonProperty("run_id", Order = 20, NullValueHandling = NullValueHandling.Ignore)] public string? RunId { get; init; }
    [JsonProperty("timed_out", Order = 21)] public bool TimedOut { get; init; }
    /// <summary>Our finer-grained outcome: passed | failed | error | timeout (seed 004).</summary>
    [JsonProperty("outcome", Order = 22, NullValueHandling = NullValueHandling.Ignore)] public string? Outcome { get; init; }
    /// <summary>
    /// Seconds the suite really took (attempts and merge), measured with a monotonic clock: unlike end_time −
    /// start_time it is not falsified by a change of the wall clock during the run.
    /// </summary>
    [JsonProperty("duration", Order = 23, NullValueHandling = NullValueHandling.Ignore)] public double? Duration { get; init; }
}
