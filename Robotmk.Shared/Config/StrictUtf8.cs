using System.Text;

namespace Robotmk.Config;

/// <summary>Decodes file content as strict UTF-8. Pure.</summary>
public static class StrictUtf8
{
    /// <summary>Strict UTF-8 (a BOM is accepted and dropped); on failure, the line and column of the first bad byte.</summary>
    public static bool TryDecode(byte[] bytes, out string text, out SourcePosition bad)
    {
        var start = bytes is [0xEF, 0xBB, 0xBF, ..] ? 3 : 0;
        var strict = new UTF8Encoding(false, throwOnInvalidBytes: true);
        try
        {
            text = strict.GetString(bytes, start, bytes.Length - start);
            bad = default;
            return true;
        }
        catch (DecoderFallbackException)
        {
            var offset = FirstInvalidByte(bytes, start);
            // Everything before the bad byte is valid UTF-8, so it decodes to the text the author sees up to the fault.
            var prefix = strict.GetString(bytes, start, offset - start);
            var line = prefix.Count(c => c == '\n') + 1;
            var column = prefix.Length - (prefix.LastIndexOf('\n') + 1) + 1;
            text = "";
            bad = new SourcePosition(line, column);
            return false;
        }
    }

    /// <summary>The offset of the first byte that does not start a valid UTF-8 sequence, found by decoding incrementally.</summary>
    private static int FirstInvalidByte(byte[] bytes, int start)
    {
        var status = System.Text.Unicode.Utf8.ToUtf16(bytes.AsSpan(start), new char[bytes.Length - start], out var read, out _,
            replaceInvalidSequences: false);
        return status == System.Buffers.OperationStatus.Done ? bytes.Length : start + read;
    }
}
