using System.Text.Json;
using Robotmk.Config;

namespace Robotmk.State;

/// <summary>
/// <c>robotmk_runner.json</c>: everything the controller needs from robotmk.yml and from the runner's life, so that the
/// controller reads JSON only. The schema is this file: each record's keys, types and defaults, read and written by the
/// record's own <c>Read</c> and <c>Write</c> below, which the runner and the controller both use (docs/STATE.md).
/// </summary>
public sealed record RunnerState
{
    public const RunnerStatus StatusRunning = RunnerStatus.Running;
    public const RunnerStatus StatusIdle = RunnerStatus.Idle;

    /// <summary>The runner refreshes <see cref="Heartbeat"/> this often while running; the dead-man switch counts missed beats.</summary>
    public static readonly TimeSpan HeartbeatInterval = TimeSpan.FromSeconds(15);

    public int Schema { get; init; } = StateFiles.SchemaVersion;
    public string ProductVersion { get; init; } = "";
    public required RunnerStatus Status { get; init; }
    public int Pid { get; init; }
    public string RunId { get; init; } = "";
    public required string StartTime { get; init; }
    /// <summary>Null while the run is in progress.</summary>
    public string? EndTime { get; init; }
    /// <summary>Refreshed every <see cref="HeartbeatInterval"/> while running: the dead-man switch reads it.</summary>
    public required string Heartbeat { get; init; }
    /// <summary>Whole-config problem (YAML syntax, bad global value): the controller shows it on every suite.</summary>
    public string? ConfigError { get; init; }
    /// <summary>The config snapshot of the last usable robotmk.yml; null if none was ever usable.</summary>
    public ConfigSnapshot? Config { get; init; }
    /// <summary>Figures of the last finished run; null before the first run finished.</summary>
    public RunSummary? LastRun { get; init; }
    /// <summary>How the current (or last) run starts RF, and why; null until the run chose it (unusable config, files of older runners).</summary>
    public RfStart? RfStart { get; init; }

    internal static RunnerState Read(ref StateReader r)
    {
        r.RequireObject("$");
        int? schema = null, pid = null;
        RunnerStatus? status = null;
        string? productVersion = null, runId = null, startTime = null, endTime = null, heartbeat = null, configError = null;
        ConfigSnapshot? config = null;
        RunSummary? lastRun = null;
        RfStart? rfStart = null;
        while (r.NextProperty() is { } key)
        {
            switch (key)
            {
                case Key.Schema: schema = StateFiles.CheckSchema(r.Int(key)); break;
                case Key.ProductVersion: productVersion = r.String(key); break;
                case Key.Status: status = r.Enum(key, StateNames.RunnerStatuses); break;
                case Key.Pid: pid = r.Int(key); break;
                case Key.RunId: runId = r.String(key); break;
                case Key.StartTime: startTime = r.String(key); break;
                case Key.EndTime: endTime = r.String(key); break;
                case Key.Heartbeat: heartbeat = r.String(key); break;
                case Key.ConfigError: configError = r.String(key); break;
                case Key.Config: config = ConfigSnapshot.Read(ref r, key); break;
                case Key.LastRun: lastRun = RunSummary.Read(ref r, key); break;
                case Key.RfStart: rfStart = RfStart.Read(ref r, key); break;
                default: r.Skip(); break;
            }
        }
        return new RunnerState
        {
            Schema = schema ?? StateFiles.SchemaVersion,
            ProductVersion = productVersion ?? "",
            Status = StateReader.Required(status, Key.Status),
            Pid = pid ?? 0,
            RunId = runId ?? "",
            StartTime = StateReader.Required(startTime, Key.StartTime),
            EndTime = endTime,
            Heartbeat = StateReader.Required(heartbeat, Key.Heartbeat),
            ConfigError = configError,
            Config = config,
            LastRun = lastRun,
            RfStart = rfStart,
        };
    }

