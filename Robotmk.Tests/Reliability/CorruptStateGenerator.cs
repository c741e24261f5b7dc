using System.Text;
using Newtonsoft.Json.Linq;

namespace Robotmk.Tests.Reliability;

/// <summary>How a corrupt state file must be judged by a reader that reports it.</summary>
public enum Corruption
{
    /// <summary>Not a readable state: cut, not JSON, wrong JSON types, wrong encoding, too deep.</summary>
    Unreadable,
    /// <summary>Readable, with times in the future (a clock that went backwards, a corrupted value).</summary>
    FutureTime,
    /// <summary>Readable JSON with odd values a reader may accept or refuse.</summary>
    Odd,
}

public sealed record CorruptState(string Name, Corruption Kind, byte[] Bytes);

/// <summary>Corrupt versions of a real suite state file (or runner state file) written by the runner.</summary>
public static class CorruptStateGenerator
{
    private static readonly (string Name, JToken Value)[] WrongValues =
    [
        ("list", new JArray(1, 2)), ("object", new JObject { ["x"] = 1 }), ("text", "x"), ("fraction", 1.5), ("negative", -1),
        ("true", true), ("huge integer", JToken.Parse("99999999999999999999")),
    ];

    /// <summary>Fields a reader of the section needs, with their JSON type: a wrong type there makes the file unreadable.</summary>
    private static readonly Dictionary<string, JTokenType> SuiteFields = new()
    {
        ["id"] = JTokenType.String, ["state"] = JTokenType.String, ["running_since"] = JTokenType.String, ["result"] = JTokenType.Object,
        ["result.status"] = JTokenType.String, ["result.error"] = JTokenType.String, ["result.cache_time"] = JTokenType.Integer,
        ["result.execution_interval"] = JTokenType.Integer, ["result.start_time"] = JTokenType.String, ["result.end_time"] = JTokenType.String,
        ["result.xml"] = JTokenType.String, ["result.htmllog"] = JTokenType.String, ["result.rc"] = JTokenType.Integer,
        ["result.attempts"] = JTokenType.Integer, ["result.run_id"] = JTokenType.String, ["result.timed_out"] = JTokenType.Boolean,
        ["result.outcome"] = JTokenType.String,
    };

    /// <summary>Further fields of the file that the section does not take from it.</summary>
    private static readonly string[] OtherSuiteFields = ["schema", "running_run_id", "result.path", "result.tag", "result.max_executions", "result.piggybackhost", "result.duration"];

    public static IEnumerable<CorruptState> Suite(byte[] valid)
    {
        foreach (var c in Truncations(valid)) yield return c;
        foreach (var c in NotAState()) yield return c;
        foreach (var c in Encodings(valid)) yield return c;
        foreach (var c in Huge(valid)) yield return c;

        var json = JObject.Parse(Encoding.UTF8.GetString(valid));
        foreach (var (path, type) in SuiteFields)
        {
            foreach (var (name, value) in WrongValues)
            {
                if (Matches(value, type))
                    continue;
                yield return new CorruptState($"{path} = {name}", Corruption.Unreadable, Bytes(Set(json, path, value)));
            }
        }
        foreach (var path in OtherSuiteFields)
            foreach (var (name, value) in WrongValues)
                yield return new CorruptState($"{path} = {name}", Corruption.Odd, Bytes(Set(json, path, value)));
        foreach (var path in SuiteFields.Keys.Concat(OtherSuiteFields).Where(p => p.StartsWith("result.", StringComparison.Ordinal)))
            yield return new CorruptState($"{path} missing", Corruption.Odd, Without(json, path));
        foreach (var path in new[] { "result.xml", "result.htmllog" })
        {
            yield return new CorruptState($"{path} not base64", Corruption.Odd, Bytes(Set(json, path, "*** not base64 ***")));
            yield return new CorruptState($"{path} base64 of garbage", Corruption.Odd, Bytes(Set(json, path, Convert.ToBase64String(Encoding.UTF8.GetBytes("garbage")))));
        }
        foreach (var value in new[] { "nonfatal ", "FATAL", "", "passed" })
            yield return new CorruptState($"result.status '{value}'", Corruption.Odd, Bytes(Set(json, "result.status", value)));
        foreach (var value in new[] { "2300-01-01T00:00:00.000000+00:00", "9999-12-31T23:59:59.999999+00:00", "2100-06-01T12:00:00+14:00" })
        {
            yield return new CorruptState($"end_time {value}", Corruption.FutureTime, Bytes(Set(json, "result.end_time", value)));
            yield return new CorruptState($"start and end {value}", Corruption.FutureTime, Bytes(Set(Set(json, "result.start_time", value), "result.end_time", value)));
        }
        foreach (var value in new[] { "yesterday", "0001-01-01T00:00:00+00:00", "2026-13-45T99:99:99+00:00", "+275760-09-13T00:00:00Z", "" })
        {
            yield return new CorruptState($"end_time '{value}'", Corruption.Odd, Bytes(Set(json, "result.end_time", value)));
            yield return new CorruptState($"start_time '{value}'", Corruption.Odd, Bytes(Set(json, "result.start_time", value)));
        }
        foreach (var value in new object[] { double.NaN, double.PositiveInfinity, -5.0, 1e300 })
            yield return new CorruptState($"result.duration {value}", Corruption.Odd,
                Encoding.UTF8.GetBytes(json.ToString(Newtonsoft.Json.Formatting.None).Replace("\"duration\":", $"\"duration\":{Format(value)},\"x\":", StringComparison.Ordinal)));
        // A number beyond the range of a double reads as infinity, which cannot be written back: refused when read.
        yield return new CorruptState("result.duration 1e999", Corruption.Odd,
            Encoding.UTF8.GetBytes(json.ToString(Newtonsoft.Json.Formatting.None).Replace("\"duration\":", "\"duration\":1e999,\"x\":", StringComparison.Ordinal)));
        yield return new CorruptState("id of another suite", Corruption.Odd, Bytes(Set(json, "id", "someone_else")));
        yield return new CorruptState("state running without run id", Corruption.Odd, Bytes(Set(json, "state", "running")));
        yield return new CorruptState("unknown state", Corruption.Odd, Bytes(Set(json, "state", "exploded")));
        yield return new CorruptState("duplicate keys", Corruption.Odd,
            Encoding.UTF8.GetBytes("{\"id\":\"a\",\"id\":\"b\"," + json.ToString(Newtonsoft.Json.Formatting.None)[1..]));
        yield return new CorruptState("trailing garbage", Corruption.Unreadable, [.. valid, .. "}{"u8.ToArray()]);
        yield return new CorruptState("two objects", Corruption.Unreadable, [.. valid, .. valid]);
        yield return new CorruptState("comment inside", Corruption.Unreadable, Encoding.UTF8.GetBytes("{/* c */" + json.ToString(Newtonsoft.Json.Formatting.None)[1..]));
    }

