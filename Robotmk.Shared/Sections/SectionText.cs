using System.Text;

namespace Robotmk.Sections;

/// <summary>Text rules of the section: the controller applies them to what it prints, the runner to what it stores.</summary>
public static class SectionText
{
    public const int MaxErrorLength = 2000;

    /// <summary>
    /// A line break inside a fatal suite's error breaks the server check's output (SPEC §1): every control or
    /// line-separator character becomes a space, runs of spaces collapse, and the text is bounded.
    /// </summary>
    public static string OneLine(string text)
    {
        var sb = new StringBuilder(Math.Min(text.Length, MaxErrorLength + 1));
        foreach (var c in text)
        {
            var ch = char.IsControl(c) || c is '\u2028' or '\u2029' ? ' ' : c;
            if (ch == ' ' && (sb.Length == 0 || sb[^1] == ' '))
                continue;
            sb.Append(ch);
            if (sb.Length > MaxErrorLength)
                break;
        }
        var s = sb.ToString().TrimEnd();
        return s.Length <= MaxErrorLength ? s : s[..(MaxErrorLength - 3)] + "...";
    }
}
