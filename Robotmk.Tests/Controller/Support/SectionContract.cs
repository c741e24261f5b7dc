using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Robotmk.Runner.RobotFramework;
using Robotmk.Sections;
using Robotmk.Tests.Compat;

namespace Robotmk.Tests.Controller.Support;

/// <summary>One robotmk block of an agent output: its piggyback host (null: local) and its parsed JSON.</summary>
public sealed record SectionBlock(string? Host, JsonObject Json)
{
    public JsonObject Runner => Json["runner"]!.AsObject();
    public IReadOnlyList<JsonObject> Suites => [.. Json["suites"]!.AsArray().Select(s => s!.AsObject())];
    public JsonObject Suite(string id) => Suites.Single(s => (string)s["id"]! == id);
}

/// <summary>
/// SPEC §1 as executable checks: splits an agent output into blocks and checks every block, key, type and null rule
/// the Robotmk 1.6.0 server check depends on, and that payloads decode to well-formed, sanitized RF XML that the check
/// can read (<see cref="ServerCheckXml"/>).
/// </summary>
public static partial class SectionContract
{
    [GeneratedRegex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,6})?[+-]\d\d:\d\d$")]
    private static partial Regex IsoWithOffset();

    private static readonly string[] RunnerKeys =
    [
        "encoding", "robotmk_version", "execution_mode", "start_time", "end_time", "assigned_host",
        "selective_run", "cache_time", "execution_interval", "is_piggyback_result",
    ];

    private static readonly string[] SuiteKeys =
    [
        "id", "status", "error", "cache_time", "execution_interval", "start_time", "path", "tag", "xml", "htmllog",
        "rc", "attempts", "max_executions", "piggybackhost",
    ];

    /// <summary>Parses and checks; fails the test with every violation found.</summary>
    public static IReadOnlyList<SectionBlock> Check(byte[] output)
    {
        var (blocks, problems) = Validate(output);
        Assert.That(problems, Is.Empty, "agent output violates SPEC §1:\n" + string.Join("\n", problems));
        return blocks;
    }

    public static (IReadOnlyList<SectionBlock> Blocks, IReadOnlyList<string> Problems) Validate(byte[] output)
    {
        var problems = new List<string>();
        var blocks = new List<SectionBlock>();
        if (output.Length >= 3 && output[0] == 0xEF && output[1] == 0xBB && output[2] == 0xBF)
            problems.Add("output starts with a UTF-8 BOM");
        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(output);
        }
        catch (DecoderFallbackException ex)
        {
            return (blocks, [$"output is not valid UTF-8: {ex.Message}"]);
        }
        if (!text.EndsWith('\n'))
            problems.Add("output does not end with a newline");
        if (text.Contains('\r'))
            problems.Add("output contains a carriage return");

        var lines = text.TrimEnd('\n').Split('\n');
        var i = 0;
        var hosts = new HashSet<string>(StringComparer.Ordinal);
        while (i < lines.Length)
        {
            string? host = null;
            if (lines[i].StartsWith("<<<<", StringComparison.Ordinal) && lines[i] != "<<<<>>>>")
            {
                var m = Regex.Match(lines[i], "^<<<<([^<>]+)>>>>$");
                if (!m.Success)
                {
                    problems.Add($"line {i + 1}: malformed piggyback header '{lines[i]}'");
                    break;
                }
                host = m.Groups[1].Value;
                if (!hosts.Add(host))
                    problems.Add($"piggyback host '{host}' has more than one block");
                i++;
            }
            if (i >= lines.Length || lines[i] != "<<<robotmk:sep(0)>>>")
            {
                problems.Add($"line {i + 1}: expected the header <<<robotmk:sep(0)>>>, found '{(i < lines.Length ? lines[i] : "end of output")}'");
                break;
            }
            if (blocks.Count == 0 && host is not null)
                problems.Add("the first block is a piggyback block; the local block must come first");
            if (blocks.Count > 0 && host is null)
                problems.Add($"line {i + 1}: a second local robotmk block");
            i++;
            if (i >= lines.Length)
            {
                problems.Add("header without JSON line");
                break;
            }
            JsonObject json;
            try
            {
                json = JsonNode.Parse(lines[i], documentOptions: new JsonDocumentOptions { AllowDuplicateProperties = false })!.AsObject();
            }
            catch (Exception ex) when (ex is JsonException or InvalidOperationException)
            {
                problems.Add($"line {i + 1}: not one JSON object: {ex.Message}");
                break;
            }
            i++;
            if (host is not null)
            {
                if (i >= lines.Length || lines[i] != "<<<<>>>>")
                    problems.Add($"piggyback block of '{host}' is not closed by <<<<>>>>");
                else
                    i++;
            }
            var block = new SectionBlock(host, json);
            CheckBlock(block, problems);
            blocks.Add(block);
        }
        if (blocks.Count == 0)
            problems.Add("no robotmk block");
        else
            CheckAcrossBlocks(blocks, problems);
        return (blocks, problems);
    }

    private static void CheckBlock(SectionBlock block, List<string> problems)
    {
        var where = block.Host is null ? "local block" : $"block of '{block.Host}'";
        if (block.Json["runner"] is not JsonObject runner || block.Json["suites"] is not JsonArray suites)
        {
            problems.Add($"{where}: needs a 'runner' object and a 'suites' list");
            return;
        }
        foreach (var key in RunnerKeys.Where(k => !runner.ContainsKey(k)))
            problems.Add($"{where}: runner.{key} is missing");
        var encoding = Str(runner, "encoding");
        if (encoding is not ("zlib_codec" or "base64_codec" or "utf_8"))
            problems.Add($"{where}: runner.encoding '{encoding}' is not zlib_codec, base64_codec or utf_8");
        if (Str(runner, "robotmk_version") is null)
            problems.Add($"{where}: runner.robotmk_version must be a string");
        var mode = Str(runner, "execution_mode");
        if (mode is not ("agent_serial" or "external"))
            problems.Add($"{where}: runner.execution_mode '{mode}' is not agent_serial or external");
        foreach (var key in new[] { "start_time", "end_time" })
            if (Str(runner, key) is not { } t || !IsoWithOffset().IsMatch(t))
                problems.Add($"{where}: runner.{key} must be ISO 8601 with UTC offset, is {runner[key]?.ToJsonString() ?? "null"}");
        if (runner["assigned_host"] is not JsonArray assigned || assigned.Any(h => h?.GetValueKind() != JsonValueKind.String))
            problems.Add($"{where}: runner.assigned_host must be a list of strings");
        else
        {
            string[] expected = block.Host is null ? [] : [block.Host];
            if (!assigned.Select(h => (string)h!).SequenceEqual(expected))
                problems.Add($"{where}: runner.assigned_host is {assigned.ToJsonString()}, expected [{string.Join(",", expected)}]");
        }
        var runtimes = new[] { "runtime_total", "runtime_suites", "runtime_robotmk" }.Count(runner.ContainsKey);
        if (runtimes is not (0 or 3))
            problems.Add($"{where}: runtime_total, runtime_suites and runtime_robotmk must be present together");
        foreach (var key in new[] { "runtime_total", "runtime_suites", "runtime_robotmk" }.Where(runner.ContainsKey))
            if (runner[key]?.GetValueKind() != JsonValueKind.Number)
                problems.Add($"{where}: runner.{key} must be a number");
        if (runner["selective_run"]?.GetValueKind() != JsonValueKind.False)
            problems.Add($"{where}: runner.selective_run must be false");
        if (Int(runner, "cache_time") is not > 0)
            problems.Add($"{where}: runner.cache_time must be a positive integer");
        if (Int(runner, "execution_interval") is not { } interval || (mode == "agent_serial" && interval <= 0))
            problems.Add($"{where}: runner.execution_interval must be an integer, positive in agent_serial mode");
        var isPiggyback = runner["is_piggyback_result"]?.GetValueKind();
        if (isPiggyback != (block.Host is null ? JsonValueKind.False : JsonValueKind.True))
            problems.Add($"{where}: runner.is_piggyback_result must be {(block.Host is null ? "false" : "true")}");

        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var node in suites)
        {
            if (node is not JsonObject suite)
            {
                problems.Add($"{where}: a suites entry is not an object");
                continue;
            }
            var id = Str(suite, "id") ?? "?";
            var at = $"{where}, suite '{id}'";
            if (!ids.Add(id))
                problems.Add($"{at}: listed twice");
            CheckSuite(suite, at, encoding, block.Host, problems);
        }
    }

    private static void CheckSuite(JsonObject s, string at, string? encoding, string? host, List<string> problems)
    {
        foreach (var key in SuiteKeys.Where(k => !s.ContainsKey(k)))
            problems.Add($"{at}: {key} is missing");
        if (Str(s, "id") is not { Length: > 0 })
            problems.Add($"{at}: id must be a non-empty string");
        var status = Str(s, "status");
        if (status is not ("nonfatal" or "fatal"))
            problems.Add($"{at}: status '{status}' is not nonfatal or fatal");
        var error = s["error"];
        if (status == "fatal")
        {
            if (error?.GetValueKind() != JsonValueKind.String || ((string)error!).Length == 0)
                problems.Add($"{at}: a fatal suite needs an error text");
            else if (((string)error!).IndexOfAny(['\n', '\r', '\u2028', '\u2029', '\u0085']) >= 0)
                problems.Add($"{at}: error contains a line break");
        }
        else if (error is not null)
            problems.Add($"{at}: a nonfatal suite has error {error.ToJsonString()}");
        if (Int(s, "cache_time") is not > 0)
            problems.Add($"{at}: cache_time must be a positive integer");
        if (Int(s, "execution_interval") is null)
            problems.Add($"{at}: execution_interval must be an integer");
        if (Str(s, "start_time") is not { } start || !IsoWithOffset().IsMatch(start))
            problems.Add($"{at}: start_time must be ISO 8601 with UTC offset, is {s["start_time"]?.ToJsonString() ?? "null"}");
        if (s.ContainsKey("end_time") && (Str(s, "end_time") is not { } end || !IsoWithOffset().IsMatch(end)))
            problems.Add($"{at}: end_time, when present, must be ISO 8601 with UTC offset (never null), is {s["end_time"]?.ToJsonString() ?? "null"}");
        if (Str(s, "path") is null)
            problems.Add($"{at}: path must be a string");
        if (s["tag"] is { } tag && tag.GetValueKind() != JsonValueKind.String)
            problems.Add($"{at}: tag must be a string or null");
        if (s["piggybackhost"] is { } pb && pb.GetValueKind() != JsonValueKind.String)
            problems.Add($"{at}: piggybackhost must be a string or null");
        if (host is not null && Str(s, "piggybackhost") != host)
            problems.Add($"{at}: listed in the block of '{host}' but its piggybackhost is {s["piggybackhost"]?.ToJsonString() ?? "null"}");
        var rc = Int(s, "rc");
        if (rc is null)
            problems.Add($"{at}: rc must be an integer, never null");
        if (Int(s, "attempts") is null || Int(s, "max_executions") is null)
            problems.Add($"{at}: attempts and max_executions must be integers");

        foreach (var key in new[] { "xml", "htmllog" })
        {
            var v = s[key];
            if (v is null)
                continue;
            if (v.GetValueKind() != JsonValueKind.String || ((string)v!).Length == 0)
                problems.Add($"{at}: {key} must be null or a non-empty string (never \"\")");
            else if (status == "fatal")
                problems.Add($"{at}: a fatal suite carries {key}");
        }
        if (status == "nonfatal")
        {
            if (rc >= 252)
                problems.Add($"{at}: rc {rc} >= 252 must be fatal");
            if (s.ContainsKey("end_time") && s["xml"] is null)
                problems.Add($"{at}: a finished nonfatal suite needs its xml");
        }
        if (s["xml"] is { } xml && xml.GetValueKind() == JsonValueKind.String && encoding is not null)
            CheckXml((string)xml!, encoding, at, problems);
        if (s["htmllog"] is { } html && html.GetValueKind() == JsonValueKind.String && encoding is not null)
        {
            var decoded = Decode((string)html!, encoding, at + ": htmllog", problems);
            if (decoded is not null && !decoded.StartsWith("<!DOCTYPE html>", StringComparison.Ordinal))
                problems.Add($"{at}: htmllog does not decode to an HTML document");
        }
    }

    private static void CheckXml(string payload, string encoding, string at, List<string> problems)
    {
        var text = Decode(payload, encoding, at + ": xml", problems);
        if (text is null)
            return;
        XDocument doc;
        try
        {
            doc = XDocument.Parse(text);
        }
        catch (System.Xml.XmlException ex)
        {
            problems.Add($"{at}: xml is not well-formed: {ex.Message}");
            return;
        }
        foreach (var problem in ServerCheckXml.Problems(doc))
            problems.Add($"{at}: the 1.6.0 check cannot read the xml: {problem}");
        foreach (var msg in doc.Descendants("msg").Where(m => m.Attribute("html") is not null))
            if (msg.Value != OutputXmlAdapter.HtmlNotice)
                problems.Add($"{at}: an HTML message was not sanitized: {msg.Value[..Math.Min(60, msg.Value.Length)]}");
    }

    public static string? Decode(string payload, string encoding, string at, List<string> problems)
    {
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(PayloadCodec.Decode(payload, encoding));
        }
        catch (Exception ex) when (ex is FormatException or InvalidDataException or DecoderFallbackException or ArgumentException)
        {
            problems.Add($"{at}: does not decode as {encoding}: {ex.Message}");
            return null;
        }
    }

    private static void CheckAcrossBlocks(List<SectionBlock> blocks, List<string> problems)
    {
        var local = blocks[0];
        if (local.Host is not null)
            return;
        var localIds = local.Suites.Select(s => (string?)s["id"]).ToHashSet();
        foreach (var block in blocks.Skip(1))
        {
            foreach (var s in block.Suites.Where(s => !localIds.Contains((string?)s["id"])))
                problems.Add($"block of '{block.Host}': suite '{s["id"]}' is missing in the local block");
        }
        foreach (var s in local.Suites)
        {
            if (Str(s, "piggybackhost") is not { } host)
                continue;
            var count = blocks.Count(b => b.Host == host && b.Suites.Any(x => (string?)x["id"] == (string?)s["id"]));
            if (count != 1)
                problems.Add($"suite '{s["id"]}' of piggyback host '{host}' appears in {count} blocks of that host, expected 1");
        }
    }

    private static string? Str(JsonObject o, string key) =>
        o[key] is { } v && v.GetValueKind() == JsonValueKind.String ? (string)v! : null;

    private static long? Int(JsonObject o, string key) =>
        o[key] is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<long>(out var n) ? n : null;
}