    internal void Write(Utf8JsonWriter w)
    {
        w.WriteStartObject();
        w.WriteNumber(Key.Schema, Schema);
        w.WriteString(Key.ProductVersion, ProductVersion);
        w.WriteString(Key.Status, StateNames.Of(Status));
        w.WriteNumber(Key.Pid, Pid);
        w.WriteString(Key.RunId, RunId);
        w.WriteString(Key.StartTime, StartTime);
        w.WriteString(Key.EndTime, EndTime);
        w.WriteString(Key.Heartbeat, Heartbeat);
        w.WriteString(Key.ConfigError, ConfigError);
        w.WritePropertyName(Key.Config);
        if (Config is null)
            w.WriteNullValue();
        else
            Config.Write(w);
        w.WritePropertyName(Key.LastRun);
        if (LastRun is null)
            w.WriteNullValue();
        else
            LastRun.Write(w);
        if (RfStart is not null)
        {
            w.WritePropertyName(Key.RfStart);
            RfStart.Write(w);
        }
        w.WriteEndObject();
    }

    /// <summary>The keys of this record in the file: one spelling for reading and writing.</summary>
    private static class Key
    {
        public const string Schema = "schema";
        public const string ProductVersion = "product_version";
        public const string Status = "status";
        public const string Pid = "pid";
        public const string RunId = "run_id";
        public const string StartTime = "start_time";
        public const string EndTime = "end_time";
        public const string Heartbeat = "heartbeat";
        public const string ConfigError = "config_error";
        public const string Config = "config";
        public const string LastRun = "last_run";
        public const string RfStart = "rf_start";
    }
}

/// <summary>Whether a run starts RF warm (forked from a Python that imported RF) or as a new process per attempt, and why.</summary>
public sealed record RfStart
{
    public required RfStartMode Mode { get; init; }
    /// <summary>One line for people: where RF is forked from, or why it is spawned.</summary>
    public required string Reason { get; init; }

    internal static RfStart? Read(ref StateReader r, string path)
    {
        if (!r.IsObject(path))
            return null;
        RfStartMode? mode = null;
        string? reason = null;
        while (r.NextProperty() is { } name)
        {
            var key = StateReader.At(path, name);
            switch (name)
            {
                case Key.Mode: mode = r.Enum(key, StateNames.RfStartModes); break;
                case Key.Reason: reason = r.String(key); break;
                default: r.Skip(); break;
            }
        }
        return new RfStart
        {
            Mode = StateReader.Required(mode, StateReader.At(path, Key.Mode)),
            Reason = reason ?? "",
        };
    }

    internal void Write(Utf8JsonWriter w)
    {
        w.WriteStartObject();
        w.WriteString(Key.Mode, StateNames.Of(Mode));
        w.WriteString(Key.Reason, Reason);
        w.WriteEndObject();
    }

    /// <summary>The keys of this record in the file: one spelling for reading and writing.</summary>
    private static class Key
    {
        public const string Mode = "mode";
        public const string Reason = "reason";
    }
}

public enum RfStartMode
{
    /// <summary>Forked from a Python launcher that imported RF once.</summary>
    Warm,
    /// <summary>A new process per attempt and merge.</summary>
    Spawn,
}

public enum RunnerStatus
{
    /// <summary>A run is in progress.</summary>
    Running,
    /// <summary>Between runs.</summary>
    Idle,
}

public sealed record ConfigSnapshot
{
    public required ExecutionMode ExecutionMode { get; init; }
    public required OutputEncoding Encoding { get; init; }
    public bool TransmitHtml { get; init; }
    public required string RobotmkVersion { get; init; }
    public required int ExecutionInterval { get; init; }
    public required int CacheTime { get; init; }
    /// <summary>The run budget in seconds; 0 in files of runners that did not write it.</summary>
    public int RunTimeout { get; init; }
    public IReadOnlyList<SuiteSnapshot> Suites { get; init; } = [];

