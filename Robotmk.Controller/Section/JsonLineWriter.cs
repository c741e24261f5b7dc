using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Robotmk.Controller.Section;

/// <summary>
/// Writes one compact JSON document straight to a stream. Unlike <see cref="Utf8JsonWriter"/>, a raw token (an
/// encoded payload of many MiB) goes to the stream as it is, without first being copied into a buffer of its size,
/// so a section needs no more memory than the largest state file. Strings are escaped by System.Text.Json's encoder
/// (only what JSON requires; non-ASCII stays UTF-8). Structure is the caller's responsibility; commas are not.
/// </summary>
internal sealed class JsonLineWriter(Stream output)
{
    private static readonly JavaScriptEncoder Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
    private bool _needsComma;

    public void StartObject(string? name = null) => Open(name, (byte)'{');
    public void EndObject() => Close((byte)'}');
    public void StartArray(string? name = null) => Open(name, (byte)'[');
    public void EndArray() => Close((byte)']');

    public void String(string name, string value)
    {
        Name(name);
        StringValue(value);
    }

    public void StringValue(string value)
    {
        Separate();
        output.WriteByte((byte)'"');
        output.Write(JsonEncodedText.Encode(value, Encoder).EncodedUtf8Bytes);
        output.WriteByte((byte)'"');
        _needsComma = true;
    }

    public void StringOrNull(string name, string? value)
    {
        if (value is null)
            Null(name);
        else
            String(name, value);
    }

    public void Null(string name) => Literal(name, "null"u8);

    public void Bool(string name, bool value) => Literal(name, value ? "true"u8 : "false"u8);

    public void Int(string name, long value) => Literal(name, Encoding.ASCII.GetBytes(value.ToString(CultureInfo.InvariantCulture)));

    /// <summary>Seconds as a JSON float, always with a decimal point (120.0, not 120), as v1's Python wrote them.</summary>
    public void Seconds(string name, double seconds)
    {
        var text = double.IsFinite(seconds) ? seconds.ToString("R", CultureInfo.InvariantCulture) : "0";
        if (text.IndexOfAny(['.', 'E']) < 0)
            text += ".0";
        Literal(name, Encoding.ASCII.GetBytes(text));
    }

    /// <summary>A complete JSON value copied verbatim; the caller guarantees it is valid JSON.</summary>
    public void Raw(string name, ReadOnlySpan<byte> json) => Literal(name, json);

    private void Literal(string name, ReadOnlySpan<byte> json)
    {
        Name(name);
        Separate();
        output.Write(json);
        _needsComma = true;
    }

    private void Open(string? name, byte bracket)
    {
        if (name is not null)
            Name(name);
        Separate();
        output.WriteByte(bracket);
        _needsComma = false;
    }

    private void Close(byte bracket)
    {
        output.WriteByte(bracket);
        _needsComma = true;
    }

    private void Name(string name)
    {
        Separate();
        output.WriteByte((byte)'"');
        output.Write(JsonEncodedText.Encode(name, Encoder).EncodedUtf8Bytes);
        output.Write("\":"u8);
        _needsComma = false;
    }

    /// <summary>A comma before every value or name that follows another one at the same level.</summary>
    private void Separate()
    {
        if (_needsComma)
            output.WriteByte((byte)',');
        _needsComma = false;
    }
}
