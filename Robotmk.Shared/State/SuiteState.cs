using Robotmk.Config;
using System.Text.Json.Serialization;

namespace Robotmk.State;

/// <summary>
/// <c>robotmk_&lt;id&gt;.json</c>: the last complete result of one suite plus whether a run of it is in progress.
/// Marking a suite running rewrites the file with the previous result kept, so a crash never loses it.
/// </summary>
public sealed record SuiteState : IVersionedState
{
    public const SuiteRunState Running = SuiteRunState.Running;
    public const SuiteRunState Done = SuiteRunState.Done;
    public const SuiteRunState Pending = SuiteRunState.Pending;

    [JsonPropertyName("schema"), JsonPropertyOrder(1)] public int Schema { get; set; } = StateFiles.SchemaVersion;
    [JsonPropertyName("id"), JsonPropertyOrder(2)] public required string Id { get; init; }
    /// <summary>
    /// As written; the runner always writes it. Read <see cref="EffectiveState"/>, which also covers files without it.
    /// </summary>
    [JsonPropertyName("state"), JsonPropertyOrder(3)] public SuiteRunState? State { get; init; }
    /// <summary>Run id of the runner run currently executing this suite (state = running).</summary>
    [JsonPropertyName("running_run_id"), JsonPropertyOrder(4)] public string? RunningRunId { get; init; }
    [JsonPropertyName("running_since"), JsonPropertyOrder(5)] public string? RunningSince { get; init; }
    /// <summary>Last complete result; null while the suite never finished.</summary>
    [JsonPropertyName("result"), JsonPropertyOrder(10)] public SuiteResult? Result { get; init; }

    /// <summary><see cref="State"/>, or for a file without it: done when it has a result, else pending.</summary>
    [JsonIgnore]
    public SuiteRunState EffectiveState => State ?? (Result is null ? SuiteRunState.Pending : SuiteRunState.Done);
}

[JsonConverter(typeof(WireEnumConverter<SuiteRunState>))]
public enum SuiteRunState
{
    /// <summary>Configured, never ran.</summary>
    [JsonStringEnumMemberName("pending")] Pending,
    /// <summary>A run executes it now.</summary>
    [JsonStringEnumMemberName("running")] Running,
    /// <summary>Not running; the result is the last complete one.</summary>
    [JsonStringEnumMemberName("done")] Done,
}