    internal static ConfigSnapshot? Read(ref StateReader r, string path)
    {
        if (!r.IsObject(path))
            return null;
        ExecutionMode? mode = null;
        OutputEncoding? encoding = null;
        bool? transmitHtml = null;
        string? robotmkVersion = null;
        int? interval = null, cacheTime = null, runTimeout = null;
        List<SuiteSnapshot>? suites = null;
        while (r.NextProperty() is { } name)
        {
            var key = StateReader.At(path, name);
            switch (name)
            {
                case Key.ExecutionMode: mode = r.Enum(key, WireNames.ExecutionModes); break;
                case Key.Encoding: encoding = r.Enum(key, WireNames.Encodings); break;
                case Key.TransmitHtml: transmitHtml = r.Bool(key); break;
                case Key.RobotmkVersion: robotmkVersion = r.String(key); break;
                case Key.ExecutionInterval: interval = r.Int(key); break;
                case Key.CacheTime: cacheTime = r.Int(key); break;
                case Key.RunTimeout: runTimeout = r.Int(key); break;
                case Key.Suites: suites = SuiteSnapshot.ReadList(ref r, key); break;
                default: r.Skip(); break;
            }
        }
        return new ConfigSnapshot
        {
            ExecutionMode = StateReader.Required(mode, StateReader.At(path, Key.ExecutionMode)),
            Encoding = StateReader.Required(encoding, StateReader.At(path, Key.Encoding)),
            TransmitHtml = transmitHtml ?? false,
            RobotmkVersion = StateReader.Required(robotmkVersion, StateReader.At(path, Key.RobotmkVersion)),
            ExecutionInterval = StateReader.Required(interval, StateReader.At(path, Key.ExecutionInterval)),
            CacheTime = StateReader.Required(cacheTime, StateReader.At(path, Key.CacheTime)),
            RunTimeout = runTimeout ?? 0,
            Suites = suites ?? [],
        };
    }

    internal void Write(Utf8JsonWriter w)
    {
        w.WriteStartObject();
        w.WriteString(Key.ExecutionMode, WireNames.Of(ExecutionMode));
        w.WriteString(Key.Encoding, WireNames.Of(Encoding));
        w.WriteBoolean(Key.TransmitHtml, TransmitHtml);
        w.WriteString(Key.RobotmkVersion, RobotmkVersion);
        w.WriteNumber(Key.ExecutionInterval, ExecutionInterval);
        w.WriteNumber(Key.CacheTime, CacheTime);
        w.WriteNumber(Key.RunTimeout, RunTimeout);
        w.WriteStartArray(Key.Suites);
        foreach (var suite in Suites)
            suite.Write(w);
        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>The keys of this record in the file: one spelling for reading and writing.</summary>
    private static class Key
    {
        public const string ExecutionMode = "execution_mode";
        public const string Encoding = "encoding";
        public const string TransmitHtml = "transmit_html";
        public const string RobotmkVersion = "robotmk_version";
        public const string ExecutionInterval = "execution_interval";
        public const string CacheTime = "cache_time";
        public const string RunTimeout = "run_timeout";
        public const string Suites = "suites";
    }
}

public sealed record SuiteSnapshot
{
    public required string Id { get; init; }
    public string Path { get; init; } = "";
    public string? Tag { get; init; }
    public string? PiggybackHost { get; init; }
    public int MaxExecutions { get; init; } = 1;
    /// <summary>Why this suite cannot run (bad suite config, missing path); the controller reports it fatal.</summary>
    public string? Error { get; init; }
    /// <summary>Seconds between two starts of the suite (<see cref="SuiteSchedule"/>); null in files of runners that did not write it: the global interval.</summary>
    public int? ExecutionInterval { get; init; }
    /// <summary>Seconds the suite's result stays valid on the server; null: the global cache_time.</summary>
    public int? CacheTime { get; init; }
    /// <summary>The group written in robotmk.yml; null: a group of its own.</summary>
    public string? Group { get; init; }
    /// <summary>Who runs the suite (its own mode or the global one); null in files of runners that did not write it.</summary>
    public ExecutionMode? ExecutionMode { get; init; }
    /// <summary>
    /// Set for a suite that its user's runner runs (execution_mode external beside agent_serial): the folder of that
    /// user from which the controller reads the suite's state (docs/STATE.md); null for the runner's own suites.
    /// </summary>
    public string? ExternalDir { get; init; }
    /// <summary>
    /// A DISABLED file skips the suite (v1): its last result ages out on the server, and its own schedule is not
    /// watched (no "has not started since"). Written only when true.
    /// </summary>
    public bool Disabled { get; init; }

