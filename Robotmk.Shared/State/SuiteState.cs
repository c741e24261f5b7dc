using Newtonsoft.Json;

namespace Robotmk.State;

/// <summary>
/// <c>robotmk_&lt;id&gt;.json</c>: the last complete result of one suite plus whether a run of it is in progress.
/// Marking a suite running rewrites the file with the previous result kept, so a crash never loses it.
/// </summary>
public sealed record SuiteState
{
    public const string Running = "running";
    public const string Done = "done";
    public const string Pending = "pending";

    [JsonProperty("schema", Order = 1)] public int Schema { get; init; } = StateFiles.SchemaVersion;
    [JsonProperty("id", Order = 2)] public required string Id { get; init; }
    /// <summary>pending (never ran) | running | done.</summary>
    [JsonProperty("state", Order = 3)] public required string State { get; init; }
    /// <summary>Run id of the runner run currently executing this suite (state = running).</summary>
    [JsonProperty("running_run_id", Order = 4)] public string? RunningRunId { get; init; }
    [JsonProperty("running_since", Order = 5)] public string? RunningSince { get; init; }
    /// <summary>Last complete result; null while the suite never finished.</summary>
    [JsonProperty("result", Order = 10)] public SuiteResult? Result { get; init; }
}