    public static IEnumerable<CorruptState> Runner(byte[] valid)
    {
        foreach (var c in Truncations(valid)) yield return c;
        foreach (var c in NotAState()) yield return c;
        foreach (var c in Encodings(valid)) yield return c;
        var json = JObject.Parse(Encoding.UTF8.GetString(valid));
        foreach (var path in new[] { "status", "pid", "run_id", "start_time", "end_time", "heartbeat", "config", "config.encoding", "config.execution_mode", "config.robotmk_version", "config.suites", "config.cache_time", "last_run", "last_run.runtime_total", "last_run.run_id" })
            foreach (var (name, value) in WrongValues)
                yield return new CorruptState($"runner {path} = {name}", Corruption.Odd, Bytes(Set(json, path, value)));
        yield return new CorruptState("runner last_run.runtime_total 1e999", Corruption.Odd,
            Encoding.UTF8.GetBytes(json.ToString(Newtonsoft.Json.Formatting.None).Replace("\"runtime_total\":", "\"runtime_total\":1e999,\"x\":", StringComparison.Ordinal)));
        foreach (var (path, value) in new[] { ("config.encoding", "rot13"), ("config.encoding", "ZLIB_CODEC"), ("config.execution_mode", "agent_parallel"), ("config.execution_mode", "") })
            yield return new CorruptState($"runner {path} '{value}'", Corruption.Unreadable, Bytes(Set(json, path, value)));
        foreach (var path in new[] { "heartbeat", "start_time", "end_time", "last_run.end_time" })
            yield return new CorruptState($"runner {path} in 2300", Corruption.FutureTime, Bytes(Set(json, path, "2300-01-01T00:00:00.000000+00:00")));
    }

    private static string Format(object v) => v switch
    {
        double d when double.IsNaN(d) => "NaN",
        double d when double.IsPositiveInfinity(d) => "Infinity",
        double d => d.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
        _ => v.ToString()!,
    };

    private static bool Matches(JToken value, JTokenType type) =>
        value.Type == type || (type == JTokenType.Object && value.Type == JTokenType.Object);

    /// <summary>Cut at 40 places spread over the file, including 0 bytes and all but the last byte.</summary>
    private static IEnumerable<CorruptState> Truncations(byte[] valid)
    {
        var cuts = Enumerable.Range(0, 40).Select(i => (int)((long)i * (valid.Length - 1) / 39)).Append(valid.Length - 1).Distinct();
        foreach (var cut in cuts)
            yield return new CorruptState($"cut at {cut} of {valid.Length} bytes", Corruption.Unreadable, valid[..cut]);
    }

    private static IEnumerable<CorruptState> NotAState()
    {
        foreach (var text in new[] { "", " ", "\n\n", "null", "[]", "{}", "\"text\"", "42", "true", "{\"id\":", "{]", "<xml/>", "\0\0\0\0" })
            yield return new CorruptState($"content {Escape(text)}", Corruption.Unreadable, Encoding.UTF8.GetBytes(text));
    }

