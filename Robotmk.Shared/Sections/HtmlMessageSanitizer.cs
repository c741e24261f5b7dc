using System.Text.RegularExpressions;

namespace Robotmk.Sections;

/// <summary>
/// Replaces the text of every RF <c>&lt;msg … html="true"&gt;</c> element (embedded screenshots, links, scripts)
/// by a fixed notice, as v1 did; everything else in output.xml stays byte-identical and well-formed.
/// RF escapes '&lt;' in message text and attribute values, so a message body never contains a '&lt;'.
/// </summary>
public static partial class HtmlMessageSanitizer
{
    public const string Notice = "(Robotmk has removed this HTML content for safety reasons)";

    [GeneratedRegex("""(<msg\b[^<>]*\shtml="true"[^<>]*>)[^<]*(</msg>)""", RegexOptions.CultureInvariant)]
    private static partial Regex HtmlMessage();

    public static string Sanitize(string outputXml) =>
        HtmlMessage().Replace(outputXml, m => m.Groups[1].Value + Notice + m.Groups[2].Value);
}
