using System.Text;
using Newtonsoft.Json;
using Robotmk.Runner.Cli;
using Robotmk.Runner.Coordination;
using Robotmk.State;
using Robotmk.Time;

namespace Robotmk.Tests.Cli;

/// <summary>
/// The runner's section is written with the in-box JSON writer (NativeAOT-safe); the server check and the agent's cache
/// have always seen what Newtonsoft.Json wrote. These tests keep the bytes the same: every string the section can carry
/// (messages, errors, suite ids from the config and from RF) is compared with Newtonsoft.Json's rendering.
/// </summary>
public class RunnerSectionTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 6, 10, 0, 0, TimeSpan.Zero);

    [Test]
    public void A_completed_run_renders_header_and_one_json_line()
    {
        var report = new RunReport(RunStatus.Completed, "20261206T100000Z-1", Start, Start.AddSeconds(3))
        {
            Skipped = ["late"],
            Errors = ["cannot write 'x'"],
        };
        var text = RunnerSection.Render(report, "agent_serial");
        Assert.That(text, Is.EqualTo(
            "<<<robotmk_runner:sep(0)>>>\n" +
            $"{{\"version\":\"{ProductInfo.Version}\",\"execution_mode\":\"agent_serial\",\"status\":\"completed\",\"run_id\":\"20261206T100000Z-1\"," +
            "\"start_time\":\"2026-12-06T10:00:00.000000+00:00\",\"end_time\":\"2026-12-06T10:00:03.000000+00:00\",\"suites_run\":0,\"passed\":0,\"failed\":0,\"fatal\":0," +
            "\"skipped\":[\"late\"],\"deferred\":[],\"not_due\":[],\"errors\":[\"cannot write 'x'\"],\"message\":null}\n"));
    }

    [TestCase(RunStatus.Completed)]
    [TestCase(RunStatus.AlreadyRunning)]
    [TestCase(RunStatus.ConfigError)]
    [TestCase(RunStatus.StateDirUnusable)]
    [TestCase(RunStatus.InternalError)]
    public void Every_status_renders_as_newtonsoft_did(RunStatus status)
    {
        var report = new RunReport(status, "r", Start, Start) { Message = "m" };
        Assert.That(RunnerSection.Render(report, "external"), Is.EqualTo(Reference(report, "external")));
    }

    [Test]
    public void Every_character_is_escaped_as_newtonsoft_did()
    {
        // All of the BMP in chunks (control characters, quotes, backslash, U+0085, U+2028/9, HTML characters,
        // non-ASCII), plus a surrogate pair and a lone surrogate.
        var texts = new List<string>();
        var chunk = new StringBuilder();
        for (var c = 0; c <= 0xFFFF; c++)
        {
            if (c is >= 0xD800 and <= 0xDFFF)
                continue;
            chunk.Append((char)c);
            if (chunk.Length == 4096)
            {
                texts.Add(chunk.ToString());
                chunk.Clear();
            }
        }
        texts.Add(chunk.ToString());
        texts.Add("emoji \U0001F600 <tag> & 'q' \"dq\" \\ \u2028 \u0085 \u007f");
        texts.Add("lone \uD800 surrogate");
        var report = new RunReport(RunStatus.Completed, "id \"x\" \n", Start, Start)
        {
            Skipped = [.. texts],
            Errors = [.. texts],
            Message = string.Concat(texts),
        };
        Assert.That(Bytes(RunnerSection.Render(report, "agent_serial")), Is.EqualTo(Bytes(Reference(report, "agent_serial"))));
    }

    /// <summary>What the agent receives: the runner writes its stdout as UTF-8.</summary>
    private static byte[] Bytes(string text) => new UTF8Encoding(false).GetBytes(text);

    /// <summary>The section as it was rendered with Newtonsoft.Json before.</summary>
    private static string Reference(RunReport report, string mode)
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
            foreach (var (name, ids) in new[] { ("skipped", report.Skipped), ("deferred", report.Deferred), ("not_due", report.NotDue), ("errors", report.Errors) })
            {
                w.WritePropertyName(name);
                w.WriteStartArray();
                foreach (var id in ids) w.WriteValue(id);
                w.WriteEndArray();
            }
            Prop(w, "message", report.Message);
            w.WriteEndObject();
        }
        return RunnerSection.Header + "\n" + sw + "\n";
    }

    private static void Prop(JsonWriter w, string name, object? value)
    {
        w.WritePropertyName(name);
        w.WriteValue(value);
    }
}
