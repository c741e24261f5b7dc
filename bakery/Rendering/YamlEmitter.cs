using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Robotmk.Bakery.Rendering;

/// <summary>
/// Writes block-style YAML line by line in the order it is called, so generated files have a fixed key order and are
/// byte-stable. Scalars are written plain when that is unambiguous, else quoted (see <see cref="Scalar"/>).
/// </summary>
public sealed partial class YamlEmitter
{
    private readonly StringBuilder _sb = new();
    private int _indent;

    public void Comment(string text)
    {
        foreach (var line in text.Split('\n'))
            Line(line.Length == 0 ? "#" : "# " + line);
    }

    public void BlankLine() => _sb.Append('\n');

    public void Text(string key, string value) => Line($"{Scalar(key)}: {Scalar(value)}");

    public void Int(string key, int value) => Line($"{Scalar(key)}: {value.ToString(CultureInfo.InvariantCulture)}");

    public void Bool(string key, bool value) => Line($"{Scalar(key)}: {(value ? "true" : "false")}");

    /// <summary>A value written exactly as given (e.g. yes/no for the Windows agent); the caller guarantees it is plain-safe.</summary>
    public void Raw(string key, string value) => Line($"{Scalar(key)}: {value}");

    public void TextList(string key, IEnumerable<string> items)
    {
        Line($"{Scalar(key)}:");
        _indent += 2;
        foreach (var item in items)
            Line($"- {Scalar(item)}");
        _indent -= 2;
    }

    /// <summary>Starts a nested mapping under <paramref name="key"/>; dispose to end it.</summary>
    public IDisposable Mapping(string key)
    {
        Line($"{Scalar(key)}:");
        _indent += 2;
        return new Dedent(this);
    }

    /// <summary>Starts a mapping that is an item of a list ("- key: value"); dispose to end it.</summary>
    public IDisposable ListItem()
    {
        _pendingDash = true;
        _indent += 2;
        return new Dedent(this);
    }

    private bool _pendingDash;

    private void Line(string content)
    {
        if (_pendingDash)
        {
            _sb.Append(' ', _indent - 2).Append("- ").Append(content).Append('\n');
            _pendingDash = false;
            return;
        }
        _sb.Append(' ', _indent).Append(content).Append('\n');
    }

    public override string ToString() => _sb.ToString();

    /// <summary>
    /// Plain when the text can only be read back as that same string (no indicator characters, no YAML 1.1 booleans,
    /// nulls or numbers); single-quoted when it is printable; double-quoted with escapes otherwise.
    /// </summary>
    public static string Scalar(string value)
    {
        if (PlainSafe().IsMatch(value) && !LooksLikeOtherType(value))
            return value;
        if (value.Length > 0 && !value.Any(NeedsEscape) && value.Trim().Length == value.Length)
            return "'" + value.Replace("'", "''") + "'";
        return DoubleQuoted(value);
    }

    /// <summary>Characters YAML readers may take as line breaks or markers, written as \u escapes.</summary>
    private static bool NeedsEscape(char c) => char.IsControl(c) || c is '\u0085' or '\u2028' or '\u2029' or '\uFEFF';

    private static bool LooksLikeOtherType(string value)
    {
        var lower = value.ToLowerInvariant();
        if (lower is "y" or "n" or "yes" or "no" or "on" or "off" or "true" or "false" or "null" or "~")
            return true;
        return char.IsAsciiDigit(value[0]) || (value.Length > 1 && value[0] is '.' or '-' or '+' && char.IsAsciiDigit(value[1]));
    }

    private static string DoubleQuoted(string value)
    {
        var sb = new StringBuilder("\"");
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                default:
                    if (NeedsEscape(c))
                        sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    else
                        sb.Append(c);
                    break;
            }
        }
        return sb.Append('"').ToString();
    }

    /// <summary>Letters, digits and _ . / - with single inner spaces; never starting with '-' (a list item) or a space.</summary>
    [GeneratedRegex(@"^[A-Za-z0-9_./][A-Za-z0-9_./-]*(?: [A-Za-z0-9_./-]+)*$")]
    private static partial Regex PlainSafe();

    private sealed class Dedent(YamlEmitter emitter) : IDisposable
    {
        public void Dispose() => emitter._indent -= 2;
    }
}
