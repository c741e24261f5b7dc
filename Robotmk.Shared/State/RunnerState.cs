using System.Text.Json.Serialization;
using Robotmk.Config;

namespace Robotmk.State;

/// <summary>
/// <c>robotmk_runner.json</c>: everything the controller needs from robotmk.yml and from the runner's life,
/// so that the controller reads JSON only. The runner writes it, the runner and the controller read it, all through
/// <see cref="StateFiles"/>; the keys, types and allowed values below are the whole schema (docs/STATE.md).
/// </summary>
public sealed record RunnerState : IVersionedState
{
    public const RunnerStatus StatusRunning = RunnerStatus.Running;
    public const RunnerStatus StatusIdle = RunnerStatus.Idle;

    /// <summary>The runner refreshes <see cref="Heartbeat"/> this often while running; the dead-man switch counts missed beats.</summary>
    public static readonly TimeSpan HeartbeatInterval = TimeSpan.FromSeconds(15);

    [JsonPropertyName("schema"), JsonPropertyOrder(1)] public int Schema { get; set; } = StateFiles.SchemaVersion;
    [JsonPropertyName("product_version"), JsonPropertyOrder(2)] public string ProductVersion { get; set; } = "";
    [JsonPropertyName("status"), JsonPropertyOrder(3)] public required RunnerStatus Status { get; init; }
    [JsonPropertyName("pid"), JsonPropertyOrder(4)] public int Pid { get; init; }
    [JsonPropertyName("run_id"), JsonPropertyOrder(5)] public string RunId { get; set; } = "";
    [JsonPropertyName("start_time"), JsonPropertyOrder(6)] public required string StartTime { get; init; }
    /// <summary>Null while the run is in progress.</summary>
    [JsonPropertyName("end_time"), JsonPropertyOrder(7)] public string? EndTime { get; init; }
    /// <summary>Refreshed every <see cref="HeartbeatInterval"/> while running: the dead-man switch reads it.</summary>
    [JsonPropertyName("heartbeat"), JsonPropertyOrder(8)] public required string Heartbeat { get; init; }
    /// <summary>Whole-config problem (YAML syntax, bad global value): the controller shows it on every suite.</summary>
    [JsonPropertyName("config_error"), JsonPropertyOrder(9)] public string? ConfigError { get; init; }
    /// <summary>The config snapshot of the last usable robotmk.yml; null if none was ever usable.</summary>
    [JsonPropertyName("config"), JsonPropertyOrder(10)] public ConfigSnapshot? Config { get; init; }
    /// <summary>Figures of the last finished run; null before the first run finished.</summary>
    [JsonPropertyName("last_run"), JsonPropertyOrder(11)] public RunSummary? LastRun { get; init; }
}

[JsonConverter(typeof(WireEnumConverter<RunnerStatus>))]
public enum RunnerStatus
{
    /// <summary>A run is in progress.</summary>
    [JsonStringEnumMemberName("running")] Running,
    /// <summary>Between runs.</summary>
    [JsonStringEnumMemberName("idle")] Idle,
}

public sealed record ConfigSnapshot
{
    [JsonPropertyName("execution_mode"), JsonPropertyOrder(1)] public required ExecutionMode ExecutionMode { get; init; }
    [JsonPropertyName("encoding"), JsonPropertyOrder(2)] public required OutputEncoding Encoding { get; init; }
    [JsonPropertyName("transmit_html"), JsonPropertyOrder(3)] public bool TransmitHtml { get; init; }
    [JsonPropertyName("robotmk_version"), JsonPropertyOrder(4)] public required string RobotmkVersion { get; init; }
    [JsonPropertyName("execution_interval"), JsonPropertyOrder(5)] public required int ExecutionInterval { get; init; }
    [JsonPropertyName("cache_time"), JsonPropertyOrder(6)] public required int CacheTime { get; init; }
    /// <summary>The run budget in seconds; 0 in files of runners that did not write it.</summary>
    [JsonPropertyName("run_timeout"), JsonPropertyOrder(7)] public int RunTimeout { get; init; }
    [JsonPropertyName("suites"), JsonPropertyOrder(8)] public IReadOnlyList<SuiteSnapshot> Suites { get; set; } = [];
}

public sealed record SuiteSnapshot
{
    [JsonPropertyName("id"), JsonPropertyOrder(1)] public required string Id { get; init; }
    [JsonPropertyName("path"), JsonPropertyOrder(2)] public string Path { get; set; } = "";
    [JsonPropertyName("tag"), JsonPropertyOrder(3)] public string? Tag { get; init; }
    [JsonPropertyName("piggybackhost"), JsonPropertyOrder(4)] public string? PiggybackHost { get; init; }
    [JsonPropertyName("max_executions"), JsonPropertyOrder(5)] public int MaxExecutions { get; set; } = 1;
    /// <summary>Why this suite cannot run (bad suite config, missing path); the controller reports it fatal.</summary>
    [JsonPropertyName("error"), JsonPropertyOrder(6)] public string? Error { get; init; }
}

public sealed record RunSummary
{
    [JsonPropertyName("run_id"), JsonPropertyOrder(1)] public string RunId { get; set; } = "";
    [JsonPropertyName("start_time"), JsonPropertyOrder(2)] public required string StartTime { get; init; }
    [JsonPropertyName("end_time"), JsonPropertyOrder(3)] public required string EndTime { get; init; }
    [JsonPropertyName("runtime_total"), JsonPropertyOrder(4)] public double RuntimeTotal { get; init; }
    [JsonPropertyName("runtime_suites"), JsonPropertyOrder(5)] public double RuntimeSuites { get; init; }
    [JsonPropertyName("runtime_robotmk"), JsonPropertyOrder(6)] public double RuntimeRobotmk { get; init; }
    [JsonPropertyName("suites_run"), JsonPropertyOrder(7)] public int SuitesRun { get; init; }
    [JsonPropertyName("suites_fatal"), JsonPropertyOrder(8)] public int SuitesFatal { get; init; }
    [JsonPropertyName("budget_exhausted"), JsonPropertyOrder(9)] public bool BudgetExhausted { get; init; }
}
