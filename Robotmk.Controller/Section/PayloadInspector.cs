using Robotmk.Config;
using System.Buffers;
using System.Buffers.Text;
using Robotmk.State;

namespace Robotmk.Controller.Section;

/// <summary>
/// Pure: checks that an encoded payload really is in the encoding the section declares. A result stored before
/// <c>agent_output_encoding</c> was changed would otherwise crash the server's decoder. RF output.xml and log.html
/// both start with '&lt;', which makes the three encodings tell themselves apart: utf_8 text contains characters
/// outside the base64 alphabet, zlib data starts with a valid zlib header (RFC 1950), base64 of text does not.
/// </summary>
public static class PayloadInspector
{
    private static readonly SearchValues<byte> Base64Alphabet =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/="u8);

    /// <returns>zlib_codec, base64_codec or utf_8; null when the payload is too short to tell.</returns>
    public static string? Detect(RawJsonString payload)
    {
        var content = payload.Content;
        if (content.IndexOfAnyExcept(Base64Alphabet) >= 0)
            return WireNames.Utf8;
        if (content.Length < 4)
            return null;
        Span<byte> head = stackalloc byte[3];
        if (Base64.DecodeFromUtf8(content[..4], head, out _, out var written, isFinalBlock: false) != OperationStatus.Done || written < 2)
            return WireNames.Base64Codec;
        var isZlibHeader = (head[0] & 0x0F) == 8 && (head[0] << 8 | head[1]) % 31 == 0;
        return isZlibHeader ? WireNames.ZlibCodec : WireNames.Base64Codec;
    }

    /// <returns>null when the payload fits <paramref name="declared"/>, else why not (one line, for a fatal error).</returns>
    public static string? Problem(RawJsonString payload, string declared, string what)
    {
        if (payload.IsEmpty)
            return $"the stored {what} is empty";
        var detected = Detect(payload);
        if (detected is not null && detected != declared)
            return $"the stored {what} is encoded as {detected}, but the section declares {declared} (agent_output_encoding was changed); the next run of the suite stores it anew";
        if (declared == WireNames.Utf8)
            return System.Text.Unicode.Utf8.IsValid(payload.Content) ? null : $"the stored {what} is not valid UTF-8";
        return payload.ContentLength % 4 == 0 ? null : $"the stored {what} is truncated ({payload.ContentLength} base64 characters)";
    }
}
