using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Robotmk.Controller.Section;

/// <summary>
/// Writes <c>robotmk</c> sections (SPEC §1) to a stream: a header line, then one compact JSON line per block;
/// piggyback blocks are framed by <c>&lt;&lt;&lt;&lt;host&gt;&gt;&gt;&gt;</c> and <c>&lt;&lt;&lt;&lt;&gt;&gt;&gt;&gt;</c>.
/// Suites are written one at a time and payloads are copied as the raw JSON tokens of the state file, so the
/// memory used does not grow with the number of suites. UTF-8 without BOM, '\n' line ends.
/// </summary>
public sealed class SectionWriter : IDisposable
{
    public static readonly byte[] Header = "<<<robotmk:sep(0)>>>\n"u8.ToArray();
    public static readonly byte[] PiggybackEnd = "<<<<>>>>\n"u8.ToArray();

    private static readonly JsonWriterOptions Options = new()
    {
        Indented = false,
        // Only what JSON requires is escaped; the output is no HTML context. Keeps non-ASCII text readable.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = false,
    };

    private readonly Stream _output;
    private readonly Utf8JsonWriter _json;
    private string? _piggybackHost;
    private bool _inBlock;

    public SectionWriter(Stream output)
    {
        _output = output;
        _json = new Utf8JsonWriter(output, Options);
    }

    /// <param name="piggybackHost">null for the local block; else the host the block is assigned to.</param>
    public void BeginBlock(RunnerObject runner, string? piggybackHost)
    {
        if (_inBlock)
            throw new InvalidOperationException("the previous block is not finished");
        _inBlock = true;
        _piggybackHost = piggybackHost;
        if (piggybackHost is not null)
            _output.Write(System.Text.Encoding.UTF8.GetBytes($"<<<<{piggybackHost}>>>>\n"));
        _output.Write(Header);

        _json.Reset(_output);
        _json.WriteStartObject();
        _json.WriteStartObject("runner");
        WriteRunner(runner, piggybackHost);
        _json.WriteEndObject();
        _json.WriteStartArray("suites");
    }

    public void WriteSuite(SuiteEntry e)
    {
        if (!_inBlock)
            throw new InvalidOperationException("no block is open");
        var j = _json;
        j.WriteStartObject();
        j.WriteString("id", e.Id);
        j.WriteString("status", e.Status);
        WriteStringOrNull("error", e.Error);
        j.WriteNumber("cache_time", e.CacheTime);
        j.WriteNumber("execution_interval", e.ExecutionInterval);
        j.WriteString("start_time", e.StartTime);
        if (e.EndTime is not null)
            j.WriteString("end_time", e.EndTime);
        j.WriteString("path", e.Path);
        WriteStringOrNull("tag", e.Tag);
        j.WritePropertyName("xml");
        if (e.Xml is { } xml)
            j.WriteRawValue(xml.Token.Span, skipInputValidation: true);
        else
            j.WriteNullValue();
        j.WritePropertyName("htmllog");
        if (e.HtmlLog is { } html)
            j.WriteRawValue(html.Token.Span, skipInputValidation: true);
        else
            j.WriteNullValue();
        j.WriteNumber("rc", e.Rc);
        j.WriteNumber("attempts", e.Attempts);
        j.WriteNumber("max_executions", e.MaxExecutions);
        WriteStringOrNull("piggybackhost", e.PiggybackHost);
        j.WriteString("state", e.State);
        if (e.RunId is not null)
            j.WriteString("run_id", e.RunId);
        j.WriteBoolean("timed_out", e.TimedOut);
        if (e.Outcome is not null)
            j.WriteString("outcome", e.Outcome);
        j.WriteEndObject();
        // Hand each suite to the stream at once: memory stays at one suite's payload.
        j.Flush();
    }

    public void EndBlock()
    {
        if (!_inBlock)
            throw new InvalidOperationException("no block is open");
        _json.WriteEndArray();
        _json.WriteEndObject();
        _json.Flush();
        _output.WriteByte((byte)'\n');
        if (_piggybackHost is not null)
            _output.Write(PiggybackEnd);
        _output.Flush();
        _inBlock = false;
    }

    private void WriteRunner(RunnerObject r, string? piggybackHost)
    {
        var j = _json;
        j.WriteString("encoding", r.Encoding);
        j.WriteString("robotmk_version", r.RobotmkVersion);
        j.WriteString("execution_mode", r.ExecutionMode);
        j.WriteString("start_time", r.StartTime);
        j.WriteString("end_time", r.EndTime);
        j.WriteStartArray("assigned_host");
        if (piggybackHost is not null)
            j.WriteStringValue(piggybackHost);
        j.WriteEndArray();
        if (r.Runtimes is { } rt)
        {
            WriteSeconds("runtime_total", rt.Total);
            WriteSeconds("runtime_suites", rt.Suites);
            WriteSeconds("runtime_robotmk", rt.Robotmk);
        }
        j.WriteBoolean("selective_run", false);
        j.WriteNumber("cache_time", r.CacheTime);
        j.WriteNumber("execution_interval", r.ExecutionInterval);
        j.WriteBoolean("is_piggyback_result", piggybackHost is not null);
        j.WriteString("product_version", r.ProductVersion);
        j.WriteString("runner_status", r.RunnerStatus);
        if (r.RunId is not null)
            j.WriteString("run_id", r.RunId);
        if (r.Heartbeat is not null)
            j.WriteString("heartbeat", r.Heartbeat);
        j.WriteStartArray("errors");
        foreach (var error in r.Errors)
            j.WriteStringValue(error);
        j.WriteEndArray();
    }

    /// <summary>Seconds as a JSON float, always with a decimal point (120.0, not 120), as v1's Python wrote them.</summary>
    private void WriteSeconds(string name, double seconds)
    {
        var text = double.IsFinite(seconds) ? seconds.ToString("R", CultureInfo.InvariantCulture) : "0";
        if (text.IndexOfAny(['.', 'E']) < 0)
            text += ".0";
        _json.WritePropertyName(name);
        _json.WriteRawValue(text);
    }

    private void WriteStringOrNull(string name, string? value)
    {
        if (value is null)
            _json.WriteNull(name);
        else
            _json.WriteString(name, value);
    }

    public void Dispose() => _json.Dispose();
}
