using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Robotmk.State;

/// <summary>
/// A JSON string token exactly as it stands in a state file, quotes and escapes included. The encoded payloads
/// (<c>xml</c>, <c>htmllog</c>) travel from the runner through the state file to the agent output as these bytes,
/// never decoded into .NET strings and never copied by the reader: a token read from a file is a slice of the file's bytes.
/// </summary>
public readonly struct RawJsonString : IEquatable<RawJsonString>
{
    public RawJsonString(ReadOnlyMemory<byte> token)
    {
        if (token.Length < 2 || token.Span[0] != (byte)'"' || token.Span[^1] != (byte)'"')
            throw new ArgumentException("not a JSON string token", nameof(token));
        Token = token;
    }

    /// <summary>The token of a text, escaped as JSON requires (quote, backslash, control and line-separator characters), the rest UTF-8 as it is.</summary>
    public static RawJsonString FromText(string text) => new(JsonStringToken.Encode(text));

    /// <summary>The token with its quotes: what is written to a state file and to the agent output.</summary>
    public ReadOnlyMemory<byte> Token { get; }

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
    public bool Equals(RawJsonString other) => Token.Span.SequenceEqual(other.Token.Span);

    public override bool Equals(object? obj) => obj is RawJsonString other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(Token.Length, Token.Length > 2 ? Token.Span[Token.Length / 2] : 0);

    public static bool operator ==(RawJsonString left, RawJsonString right) => left.Equals(right);

    public static bool operator !=(RawJsonString left, RawJsonString right) => !left.Equals(right);

    public override string ToString() => $"JSON string token of {Token.Length} bytes";
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
