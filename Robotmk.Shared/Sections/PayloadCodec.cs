using System.IO.Compression;
using Robotmk.Config;
using Robotmk.State;
using Robotmk.Text;

namespace Robotmk.Sections;

/// <summary>
/// The section's <c>xml</c>/<c>htmllog</c> encodings (SPEC §1). zlib_codec is the zlib format (RFC 1950, what
/// Python's zlib module reads), never raw deflate or gzip, then base64; utf_8 is the text itself.
/// </summary>
public static class PayloadCodec
{
    public static string Encode(ReadOnlySpan<byte> utf8Text, OutputEncoding encoding)
    {
        switch (encoding)
        {
            case OutputEncoding.Utf8:
                return Utf8.NoBom.GetString(utf8Text);
            case OutputEncoding.Base64Codec:
                return Convert.ToBase64String(utf8Text);
            case OutputEncoding.ZlibCodec:
                using (var ms = new MemoryStream(utf8Text.Length / 4 + 64))
                {
                    using (var z = new ZLibStream(ms, CompressionLevel.Optimal, leaveOpen: true))
                        z.Write(utf8Text);
                    return Convert.ToBase64String(ms.GetBuffer(), 0, (int)ms.Length);
                }
            default:
                throw new ArgumentOutOfRangeException(nameof(encoding), encoding, null);
        }
    }

    /// <summary>Inverse of <see cref="Encode"/>, as the server check decodes a payload: the tests prove round trips with it.</summary>
    public static byte[] Decode(string payload, string encodingName)
    {
        switch (encodingName)
        {
            case WireNames.Utf8:
                return Utf8.NoBom.GetBytes(payload);
            case WireNames.Base64Codec:
                return Convert.FromBase64String(payload);
            case WireNames.ZlibCodec:
                using (var input = new MemoryStream(Convert.FromBase64String(payload)))
                using (var z = new ZLibStream(input, CompressionMode.Decompress))
                using (var output = new MemoryStream())
                {
                    z.CopyTo(output);
                    return output.ToArray();
                }
            default:
                throw new ArgumentException($"unknown encoding '{encodingName}'", nameof(encodingName));
        }
    }
}
