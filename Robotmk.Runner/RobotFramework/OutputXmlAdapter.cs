using System.Text;
using Robotmk.Config;

namespace Robotmk.Runner.RobotFramework;

/// <summary>
/// Adapts the copy of an RF output.xml that is sent to the server; the file on disk stays RF's own. Three rules:
/// <list type="bullet">
/// <item>The text of every <c>&lt;msg&gt;</c> with an <c>html</c> attribute (RF's <c>*HTML*</c> messages: screenshots,
/// links, scripts) becomes <see cref="HtmlNotice"/>, as v1 did.</item>
/// <item>A suite or test whose status is neither PASS nor FAIL (RF 4 added SKIP) gets the status
/// <see cref="SkippedAs"/> says, and its status text starts with <c>SKIPPED: </c>: the Robotmk 1.6.0 check knows only
/// PASS and FAIL and crashes on any other status of a suite or test it shows.</item>
/// <item>A suite, test or keyword of the result tree without a <c>name</c> attribute gets <c>name=""</c>: RF leaves
/// out empty attributes (a file <c>_.robot</c>, in RF 3.2 and 4.x also <c>x__.robot</c>, makes a suite without a
/// name), and the 1.6.0 check fails on the whole section of the host when one is missing.</item>
/// </list>
/// Keywords keep every status (NOT RUN, SKIP): the check passes over keywords that did neither pass nor fail.
/// The text is read once, front to back, keeping only the open elements, and everything not named above is copied as
/// it is, so well-formed XML stays well-formed.
/// </summary>
public static class OutputXmlAdapter
{
    public const string HtmlNotice = "(Robotmk has removed this HTML content for safety reasons)";

    public static string Adapt(string outputXml, SkippedAs skippedAs) =>
        new Pass(outputXml, skippedAs == SkippedAs.Fail ? "FAIL" : "PASS").Run();

    private enum Kind { Other, Robot, Suite, Test, Keyword, Status, Msg }

    /// <param name="InResults">Inside /robot/suite, the result tree; <c>&lt;statistics&gt;</c> has suites of its own.</param>
    private readonly record struct Open(Kind Kind, bool InResults);

    private readonly record struct Attribute(int NameStart, int NameEnd, int ValueStart, int ValueEnd);

    /// <summary>One pass over one document. RF escapes '&lt;' in text and attribute values: every '&lt;' starts markup.</summary>
    private sealed class Pass(string xml, string skippedStatus)
    {
        private const string HtmlPrefix = "*HTML* ";
        private readonly List<Open> _open = [];
        private StringBuilder? _out;
        private int _copied;

        public string Run()
        {
            var at = xml.IndexOf('<');
            while (at >= 0)
            {
                var next = Markup(at);
                // Markup that does not end: an incomplete file, whose rest is left as it is.
                if (next < 0)
                    break;
                at = xml.IndexOf('<', next);
            }
            if (_out is null)
                return xml;
            return _out.Append(xml, _copied, xml.Length - _copied).ToString();
        }

        /// <returns>The index after the markup that starts at <paramref name="lt"/>, or -1 when it does not end.</returns>
        private int Markup(int lt)
        {
            if (At(lt, "<!--"))
                return After(lt, "-->");
            if (At(lt, "<![CDATA["))
                return After(lt, "]]>");
            if (At(lt, "<?"))
                return After(lt, "?>");
            if (At(lt, "<!"))
                return After(lt, ">");
            var end = TagEnd(lt);
            if (end < 0)
                return -1;
            if (xml[lt + 1] == '/')
            {
                if (_open.Count > 0)
                    _open.RemoveAt(_open.Count - 1);
                return end + 1;
            }
            StartTag(lt, end);
            return end + 1;
        }

        private void StartTag(int lt, int end)
        {
            var nameEnd = lt + 1;
            while (nameEnd < end && !IsNameEnd(xml[nameEnd]))
                nameEnd++;
            var kind = KindOf(xml.AsSpan(lt + 1, nameEnd - lt - 1));
            var selfClosing = xml[end - 1] == '/';
            var depth = _open.Count;
            var parent = depth > 0 ? _open[^1] : default;
            var inResults = depth == 1 ? kind == Kind.Suite && parent.Kind == Kind.Robot : depth > 1 && parent.InResults;

            switch (kind)
            {
                case Kind.Suite or Kind.Test or Kind.Keyword when inResults:
                    EnsureName(nameEnd, end);
                    break;
                case Kind.Status when parent.InResults && parent.Kind is Kind.Suite or Kind.Test:
                    MapStatus(nameEnd, end, selfClosing);
                    break;
                case Kind.Msg when !selfClosing:
                    RemoveHtml(nameEnd, end);
                    break;
            }
            if (!selfClosing)
                _open.Add(new Open(kind, inResults));
        }

