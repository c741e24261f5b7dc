using Newtonsoft.Json;

namespace Robotmk.State;

/// <summary>
/// <c>robotmk_runner.json</c>: everything the controller needs from robotmk.yml and from the runner's life,
/// so that the controller reads JSON only.
/// </summary>
public sealed record RunnerState
{
    public const string StatusRunning = "running";
    public const string StatusIdle = "idle";

    [JsonProperty("schema", Order = 1)] public int Schema { get; init; } = StateFiles.SchemaVersion;
    [JsonProperty("product_version", Order = 2)] public required string ProductVersion { get; init; }
    /// <summary>running while a run is in progress, idle between runs.</summary>
    [JsonProperty("status", Order = 3)] public required string Status { get; init; }
    [JsonProperty("pid", Order = 4)] public int Pid { get; init; }
    [JsonProperty("run_id", Order = 5)] public required string RunId { get; init; }
    [JsonProperty("start_time", Order = 6)] public required string StartTime { get; init; }
    [JsonProperty("end_time", Order = 7)] public string? EndTime { get; init; }
    /// <summary>Refreshed at least every 30 s while running: the dead-man switch reads it.</summary>
    [JsonProperty("heartbeat", Order = 8)] public required string Heartbeat { get; init; }
    /// <summary>Whole-config problem (YAML syntax, bad global value): the controller shows it on every suite.</summary>
    [JsonProperty("config_error", Order = 9)] public string? ConfigError { get; init; }
    /// <summary>The config snapshot of the last usable robotmk.yml; null if none was ever usable.</summary>
    [JsonProperty("config", Order = 10)] public ConfigSnapshot? Config { get; init; }
    /// <summary>Figures of the last finished run; null before the first run finished.</summary>
    [JsonProperty("last_run", Order = 11)] public RunSummary? LastRun { get; init; }
}

public sealed record ConfigSnapshot
{
    [JsonProperty("execution_mode", Order = 1)] public required string ExecutionMode { get; init; }
    [JsonProperty("encoding", Order = 2)] public required string Encoding { get; init; }
    [JsonProperty("transmit_html", Order = 3)] public bool TransmitHtml { get; init; }
    [JsonProperty("robotmk_version", Order = 4)] public required string RobotmkVersion { get; init; }
    [JsonProperty("execution_interval", Order = 5)] public int ExecutionInterval { get; init; }
    [JsonProperty("cache_time", Order = 6)] public int CacheTime { get; init; }
    [JsonProperty("run_timeout", Order = 7)] public int RunTimeout { get; init; }
    [JsonProperty("suites", Order = 8)] public required IReadOnlyList<SuiteSnapshot> Suites { get; init; }
}

public sealed record SuiteSnapshot
{
    [JsonProperty("id", Order = 1)] public required string Id { get; init; }
    [JsonProperty("path", Order = 2)] public required string Path { get; init; }
    [JsonProperty("tag", Order = 3)] public string? Tag { get; init; }
    [JsonProperty("piggybackhost", Order = 4)] public string? PiggybackHost { get; init; }
    [JsonProperty("max_executions", Order = 5)] public int MaxExecutions { get; init; } = 1;
    /// <summary>Why this suite cannot run (bad suite config, missing path); the controller reports it fatal.</summary>
    [JsonProperty("error", Order = 6)] public string? Error { get; init; }
}

public sealed record RunSummary
{
    [JsonProperty("run_id", Order = 1)] public required string RunId { get; init; }
    [JsonProperty("start_time", Order = 2)] public required string StartTime { get; init; }
    [JsonProperty("end_time", Order = 3)] public required string EndTime { get; init; }
    [JsonProperty("runtime_total", Order = 4)] public double RuntimeTotal { get; init; }
    [JsonProperty("runtime_suites", Order = 5)] public double RuntimeSuites { get; init; }
    [JsonProperty("runtime_robotmk", Order = 6)] public double RuntimeRobotmk { get; init; }
    [JsonProperty("suites_run", Order = 7)] public int SuitesRun { get; init; }
    [JsonProperty("suites_fatal", Order = 8)] public int SuitesFatal { get; init; }
    [JsonProperty("budget_exhausted", Order = 9)] public bool BudgetExhausted { get; init; }
}