    internal static List<SuiteSnapshot>? ReadList(ref StateReader r, string path)
    {
        if (!r.IsList(path))
            return null;
        var suites = new List<SuiteSnapshot>();
        while (r.NextItem())
            suites.Add(Read(ref r, $"{path}[{suites.Count}]"));
        return suites;
    }

    private static SuiteSnapshot Read(ref StateReader r, string path)
    {
        r.RequireObject(path);
        string? id = null, suitePath = null, tag = null, piggybackHost = null, error = null, group = null, externalDir = null;
        int? maxExecutions = null, interval = null, cacheTime = null;
        ExecutionMode? mode = null;
        bool? disabled = null;
        while (r.NextProperty() is { } name)
        {
            var key = StateReader.At(path, name);
            switch (name)
            {
                case Key.Id: id = r.String(key); break;
                case Key.Path: suitePath = r.String(key); break;
                case Key.Tag: tag = r.String(key); break;
                case Key.Piggybackhost: piggybackHost = r.String(key); break;
                case Key.MaxExecutions: maxExecutions = r.Int(key); break;
                case Key.Error: error = r.String(key); break;
                case Key.ExecutionInterval: interval = r.Int(key); break;
                case Key.CacheTime: cacheTime = r.Int(key); break;
                case Key.Group: group = r.String(key); break;
                case Key.ExecutionMode: mode = r.Enum(key, WireNames.ExecutionModes); break;
                case Key.ExternalDir: externalDir = r.String(key); break;
                case Key.Disabled: disabled = r.Bool(key); break;
                default: r.Skip(); break;
            }
        }
        return new SuiteSnapshot
        {
            Id = StateReader.Required(id, StateReader.At(path, Key.Id)),
            Path = suitePath ?? "",
            Tag = tag,
            PiggybackHost = piggybackHost,
            MaxExecutions = maxExecutions ?? 1,
            Error = error,
            ExecutionInterval = interval,
            CacheTime = cacheTime,
            Group = group,
            ExecutionMode = mode,
            ExternalDir = externalDir,
            Disabled = disabled ?? false,
        };
    }

    internal void Write(Utf8JsonWriter w)
    {
        w.WriteStartObject();
        w.WriteString(Key.Id, Id);
        w.WriteString(Key.Path, Path);
        w.WriteString(Key.Tag, Tag);
        w.WriteString(Key.Piggybackhost, PiggybackHost);
        w.WriteNumber(Key.MaxExecutions, MaxExecutions);
        w.WriteString(Key.Error, Error);
        if (ExecutionInterval is { } interval)
            w.WriteNumber(Key.ExecutionInterval, interval);
        if (CacheTime is { } cacheTime)
            w.WriteNumber(Key.CacheTime, cacheTime);
        if (Group is not null)
            w.WriteString(Key.Group, Group);
        if (ExecutionMode is { } mode)
            w.WriteString(Key.ExecutionMode, WireNames.Of(mode));
        if (ExternalDir is not null)
            w.WriteString(Key.ExternalDir, ExternalDir);
        if (Disabled)
            w.WriteBoolean(Key.Disabled, true);
        w.WriteEndObject();
    }

