using System.Globalization;
using System.Text;

namespace Robotmk.Runner.Logging;

/// <summary>
/// Text as one log line holds it (pure): control characters and Unicode line separators are written as escapes
/// (\n, \r, \t, \u001b), so a value that reaches a message (an RF error, a configured name) cannot start a line of its
/// own that would pass for one the runner wrote, nor move the terminal's cursor.
/// </summary>
public static class LogText
{
    public static string OneLine(string text)
    {
        if (!text.Any(NeedsEscape))
            return text;
        var b = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            _ = c switch
            {
                '\n' => b.Append("\\n"),
                '\r' => b.Append("\\r"),
                '\t' => b.Append("\\t"),
                _ when NeedsEscape(c) => b.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture)),
                _ => b.Append(c),
            };
        }
        return b.ToString();
    }

    private static bool NeedsEscape(char c) => char.IsControl(c) || c is '\u2028' or '\u2029';
}
