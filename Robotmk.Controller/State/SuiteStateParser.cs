using System.Text.Json;

namespace Robotmk.Controller.State;

/// <summary>
/// Reads <c>robotmk_&lt;id&gt;.json</c> with a forward-only <see cref="Utf8JsonReader"/>: small fields become values,
/// the encoded payloads stay slices of the file's bytes (<see cref="RawJsonString"/>), so a large result is never
/// decoded into strings or copied. No reflection: the controller stays NativeAOT-compatible.
/// </summary>
public static class SuiteStateParser
{
    private static readonly JsonReaderOptions Options = new() { MaxDepth = 32, CommentHandling = JsonCommentHandling.Disallow };

    /// <param name="utf8">The whole file; the returned payload slices point into it.</param>
    /// <exception cref="JsonException">not JSON</exception>
    /// <exception cref="StateFormatException">JSON, but not a suite state</exception>
    public static StoredSuite Parse(ReadOnlyMemory<byte> utf8)
    {
        var reader = new Utf8JsonReader(utf8.Span, Options);
        Expect(ref reader, JsonTokenType.StartObject, "$");

        string? id = null, state = null, runningSince = null;
        StoredResult? result = null;
        while (NextProperty(ref reader) is { } name)
        {
            switch (name)
            {
                case "id": id = ReadString(ref reader, name); break;
                case "state": state = ReadString(ref reader, name); break;
                case "running_since": runningSince = ReadString(ref reader, name); break;
                case "result": result = ReadResult(ref reader, utf8); break;
                default: reader.Skip(); break;
            }
        }
        if (reader.Read())
            throw new StateFormatException("$", "content after the end of the JSON object");

        if (id is null)
            throw new StateFormatException("id", "missing");
        state ??= result is null ? "pending" : "done";
        return new StoredSuite(id, state, runningSince, result);
    }

    private static StoredResult? ReadResult(ref Utf8JsonReader reader, ReadOnlyMemory<byte> utf8)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.Null)
            return null;
        if (reader.TokenType != JsonTokenType.StartObject)
            throw new StateFormatException("result", $"expected an object or null, found {reader.TokenType}");

        string? status = null, error = null, startTime = null, endTime = null, runId = null, outcome = null;
        int? cacheTime = null, interval = null, rc = null, attempts = null;
        RawJsonString? xml = null, html = null;
        var timedOut = false;
        while (NextProperty(ref reader) is { } name)
        {
            var path = "result." + name;
            switch (name)
            {
                case "status": status = ReadString(ref reader, path); break;
                case "error": error = ReadString(ref reader, path); break;
                case "cache_time": cacheTime = ReadInt(ref reader, path); break;
                case "execution_interval": interval = ReadInt(ref reader, path); break;
                case "start_time": startTime = ReadString(ref reader, path); break;
                case "end_time": endTime = ReadString(ref reader, path); break;
                case "xml": xml = ReadRaw(ref reader, utf8, path); break;
                case "htmllog": html = ReadRaw(ref reader, utf8, path); break;
                case "rc": rc = ReadInt(ref reader, path); break;
                case "attempts": attempts = ReadInt(ref reader, path); break;
                case "run_id": runId = ReadString(ref reader, path); break;
                case "timed_out": timedOut = ReadBool(ref reader, path); break;
                case "outcome": outcome = ReadString(ref reader, path); break;
                default: reader.Skip(); break;
            }
        }
        return new StoredResult
        {
            Status = status ?? throw new StateFormatException("result.status", "missing"),
            Error = error, CacheTime = cacheTime, ExecutionInterval = interval, StartTime = startTime, EndTime = endTime,
            Xml = xml, HtmlLog = html, Rc = rc, Attempts = attempts, RunId = runId, TimedOut = timedOut, Outcome = outcome,
        };
    }

    /// <summary>Advances to the next property of the current object and returns its name, or null at the object's end.</summary>
    private static string? NextProperty(ref Utf8JsonReader reader)
    {
        reader.Read();
        return reader.TokenType == JsonTokenType.EndObject ? null : reader.GetString();
    }

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType type, string path)
    {
        if (!reader.Read() || reader.TokenType != type)
            throw new StateFormatException(path, $"expected {type}, found {reader.TokenType}");
    }

    private static string? ReadString(ref Utf8JsonReader reader, string path)
    {
        reader.Read();
        return reader.TokenType switch
        {
            JsonTokenType.String => reader.GetString(),
            JsonTokenType.Null => null,
            _ => throw new StateFormatException(path, $"expected a string, found {reader.TokenType}"),
        };
    }

    private static int? ReadInt(ref Utf8JsonReader reader, string path)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.Null)
            return null;
        if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt32(out var value))
            throw new StateFormatException(path, $"expected an integer, found {reader.TokenType}");
        return value;
    }

    private static bool ReadBool(ref Utf8JsonReader reader, string path)
    {
        reader.Read();
        return reader.TokenType switch
        {
            JsonTokenType.True => true,
            JsonTokenType.False or JsonTokenType.Null => false,
            _ => throw new StateFormatException(path, $"expected true or false, found {reader.TokenType}"),
        };
    }

    private static RawJsonString? ReadRaw(ref Utf8JsonReader reader, ReadOnlyMemory<byte> utf8, string path)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.Null)
            return null;
        if (reader.TokenType != JsonTokenType.String)
            throw new StateFormatException(path, $"expected a string, found {reader.TokenType}");
        // For a string token, ValueSpan is the raw (still escaped) text between the quotes.
        return new RawJsonString(utf8.Slice((int)reader.TokenStartIndex, reader.ValueSpan.Length + 2));
    }
}
