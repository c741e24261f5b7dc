using System.Text.Json;
using Robotmk.Runner.Processes;
using Robotmk.Text;

namespace Robotmk.Runner.Results;

/// <summary>The states of a finished suite run in a result document.</summary>
public static class RunState
{
    public const string Passed = "passed";
    public const string Failed = "failed";
    public const string Error = "error";
    public const string Timeout = "timeout";
    /// <summary>RF ran, and every test was skipped (the top suite's status is SKIP).</summary>
    public const string Skipped = "skipped";
}

/// <summary>
/// One finished suite run, as kept in outputdir/results and given to output plugins and callbacks (docs/RESULTS.md).
/// Written with the in-box JSON writer, keys in a fixed order; every key is always present (null when unknown).
/// </summary>
public sealed record ResultDocument
{
    public const string SchemaName = "robotmk-result/1";

    /// <summary>As the state files: only what JSON requires is escaped, other text stays readable UTF-8; one line.</summary>
    public static JsonWriterOptions WriterOptions { get; } = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
    };

    public required string RunId { get; init; }
    public string? RunnerRunId { get; init; }
    public required string Host { get; init; }
    public required string SuiteId { get; init; }
    public string SuitePath { get; init; } = "";
    public string? Tag { get; init; }
    public string? PiggybackHost { get; init; }
    public required string State { get; init; }
    public int? Rc { get; init; }
    public int? Signal { get; init; }
    public string? Error { get; init; }
    public int Attempts { get; init; }
    public int MaxAttempts { get; init; }
    public string? StartTime { get; init; }
    public string? EndTime { get; init; }
    public double? Duration { get; init; }
    public RunStatistics? Statistics { get; init; }
    public ResourceUsage Usage { get; init; } = ResourceUsage.Unknown;
    public string? OutputXml { get; init; }
    public string? LogHtml { get; init; }

    public byte[] ToJsonBytes()
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, WriterOptions))
            Write(w);
        return stream.ToArray();
    }

    private void Write(Utf8JsonWriter w)
    {
        w.WriteStartObject();
        w.WriteString("schema", SchemaName);
        w.WriteString("run_id", RunId);
        w.WriteString("runner_run_id", RunnerRunId);
        w.WriteString("host", Host);
        w.WriteString("suite_id", SuiteId);
        w.WriteString("suite_path", SuitePath);
        w.WriteString("tag", Tag);
        w.WriteString("piggyback_host", PiggybackHost);
        w.WriteString("state", State);
        w.WriteNumberOrNull("rc", Rc);
        w.WriteNumberOrNull("signal", Signal);
        w.WriteString("error", Error);
        w.WriteNumber("attempts", Attempts);
        w.WriteNumber("max_attempts", MaxAttempts);
        w.WriteString("start_time", StartTime);
        w.WriteString("end_time", EndTime);
        w.WriteNumberOrNull("duration", Duration);
        WriteStatistics(w);
        w.WriteStartObject("resource_usage");
        w.WriteNumberOrNull("user_cpu_seconds", Usage.UserCpuSeconds);
        w.WriteNumberOrNull("system_cpu_seconds", Usage.SystemCpuSeconds);
        w.WriteNumberOrNull("peak_memory_bytes", Usage.PeakMemoryBytes);
        w.WriteEndObject();
        w.WriteString("output_xml", OutputXml);
        w.WriteString("log_html", LogHtml);
        w.WriteEndObject();
    }

    private void WriteStatistics(Utf8JsonWriter w)
    {
        if (Statistics?.Top is not { } top)
        {
            w.WriteNull("statistics");
            w.WriteStartArray("suites");
            w.WriteEndArray();
            w.WriteStartArray("tests");
            w.WriteEndArray();
            w.WriteNumber("tests_omitted", 0);
            return;
        }
        w.WriteStartObject("statistics");
        w.WriteNumber("pass", top.Pass);
        w.WriteNumber("fail", top.Fail);
        w.WriteNumber("skip", top.Skip);
        w.WriteEndObject();
        w.WriteStartArray("suites");
        foreach (var s in Statistics.Suites)
        {
            w.WriteStartObject();
            w.WriteString("name", s.Name);
            w.WriteString("id", s.Id);
            w.WriteString("status", s.Status);
            w.WriteNumberOrNull("duration", s.Duration);
            w.WriteNumber("pass", s.Pass);
            w.WriteNumber("fail", s.Fail);
            w.WriteNumber("skip", s.Skip);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("tests");
        foreach (var t in Statistics.Tests)
        {
            w.WriteStartObject();
            w.WriteString("suite", t.Suite);
            w.WriteString("name", t.Name);
            w.WriteString("id", t.Id);
            w.WriteString("status", t.Status);
            w.WriteNumberOrNull("duration", t.Duration);
            w.WriteString("message", t.Message);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteNumber("tests_omitted", Statistics.TestsOmitted);
    }
}
