using System.Buffers;
using System.Text.Json;
using Robotmk.Runner.Coordination;
using Robotmk.State;
using Robotmk.Text;
using Robotmk.Time;

namespace Robotmk.Runner.Cli;

/// <summary>
/// The runner's own agent section (SPEC §4.6): header plus one JSON line. The Linux agent caches it only when the runner
/// exits 0 with non-empty output, and it needs a header so it is not glued onto the preceding section.
/// </summary>
public static class RunnerSection
{
    public const string Header = "<<<robotmk_runner:sep(0)>>>";

    public static string Render(RunReport report, string mode)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            Text(w, "version", ProductInfo.Version);
            Text(w, "execution_mode", mode);
            Text(w, "status", report.Status switch
            {
                RunStatus.Completed => "completed",
                RunStatus.AlreadyRunning => "already_running",
                RunStatus.ConfigError => "config_error",
                RunStatus.StateDirUnusable => "state_dir_unusable",
                _ => "internal_error",
            });
            Text(w, "run_id", report.RunId);
            Text(w, "start_time", Iso8601.Format(report.Start));
            Text(w, "end_time", Iso8601.Format(report.End));
            w.WriteNumber("suites_run", report.Results.Length);
            w.WriteNumber("passed", report.Passed);
            w.WriteNumber("failed", report.Failed);
            w.WriteNumber("fatal", report.Fatal);
            w.WriteStartArray("skipped");
            foreach (var s in report.Skipped)
                Value(w, s);
            w.WriteEndArray();
            Ids(w, "deferred", report.Deferred);
            Ids(w, "not_due", report.NotDue);
            w.WriteStartArray("errors");
            foreach (var e in report.Errors)
                Value(w, e);
            w.WriteEndArray();
            Text(w, "message", report.Message);
            w.WriteEndObject();
        }
        return Header + "\n" + Utf8.NoBom.GetString(buffer.WrittenSpan) + "\n";
    }

    private static void Ids(Utf8JsonWriter w, string name, IEnumerable<string> ids)
    {
        w.WriteStartArray(name);
        foreach (var id in ids)
            Value(w, id);
        w.WriteEndArray();
    }

    private static void Text(Utf8JsonWriter w, string name, string? value)
    {
        w.WritePropertyName(name);
        Value(w, value);
    }

    /// <summary>
    /// Strings are escaped as the state files escape them (only what JSON requires, plus U+0085, U+2028, U+2029; non-ASCII
    /// stays UTF-8), not as the writer's default encoder would (every non-ASCII character as \uXXXX).
    /// </summary>
    private static void Value(Utf8JsonWriter w, string? value)
    {
        if (value is null)
            w.WriteNullValue();
        else
            w.WriteRawValue(RawJsonString.FromText(value).Token.Span, skipInputValidation: true);
    }
}
