using System.Text.Json;
using Robotmk.State;

namespace Robotmk.Controller.State;

/// <summary>
/// Reads <c>robotmk_runner.json</c> into <see cref="RunnerState"/> with <see cref="JsonDocument"/> (small file, no
/// reflection, NativeAOT-compatible). Every deviation from what the runner writes is reported with its key path.
/// </summary>
public static class RunnerStateParser
{
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 32 };

    /// <exception cref="JsonException">not JSON</exception>
    /// <exception cref="StateFormatException">JSON, but not a runner state</exception>
    public static RunnerState Parse(ReadOnlyMemory<byte> utf8)
    {
        using var doc = JsonDocument.Parse(utf8, Options);
        var root = Object(doc.RootElement, "$");
        var schema = OptInt(root, "schema", "schema") ?? StateFiles.SchemaVersion;
        if (schema > StateFiles.SchemaVersion)
            throw new StateFormatException("schema", $"version {schema} is newer than this controller understands ({StateFiles.SchemaVersion}); update the controller");

        var status = ReqString(root, "status", "status");
        if (status is not (RunnerState.StatusRunning or RunnerState.StatusIdle))
            throw new StateFormatException("status", $"'{status}' is neither '{RunnerState.StatusRunning}' nor '{RunnerState.StatusIdle}'");

        return new RunnerState
        {
            Schema = schema,
            ProductVersion = OptString(root, "product_version", "product_version") ?? "",
            Status = status,
            Pid = OptInt(root, "pid", "pid") ?? 0,
            RunId = OptString(root, "run_id", "run_id") ?? "",
            StartTime = ReqString(root, "start_time", "start_time"),
            EndTime = OptString(root, "end_time", "end_time"),
            Heartbeat = ReqString(root, "heartbeat", "heartbeat"),
            ConfigError = OptString(root, "config_error", "config_error"),
            Config = Member(root, "config") is { } c ? Snapshot(Object(c, "config")) : null,
            LastRun = Member(root, "last_run") is { } r ? Summary(Object(r, "last_run")) : null,
        };
    }

    private static ConfigSnapshot Snapshot(JsonElement e)
    {
        const string p = "config";
        var suites = new List<SuiteSnapshot>();
        if (Member(e, "suites") is { } list)
        {
            if (list.ValueKind != JsonValueKind.Array)
                throw new StateFormatException(p + ".suites", $"expected a list, found {list.ValueKind}");
            var i = 0;
            foreach (var item in list.EnumerateArray())
            {
                var ip = $"{p}.suites[{i++}]";
                var s = Object(item, ip);
                suites.Add(new SuiteSnapshot
                {
                    Id = ReqString(s, "id", ip + ".id"),
                    Path = OptString(s, "path", ip + ".path") ?? "",
                    Tag = OptString(s, "tag", ip + ".tag"),
                    PiggybackHost = OptString(s, "piggybackhost", ip + ".piggybackhost"),
                    MaxExecutions = OptInt(s, "max_executions", ip + ".max_executions") ?? 1,
                    Error = OptString(s, "error", ip + ".error"),
                });
            }
        }
        return new ConfigSnapshot
        {
            ExecutionMode = OneOf(ReqString(e, "execution_mode", p + ".execution_mode"), p + ".execution_mode", "agent_serial", "external"),
            Encoding = OneOf(ReqString(e, "encoding", p + ".encoding"), p + ".encoding", "zlib_codec", "base64_codec", "utf_8"),
            TransmitHtml = OptBool(e, "transmit_html", p + ".transmit_html"),
            RobotmkVersion = ReqString(e, "robotmk_version", p + ".robotmk_version"),
            ExecutionInterval = ReqInt(e, "execution_interval", p + ".execution_interval"),
            CacheTime = ReqInt(e, "cache_time", p + ".cache_time"),
            RunTimeout = OptInt(e, "run_timeout", p + ".run_timeout") ?? 0,
            Suites = suites,
        };
    }

    private static RunSummary Summary(JsonElement e)
    {
        const string p = "last_run";
        return new RunSummary
        {
            RunId = OptString(e, "run_id", p + ".run_id") ?? "",
            StartTime = ReqString(e, "start_time", p + ".start_time"),
            EndTime = ReqString(e, "end_time", p + ".end_time"),
            RuntimeTotal = OptDouble(e, "runtime_total", p + ".runtime_total") ?? 0,
            RuntimeSuites = OptDouble(e, "runtime_suites", p + ".runtime_suites") ?? 0,
            RuntimeRobotmk = OptDouble(e, "runtime_robotmk", p + ".runtime_robotmk") ?? 0,
            SuitesRun = OptInt(e, "suites_run", p + ".suites_run") ?? 0,
            SuitesFatal = OptInt(e, "suites_fatal", p + ".suites_fatal") ?? 0,
            BudgetExhausted = OptBool(e, "budget_exhausted", p + ".budget_exhausted"),
        };
    }

    /// <summary>Values the section passes on to the server, which accepts only these.</summary>
    private static string OneOf(string value, string path, params string[] allowed) =>
        allowed.Contains(value, StringComparer.Ordinal) ? value
        : throw new StateFormatException(path, $"'{value}' is none of {string.Join(", ", allowed)}");

    private static JsonElement Object(JsonElement e, string path) =>
        e.ValueKind == JsonValueKind.Object ? e : throw new StateFormatException(path, $"expected an object, found {e.ValueKind}");

    /// <summary>The member's value, or null when it is absent or JSON null.</summary>
    private static JsonElement? Member(JsonElement owner, string name) =>
        owner.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null ? v : null;

    private static string? OptString(JsonElement owner, string name, string path) =>
        Member(owner, name) is not { } v ? null
        : v.ValueKind == JsonValueKind.String ? v.GetString()
        : throw new StateFormatException(path, $"expected a string, found {v.ValueKind}");

    private static string ReqString(JsonElement owner, string name, string path) =>
        OptString(owner, name, path) ?? throw new StateFormatException(path, "missing");

    private static int? OptInt(JsonElement owner, string name, string path) =>
        Member(owner, name) is not { } v ? null
        : v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var i) ? i
        : throw new StateFormatException(path, $"expected an integer, found {v.ValueKind}");

    private static int ReqInt(JsonElement owner, string name, string path) =>
        OptInt(owner, name, path) ?? throw new StateFormatException(path, "missing");

    private static double? OptDouble(JsonElement owner, string name, string path) =>
        Member(owner, name) is not { } v ? null
        : v.ValueKind == JsonValueKind.Number ? v.GetDouble()
        : throw new StateFormatException(path, $"expected a number, found {v.ValueKind}");

    private static bool OptBool(JsonElement owner, string name, string path) =>
        Member(owner, name) is { } v && (v.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw new StateFormatException(path, $"expected true or false, found {v.ValueKind}"),
        });
}