        /// <summary>Adds <c>name=""</c> where RF would have written it: after <c>id</c> (suites, tests), else first.</summary>
        private void EnsureName(int nameEnd, int end)
        {
            var pos = nameEnd;
            var insertAt = nameEnd;
            var first = true;
            while (NextAttribute(ref pos, end, out var a))
            {
                if (Is(a, "name"))
                    return;
                if (first && Is(a, "id"))
                    insertAt = a.ValueEnd + 1;
                first = false;
            }
            Replace(insertAt, 0, " name=\"\"");
        }

        private void MapStatus(int nameEnd, int end, bool selfClosing)
        {
            if (Find(nameEnd, end, "status") is not { } status)
                return;
            var value = xml.AsSpan(status.ValueStart, status.ValueEnd - status.ValueStart);
            if (value is "PASS" or "FAIL")
                return;
            var word = value is "SKIP" ? "SKIPPED" : value.ToString();
            Replace(status.ValueStart, value.Length, skippedStatus);
            if (selfClosing)
            {
                Replace(end - 1, 2, $">{word}</status>");
                return;
            }
            var textStart = end + 1;
            var textEnd = xml.IndexOf('<', textStart);
            if (textEnd < 0)
                return;
            // The check turns a text that starts with *HTML* into plain text (rebot's merge messages); keep it first.
            var at = At(textStart, HtmlPrefix) && textStart + HtmlPrefix.Length <= textEnd ? textStart + HtmlPrefix.Length : textStart;
            Replace(at, 0, at == textEnd ? word : word + ": ");
        }

        private void RemoveHtml(int nameEnd, int end)
        {
            if (Find(nameEnd, end, "html") is not { } html)
                return;
            // "true" since RF 4, "yes" before (RF's own reader accepts both).
            var value = xml.AsSpan(html.ValueStart, html.ValueEnd - html.ValueStart);
            if (value is not ("true" or "yes"))
                return;
            var textStart = end + 1;
            var textEnd = xml.IndexOf('<', textStart);
            if (textEnd >= 0 && At(textEnd, "</msg>"))
                Replace(textStart, textEnd - textStart, HtmlNotice);
        }

        /// <summary>Copies the text up to <paramref name="start"/> unchanged, then writes <paramref name="text"/> instead of <paramref name="length"/> characters.</summary>
        private void Replace(int start, int length, string text)
        {
            _out ??= new StringBuilder(xml.Length + 4096);
            _out.Append(xml, _copied, start - _copied).Append(text);
            _copied = start + length;
        }

        private Attribute? Find(int pos, int end, string name)
        {
            while (NextAttribute(ref pos, end, out var a))
                if (Is(a, name))
                    return a;
            return null;
        }

        private bool NextAttribute(ref int pos, int end, out Attribute attribute)
        {
            attribute = default;
            while (pos < end && char.IsWhiteSpace(xml[pos]))
                pos++;
            var nameStart = pos;
            while (pos < end && xml[pos] != '=' && !IsNameEnd(xml[pos]))
                pos++;
            var nameEnd = pos;
            while (pos < end && char.IsWhiteSpace(xml[pos]))
                pos++;
            if (nameEnd == nameStart || pos >= end || xml[pos] != '=')
                return false;
            pos++;
            while (pos < end && char.IsWhiteSpace(xml[pos]))
                pos++;
            if (pos >= end || xml[pos] is not ('"' or '\''))
                return false;
            var valueEnd = xml.IndexOf(xml[pos], pos + 1, end - pos - 1);
            if (valueEnd < 0)
                return false;
            attribute = new Attribute(nameStart, nameEnd, pos + 1, valueEnd);
            pos = valueEnd + 1;
            return true;
        }

        /// <summary>The index of the '&gt;' that ends the tag at <paramref name="lt"/> ('&gt;' may stand inside quoted values), or -1.</summary>
        private int TagEnd(int lt)
        {
            var quote = '\0';
            for (var i = lt + 1; i < xml.Length; i++)
            {
                var c = xml[i];
                if (quote != '\0')
                {
                    if (c == quote)
                        quote = '\0';
                }
                else if (c is '"' or '\'')
                    quote = c;
                else if (c == '>')
                    return i;
            }
            return -1;
        }

        private int After(int start, string terminator)
        {
            var i = xml.IndexOf(terminator, start + 2, StringComparison.Ordinal);
            return i < 0 ? -1 : i + terminator.Length;
        }

        private bool At(int index, string text) => xml.AsSpan(index).StartsWith(text, StringComparison.Ordinal);

        private bool Is(Attribute a, string name) => xml.AsSpan(a.NameStart, a.NameEnd - a.NameStart).SequenceEqual(name);

        private static bool IsNameEnd(char c) => c is '/' or '>' || char.IsWhiteSpace(c);

        private static Kind KindOf(ReadOnlySpan<char> name) => name switch
        {
            "robot" => Kind.Robot,
            "suite" => Kind.Suite,
            "test" => Kind.Test,
            "kw" => Kind.Keyword,
            "status" => Kind.Status,
            "msg" => Kind.Msg,
            _ => Kind.Other,
        };
    }
}
