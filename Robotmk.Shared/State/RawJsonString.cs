using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Robotmk.State;

/// <summary>
/// A JSON string token exactly as it stands in a state file, quotes and escapes included. The encoded payloads
/// (<c>xml</c>, <c>htmllog</c>) travel from the runner through the state file to the agent output as these bytes,
/// never decoded into .NET strings and never copied by the reader: a token read from a file is a slice of the file's bytes.
/// </summary>
[JsonConverter(typeof(RawJsonStringConverter))]
public readonly struct RawJsonString : IEquatable<RawJsonString>
{
    private readonly ReadOnlyMemory<byte> _token;
    // While a document is being deserialized the converter only sees the reader, not the document's memory: it records
    // where the token stands, and StateFileFormat binds it to the document's bytes before anyone else sees it.
    private readonly long _start;
    private readonly int _length;
    private readonly bool _bound;

    public RawJsonString(ReadOnlyMemory<byte> token)
    {
        if (token.Length < 2 || token.Span[0] != (byte)'"' || token.Span[^1] != (byte)'"')
            throw new ArgumentException("not a JSON string token", nameof(token));
        _token = token;
        _start = 0;
        _length = token.Length;
        _bound = true;
    }

    private RawJsonString(long start, int length)
    {
        _token = default;
        _start = start;
        _length = length;
        _bound = false;
    }

    /// <summary>The token of a text, escaped as JSON requires (quote, backslash, control and line-separator characters), the rest UTF-8 as it is.</summary>
    public static RawJsonString FromText(string text) => new(JsonStringToken.Encode(text));

    /// <summary>The token with its quotes: what is written to a state file and to the agent output.</summary>
    public ReadOnlyMemory<byte> Token => _bound ? _token : throw new InvalidOperationException("the token has not been bound to the document it was read from");

    /// <summary>The bytes between the quotes, escapes not resolved.</summary>
    public ReadOnlySpan<byte> Content => Token.Span[1..^1];

    public int ContentLength => Token.Length - 2;

    public bool IsEmpty => Token.Length == 2;

    /// <summary>The text the token stands for (escapes resolved): for tests and people, not for the section path.</summary>
    public string Text()
    {
        var reader = new Utf8JsonReader(Token.Span);
        reader.Read();
        return reader.GetString()!;
    }

    /// <summary>Two tokens are equal when their bytes are, wherever they are stored.</summary>
    public bool Equals(RawJsonString other) =>
        _bound == other._bound && (_bound ? _token.Span.SequenceEqual(other._token.Span) : (_start, _length) == (other._start, other._length));

    public override bool Equals(object? obj) => obj is RawJsonString other && Equals(other);

    public override int GetHashCode() => _bound ? HashCode.Combine(_token.Length, _token.Length > 0 ? _token.Span[_token.Length / 2] : 0) : HashCode.Combine(_start, _length);

    public static bool operator ==(RawJsonString left, RawJsonString right) => left.Equals(right);

    public static bool operator !=(RawJsonString left, RawJsonString right) => !left.Equals(right);

    public override string ToString() => _bound ? $"JSON string token of {_token.Length} bytes" : $"JSON string token at {_start}, not bound";

    internal static RawJsonString At(long start, int length) => new(start, length);

    /// <summary>This token as a slice of <paramref name="document"/>, the bytes it was read from.</summary>
    internal RawJsonString BindTo(ReadOnlyMemory<byte> document) =>
        _bound ? this : new RawJsonString(document.Slice(checked((int)_start), _length));
}

/// <summary>Reads a payload as the position of its token (no copy), writes it verbatim.</summary>
internal sealed class RawJsonStringConverter : JsonConverter<RawJsonString>
{
    public override RawJsonString Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
            throw new JsonException($"expected a string, found {reader.TokenType}");
        if (reader.HasValueSequence)
            throw new JsonException("a payload must be read from one contiguous buffer");
        // For a string token, ValueSpan is the raw (still escaped) text between the quotes.
        return RawJsonString.At(reader.TokenStartIndex, reader.ValueSpan.Length + 2);
    }

    public override void Write(Utf8JsonWriter writer, RawJsonString value, JsonSerializerOptions options) =>
        writer.WriteRawValue(value.Token.Span, skipInputValidation: true);
}

/// <summary>
/// JSON string tokens as the state files have always held them: only what JSON requires is escaped, plus U+0085,
/// U+2028 and U+2029; every other character, non-ASCII included, stays UTF-8 as it is. A base64 payload needs no escape.
/// </summary>
internal static class JsonStringToken
{
    private static readonly SearchValues<char> NeedEscape = SearchValues.Create(
        "\"\\\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\b\t\n\u000B\f\r\u000E\u000F\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001A\u001B\u001C\u001D\u001E\u001F\u0085\u2028\u2029");

    public static byte[] Encode(string text)
    {
        var first = text.AsSpan().IndexOfAny(NeedEscape);
        if (first < 0)
        {
            var bytes = new byte[Encoding.UTF8.GetByteCount(text) + 2];
            bytes[0] = bytes[^1] = (byte)'"';
            Encoding.UTF8.GetBytes(text, bytes.AsSpan(1));
            return bytes;
        }
        var sb = new StringBuilder(text.Length + 16).Append('"').Append(text, 0, first);
        for (var i = first; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                default:
                    if (c < ' ' || c is '\u0085' or '\u2028' or '\u2029')
                        sb.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
                    else
                        sb.Append(c);
                    break;
            }
        }
        return Encoding.UTF8.GetBytes(sb.Append('"').ToString());
    }
}
