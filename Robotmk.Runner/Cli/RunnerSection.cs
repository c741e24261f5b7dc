using Newtonsoft.Json;
using Robotmk.Runner.Coordination;
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
        var sw = new StringWriter();
        using (var w = new JsonTextWriter(sw) { Formatting = Formatting.None })
        {
            w.WriteStartObject();
            Prop(w, "version", ProductInfo.Version);
            Prop(w, "execution_mode", mode);
            Prop(w, "status", report.Status switch
            {
                RunStatus.Completed => "completed",
                RunStatus.AlreadyRunning => "already_running",
                RunStatus.ConfigError => "config_error",
                RunStatus.StateDirUnusable => "state_dir_unusable",
                _ => "internal_error",
            });
            Prop(w, "run_id", report.RunId);
            Prop(w, "start_time", Iso8601.Format(report.Start));
            Prop(w, "end_time", Iso8601.Format(report.End));
            Prop(w, "suites_run", report.Results.Length);
            Prop(w, "passed", report.Passed);
            Prop(w, "failed", report.Failed);
            Prop(w, "fatal", report.Fatal);
            w.WritePropertyName("skipped");
            w.WriteStartArray();
            foreach (var s in report.Skipped) w.WriteValue(s);
            w.WriteEndArray();
            Ids(w, "deferred", report.Deferred);
            Ids(w, "not_due", report.NotDue);
            w.WritePropertyName("errors");
            w.WriteStartArray();
            foreach (var e in report.Errors) w.WriteValue(e);
            w.WriteEndArray();
            Prop(w, "message", report.Message);
            w.WriteEndObject();
        }
        return Header + "\n" + sw + "\n";
    }

    private static void Ids(JsonWriter w, string name, IEnumerable<string> ids)
    {
        w.WritePropertyName(name);
        w.WriteStartArray();
        foreach (var id in ids) w.WriteValue(id);
        w.WriteEndArray();
    }

    private static void Prop(JsonWriter w, string name, object? value)
    {
        w.WritePropertyName(name);
        w.WriteValue(value);
    }
}
