namespace Robotmk.Controller.Section;

/// <summary>
/// Writes <c>robotmk</c> sections (SPEC §1) to a stream: a header line, then one compact JSON line per block;
/// piggyback blocks are framed by <c>&lt;&lt;&lt;&lt;host&gt;&gt;&gt;&gt;</c> and <c>&lt;&lt;&lt;&lt;&gt;&gt;&gt;&gt;</c>.
/// Suites are written one at a time and payloads are copied as the raw JSON tokens of the state file, so the
/// memory used does not grow with the number of suites or with a second copy of a payload. UTF-8 without BOM, '\n' line ends.
/// </summary>
public sealed class SectionWriter(Stream output)
{
    public static readonly byte[] Header = "<<<robotmk:sep(0)>>>\n"u8.ToArray();
    public static readonly byte[] PiggybackEnd = "<<<<>>>>\n"u8.ToArray();

    private JsonLineWriter? _json;
    private string? _piggybackHost;

    /// <param name="piggybackHost">null for the local block; else the host the block is assigned to.</param>
    public void BeginBlock(RunnerObject runner, string? piggybackHost)
    {
        if (_json is not null)
            throw new InvalidOperationException("the previous block is not finished");
        _piggybackHost = piggybackHost;
        if (piggybackHost is not null)
            output.Write(System.Text.Encoding.UTF8.GetBytes($"<<<<{piggybackHost}>>>>\n"));
        output.Write(Header);

        var j = _json = new JsonLineWriter(output);
        j.StartObject();
        j.StartObject("runner");
        WriteRunner(j, runner, piggybackHost);
        j.EndObject();
        j.StartArray("suites");
    }

    public void WriteSuite(SuiteEntry e)
    {
        var j = _json ?? throw new InvalidOperationException("no block is open");
        j.StartObject();
        j.String("id", e.Id);
        j.String("status", e.Status);
        j.StringOrNull("error", e.Error);
        j.Int("cache_time", e.CacheTime);
        j.Int("execution_interval", e.ExecutionInterval);
        j.String("start_time", e.StartTime);
        if (e.EndTime is not null)
            j.String("end_time", e.EndTime);
        j.String("path", e.Path);
        j.StringOrNull("tag", e.Tag);
        if (e.Xml is { } xml)
            j.Raw("xml", xml.Token.Span);
        else
            j.Null("xml");
        if (e.HtmlLog is { } html)
            j.Raw("htmllog", html.Token.Span);
        else
            j.Null("htmllog");
        j.Int("rc", e.Rc);
        j.Int("attempts", e.Attempts);
        j.Int("max_executions", e.MaxExecutions);
        j.StringOrNull("piggybackhost", e.PiggybackHost);
        j.String("state", e.State);
        if (e.RunId is not null)
            j.String("run_id", e.RunId);
        j.Bool("timed_out", e.TimedOut);
        if (e.Outcome is not null)
            j.String("outcome", e.Outcome);
        j.EndObject();
    }

    public void EndBlock()
    {
        var j = _json ?? throw new InvalidOperationException("no block is open");
        j.EndArray();
        j.EndObject();
        output.WriteByte((byte)'\n');
        if (_piggybackHost is not null)
            output.Write(PiggybackEnd);
        output.Flush();
        _json = null;
    }

    private static void WriteRunner(JsonLineWriter j, RunnerObject r, string? piggybackHost)
    {
        j.String("encoding", r.Encoding);
        j.String("robotmk_version", r.RobotmkVersion);
        j.String("execution_mode", r.ExecutionMode);
        j.String("start_time", r.StartTime);
        j.String("end_time", r.EndTime);
        j.StartArray("assigned_host");
        if (piggybackHost is not null)
            j.StringValue(piggybackHost);
        j.EndArray();
        if (r.Runtimes is { } rt)
        {
            j.Seconds("runtime_total", rt.Total);
            j.Seconds("runtime_suites", rt.Suites);
            j.Seconds("runtime_robotmk", rt.Robotmk);
        }
        j.Bool("selective_run", false);
        j.Int("cache_time", r.CacheTime);
        j.Int("execution_interval", r.ExecutionInterval);
        j.Bool("is_piggyback_result", piggybackHost is not null);
        j.String("product_version", r.ProductVersion);
        j.String("runner_status", r.RunnerStatus);
        if (r.RunId is not null)
            j.String("run_id", r.RunId);
        if (r.Heartbeat is not null)
            j.String("heartbeat", r.Heartbeat);
        j.StartArray("errors");
        foreach (var error in r.Errors)
            j.StringValue(error);
        j.EndArray();
    }
}