    private static IEnumerable<CorruptState> Encodings(byte[] valid)
    {
        var text = Encoding.UTF8.GetString(valid);
        yield return new CorruptState("UTF-16 LE with BOM", Corruption.Unreadable, [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(text)]);
        yield return new CorruptState("UTF-16 BE with BOM", Corruption.Unreadable, [.. Encoding.BigEndianUnicode.GetPreamble(), .. Encoding.BigEndianUnicode.GetBytes(text)]);
        yield return new CorruptState("UTF-16 LE without BOM", Corruption.Unreadable, Encoding.Unicode.GetBytes(text));
        yield return new CorruptState("UTF-32 with BOM", Corruption.Unreadable, [.. Encoding.UTF32.GetPreamble(), .. Encoding.UTF32.GetBytes(text)]);
        var latin1 = text[..1] + "\"note\":\"Gr\u00fc\u00dfe\"," + text[1..];
        yield return new CorruptState("Latin-1 text in an extra field", Corruption.Odd, Encoding.Latin1.GetBytes(latin1));
        // Inside a field every reader needs: the key, then the value of "state" (suite) or "status" (runner).
        var field = text.Contains("\"state\":\"", StringComparison.Ordinal) ? "state" : "status";
        var key = text.IndexOf($"\"{field}\":\"", StringComparison.Ordinal);
        foreach (var bad in new byte[][] { [0xFF], [0xC0, 0x80], [0xED, 0xA0, 0x80], [0x80] })
        {
            yield return new CorruptState($"invalid UTF-8 {Convert.ToHexString(bad)} in the key '{field}'", Corruption.Unreadable,
                [.. Encoding.UTF8.GetBytes(text[..(key + 2)]), .. bad, .. Encoding.UTF8.GetBytes(text[(key + 2)..])]);
            var value = key + field.Length + 4;
            yield return new CorruptState($"invalid UTF-8 {Convert.ToHexString(bad)} in the value of '{field}'", Corruption.Unreadable,
                [.. Encoding.UTF8.GetBytes(text[..value]), .. bad, .. Encoding.UTF8.GetBytes(text[value..])]);
            // In a field no reader of the section needs, it may go unnoticed; it must not reach the section.
            yield return new CorruptState($"invalid UTF-8 {Convert.ToHexString(bad)} in an extra field", Corruption.Odd,
                [.. Encoding.UTF8.GetBytes(text[..1] + "\"note\":\""), .. bad, .. Encoding.UTF8.GetBytes("\"," + text[1..])]);
        }
        if (text.Contains("\"xml\":\"", StringComparison.Ordinal))
        {
            var xml = text.IndexOf("\"xml\":\"", StringComparison.Ordinal) + 7;
            yield return new CorruptState("invalid UTF-8 inside the xml payload", Corruption.Unreadable,
                [.. Encoding.UTF8.GetBytes(text[..xml]), 0xFF, 0xFE, .. Encoding.UTF8.GetBytes(text[xml..])]);
        }
        yield return new CorruptState("UTF-8 BOM", Corruption.Odd, [0xEF, 0xBB, 0xBF, .. valid]);
        yield return new CorruptState("NUL inside", Corruption.Unreadable, [.. valid[..(valid.Length / 2)], 0, .. valid[(valid.Length / 2)..]]);
    }

    private static IEnumerable<CorruptState> Huge(byte[] valid)
    {
        yield return new CorruptState("40 MB of spaces before the object", Corruption.Odd, [.. Enumerable.Repeat((byte)' ', 40 * 1024 * 1024), .. valid]);
        yield return new CorruptState("arrays nested 100000 deep", Corruption.Unreadable,
            Encoding.UTF8.GetBytes("{\"id\":\"a\",\"x\":" + new string('[', 100_000) + new string(']', 100_000) + "}"));
        yield return new CorruptState("objects nested 40 deep", Corruption.Unreadable,
            Encoding.UTF8.GetBytes("{\"id\":\"a\",\"x\":" + string.Concat(Enumerable.Repeat("{\"k\":", 40)) + "1" + new string('}', 40) + "}"));
        yield return new CorruptState("80 MB error text", Corruption.Odd,
            Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(valid).Replace("\"state\":", "\"junk\":\"" + new string('e', 80 * 1024 * 1024) + "\",\"state\":", StringComparison.Ordinal)));
    }

    private static JObject Set(JObject json, string path, JToken value)
    {
        var copy = (JObject)json.DeepClone();
        var parts = path.Split('.');
        var parent = parts.Length == 1 ? copy : (JObject)(copy[parts[0]] ?? throw new ArgumentException(path));
        parent[parts[^1]] = value.DeepClone();
        return copy;
    }

    private static byte[] Bytes(JObject json) => Encoding.UTF8.GetBytes(json.ToString(Newtonsoft.Json.Formatting.None));

    private static byte[] Without(JObject json, string path)
    {
        var copy = (JObject)json.DeepClone();
        var parts = path.Split('.');
        ((JObject)copy[parts[0]]!).Remove(parts[1]);
        return Encoding.UTF8.GetBytes(copy.ToString(Newtonsoft.Json.Formatting.None));
    }

    private static string Escape(string s) => s.Replace("\0", "\\0").Replace("\n", "\\n");
}