    /// <summary>The keys of this record in the file: one spelling for reading and writing.</summary>
    private static class Key
    {
        public const string Id = "id";
        public const string Path = "path";
        public const string Tag = "tag";
        public const string Piggybackhost = "piggybackhost";
        public const string MaxExecutions = "max_executions";
        public const string Error = "error";
        public const string ExecutionInterval = "execution_interval";
        public const string CacheTime = "cache_time";
        public const string Group = "group";
        public const string ExecutionMode = "execution_mode";
        public const string ExternalDir = "external_dir";
        public const string Disabled = "disabled";
    }
}

public sealed record RunSummary
{
    public string RunId { get; init; } = "";
    public required string StartTime { get; init; }
    public required string EndTime { get; init; }
    public double RuntimeTotal { get; init; }
    public double RuntimeSuites { get; init; }
    public double RuntimeRobotmk { get; init; }
    public int SuitesRun { get; init; }
    public int SuitesFatal { get; init; }
    public bool BudgetExhausted { get; init; }

    internal static RunSummary? Read(ref StateReader r, string path)
    {
        if (!r.IsObject(path))
            return null;
        string? runId = null, startTime = null, endTime = null;
        double? total = null, suites = null, robotmk = null;
        int? suitesRun = null, suitesFatal = null;
        bool? budgetExhausted = null;
        while (r.NextProperty() is { } name)
        {
            var key = StateReader.At(path, name);
            switch (name)
            {
                case Key.RunId: runId = r.String(key); break;
                case Key.StartTime: startTime = r.String(key); break;
                case Key.EndTime: endTime = r.String(key); break;
                case Key.RuntimeTotal: total = r.Double(key); break;
                case Key.RuntimeSuites: suites = r.Double(key); break;
                case Key.RuntimeRobotmk: robotmk = r.Double(key); break;
                case Key.SuitesRun: suitesRun = r.Int(key); break;
                case Key.SuitesFatal: suitesFatal = r.Int(key); break;
                case Key.BudgetExhausted: budgetExhausted = r.Bool(key); break;
                default: r.Skip(); break;
            }
        }
        return new RunSummary
        {
            RunId = runId ?? "",
            StartTime = StateReader.Required(startTime, StateReader.At(path, Key.StartTime)),
            EndTime = StateReader.Required(endTime, StateReader.At(path, Key.EndTime)),
            RuntimeTotal = total ?? 0,
            RuntimeSuites = suites ?? 0,
            RuntimeRobotmk = robotmk ?? 0,
            SuitesRun = suitesRun ?? 0,
            SuitesFatal = suitesFatal ?? 0,
            BudgetExhausted = budgetExhausted ?? false,
        };
    }

    internal void Write(Utf8JsonWriter w)
    {
        w.WriteStartObject();
        w.WriteString(Key.RunId, RunId);
        w.WriteString(Key.StartTime, StartTime);
        w.WriteString(Key.EndTime, EndTime);
        w.WriteNumber(Key.RuntimeTotal, RuntimeTotal);
        w.WriteNumber(Key.RuntimeSuites, RuntimeSuites);
        w.WriteNumber(Key.RuntimeRobotmk, RuntimeRobotmk);
        w.WriteNumber(Key.SuitesRun, SuitesRun);
        w.WriteNumber(Key.SuitesFatal, SuitesFatal);
        w.WriteBoolean(Key.BudgetExhausted, BudgetExhausted);
        w.WriteEndObject();
    }

    /// <summary>The keys of this record in the file: one spelling for reading and writing.</summary>
    private static class Key
    {
        public const string RunId = "run_id";
        public const string StartTime = "start_time";
        public const string EndTime = "end_time";
        public const string RuntimeTotal = "runtime_total";
        public const string RuntimeSuites = "runtime_suites";
        public const string RuntimeRobotmk = "runtime_robotmk";
        public const string SuitesRun = "suites_run";
        public const string SuitesFatal = "suites_fatal";
        public const string BudgetExhausted = "budget_exhausted";
    }
}
