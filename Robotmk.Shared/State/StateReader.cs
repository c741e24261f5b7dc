using Robotmk.Config;
using System.Text.Json;

namespace Robotmk.State;

/// <summary>
/// Reads one state file forward, token by token (<see cref="Utf8JsonReader"/>: no reflection, no serializer metadata to
/// build at start-up, NativeAOT-safe), for the records of the schema to take their values from. Every value that does
/// not fit is reported with its key path (<see cref="StateFormatException"/>); a payload stays a slice of the file's
/// bytes. JSON null counts as absent.
/// </summary>
internal ref struct StateReader
{
    private readonly ReadOnlyMemory<byte> _document;
    private Utf8JsonReader _reader;

    public StateReader(ReadOnlyMemory<byte> utf8)
    {
        // A UTF-8 byte order mark (a file saved by an editor) is no content; payloads stay slices of the same bytes.
        if (utf8.Span.StartsWith("\uFEFF"u8))
            utf8 = utf8[3..];
        _document = utf8;
        _reader = new Utf8JsonReader(utf8.Span, new JsonReaderOptions { MaxDepth = 32, CommentHandling = JsonCommentHandling.Disallow });
        _reader.Read();
    }

    /// <summary>The value at hand must be an object (a list item, the file itself): read it with <see cref="NextProperty"/>.</summary>
    public void RequireObject(string path)
    {
        if (_reader.TokenType != JsonTokenType.StartObject)
            throw Wrong(path, "an object");
    }

    /// <summary>True when the value at hand is an object (read it with <see cref="NextProperty"/>), false when it is null.</summary>
    public bool IsObject(string path) => _reader.TokenType switch
    {
        JsonTokenType.StartObject => true,
        JsonTokenType.Null => false,
        _ => throw Wrong(path, "an object"),
    };

    /// <summary>Moves to the value of the object's next key and returns the key, or null at the object's end.</summary>
    public string? NextProperty()
    {
        _reader.Read();
        if (_reader.TokenType == JsonTokenType.EndObject)
            return null;
        var name = Text();
        _reader.Read();
        return name;
    }

    /// <summary>After the root object: nothing but white space may follow.</summary>
    public void End()
    {
        if (_reader.Read())
            throw new StateFormatException("$", "content after the end of the JSON object");
    }

    /// <summary>True when the value at hand is a list (read it with <see cref="NextItem"/>), false when it is null.</summary>
    public bool IsList(string path) => _reader.TokenType switch
    {
        JsonTokenType.StartArray => true,
        JsonTokenType.Null => false,
        _ => throw Wrong(path, "a list"),
    };

    /// <summary>Moves to the list's next item; false at the list's end.</summary>
    public bool NextItem()
    {
        _reader.Read();
        return _reader.TokenType != JsonTokenType.EndArray;
    }

    /// <summary>Passes over a value the schema does not know, however deep.</summary>
    public void Skip() => _reader.Skip();

    public string? String(string path) => _reader.TokenType switch
    {
        JsonTokenType.String => Text(),
        JsonTokenType.Null => null,
        _ => throw Wrong(path, "a string"),
    };

    /// <summary>The string at hand; JSON text that is not UTF-8 is not JSON.</summary>
    private string Text()
    {
        try
        {
            return _reader.GetString()!;
        }
        catch (InvalidOperationException ex)
        {
            throw new JsonException($"invalid UTF-8 in a string ending at byte {_reader.BytesConsumed}", ex);
        }
    }

    public int? Int(string path) => _reader.TokenType switch
    {
        JsonTokenType.Number when _reader.TryGetInt32(out var i) => i,
        JsonTokenType.Null => null,
        _ => throw Wrong(path, "an integer"),
    };

    /// <summary>A finite number: a literal beyond the range of a double (1e999) reads as infinity, which no writer can write back.</summary>
    public double? Double(string path) => _reader.TokenType switch
    {
        JsonTokenType.Number when _reader.TryGetDouble(out var d) && double.IsFinite(d) => d,
        JsonTokenType.Number => throw new StateFormatException(path, "expected a finite number, found one out of range"),
        JsonTokenType.Null => null,
        _ => throw Wrong(path, "a number"),
    };

    public bool? Bool(string path) => _reader.TokenType switch
    {
        JsonTokenType.True => true,
        JsonTokenType.False => false,
        JsonTokenType.Null => null,
        _ => throw Wrong(path, "true or false"),
    };

    /// <summary>An encoded payload: the string token as a slice of the file's bytes, escapes not resolved.</summary>
    public RawJsonString? Raw(string path) => _reader.TokenType switch
    {
        // For a string token, ValueSpan is the raw (still escaped) text between the quotes.
        JsonTokenType.String => new RawJsonString(_document.Slice((int)_reader.TokenStartIndex, _reader.ValueSpan.Length + 2)),
        JsonTokenType.Null => null,
        _ => throw Wrong(path, "a string"),
    };

    /// <summary>One of the names of an enumeration; the message lists them in their order.</summary>
    public TEnum? Enum<TEnum>(string path, WireEnum<TEnum> names) where TEnum : struct, Enum
    {
        if (String(path) is not { } name)
            return null;
        if (names.TryParse(name, out var value))
            return value;
        var all = names.Names;
        throw new StateFormatException(path, all.Count == 2
            ? $"'{name}' is neither '{all[0]}' nor '{all[1]}'"
            : $"'{name}' is none of {string.Join(", ", all)}");
    }

    private StateFormatException Wrong(string path, string expected) =>
        new(path, $"expected {expected}, found {_reader.TokenType switch
        {
            JsonTokenType.StartObject => "Object",
            JsonTokenType.StartArray => "Array",
            var t => t.ToString(),
        }}");

    /// <summary>A key the schema requires, or the error that names it.</summary>
    public static string Required(string? value, string path) => value ?? throw new StateFormatException(path, "missing");

    /// <inheritdoc cref="Required(string?, string)"/>
    public static T Required<T>(T? value, string path) where T : struct => value ?? throw new StateFormatException(path, "missing");

    /// <summary>The path of a key below <paramref name="parent"/> ("$" is the file itself).</summary>
    public static string At(string parent, string key) => parent == "$" ? key : parent + "." + key;
}
