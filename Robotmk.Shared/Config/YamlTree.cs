using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Robotmk.Config;

/// <summary>Position of a node in the source file (1-based). <c>default</c> (0:0) means "no position".</summary>
public readonly record struct SourcePosition(int Line, int Column)
{
    public bool IsKnown => Line > 0;

    public override string ToString() => $"{Line}:{Column}";
}

/// <summary>A YAML node with its position; built by <see cref="YamlTreeReader"/>.</summary>
public abstract record YNode(SourcePosition Position)
{
    public abstract string KindName { get; }
}

public sealed record YScalar(SourcePosition Position, string Value, bool IsPlain) : YNode(Position)
{
    public override string KindName => "a scalar";

    /// <summary>A plain scalar spelled null, ~ or nothing is YAML null.</summary>
    public bool IsNull => IsPlain && Value is "" or "~" or "null" or "Null" or "NULL";
}

public sealed record YSequence(SourcePosition Position, IReadOnlyList<YNode> Items) : YNode(Position)
{
    public override string KindName => "a list";
}

/// <summary>
/// A mapping with its entries in file order. Duplicate keys are kept (the reader does not decide what a duplicate
/// means); <see cref="ConfigParser"/> reports them at the level where they occur, so a duplicate inside one suite
/// only affects that suite.
/// </summary>
public sealed record YMapping(SourcePosition Position, IReadOnlyList<KeyValuePair<YScalar, YNode>> Entries) : YNode(Position)
{
    public override string KindName => "a mapping";
}

/// <summary>Raised for YAML that cannot be turned into a tree; carries the position of the fault.</summary>
public sealed class YamlTreeException(SourcePosition position, string message) : Exception(message)
{
    public SourcePosition Position { get; } = position;
}

/// <summary>
/// Reads one YAML document into a small immutable tree. Unlike YamlDotNet's representation model it keeps
/// positions, rejects non-scalar keys, limits nesting depth and node count, and resolves aliases by reference
/// (never by copy), so an alias bomb costs no memory. Merge keys (<c>&lt;&lt;: *anchor</c>) are applied as PyYAML
/// did for v1, with the merged entries counted against the node limit.
/// </summary>
public static class YamlTreeReader
{
    public const int MaxDepth = 64;
    public const int MaxNodes = 200_000;
    private const string MergeKey = "<<";
    private const string TabInIndentation = "YAML syntax error: a tab is used for indentation; YAML allows only spaces there";

    /// <returns>The root node, or null when the document is empty.</returns>
    public static YNode? Read(string text)
    {
        CheckCharacters(text);
        var parser = new Parser(new StringReader(text));
        var anchors = new Dictionary<string, YNode>(StringComparer.Ordinal);
        var stack = new Stack<Builder>();
        YNode? root = null;
        var nodes = 0;
        var documents = 0;
        var lastGood = new SourcePosition(1, 1);
        string[]? lines = null;

        try
        {
            while (parser.MoveNext())
            {
                var ev = parser.Current!;
                var pos = new SourcePosition((int)ev.Start.Line, (int)ev.Start.Column);
                lastGood = new SourcePosition((int)ev.End.Line, (int)ev.End.Column);
                switch (ev)
                {
                    case StreamStart or StreamEnd or DocumentEnd:
                        break;
                    case DocumentStart:
                        if (++documents > 1)
                            throw new YamlTreeException(pos, "only one YAML document is allowed, found a second one ('---')");
                        break;
                    case Scalar s:
                        CheckIndentation(pos);
                        Add(new YScalar(pos, s.Value, s.Style == ScalarStyle.Plain), s.Anchor);
                        break;
                    case AnchorAlias a:
                        if (!anchors.TryGetValue(a.Value.Value, out var target))
                            throw new YamlTreeException(pos, $"alias '*{a.Value.Value}' refers to an unknown anchor");
                        // Same node, positioned where it is used, so problems point at the alias.
                        Add(target with { Position = pos }, AnchorName.Empty);
                        break;
                    case SequenceStart ss:
                        CheckIndentation(pos);
                        Push(new Builder(pos, isMapping: false, ss.Anchor) { IsFlow = ss.Style == SequenceStyle.Flow });
                        break;
                    case MappingStart ms:
                        CheckIndentation(pos);
                        Push(new Builder(pos, isMapping: true, ms.Anchor) { IsFlow = ms.Style == MappingStyle.Flow });
                        break;
                    case SequenceEnd or MappingEnd:
                        var done = stack.Pop();
                        Add(done.Build(Charge), done.Anchor);
                        break;
                    default:
                        throw new YamlTreeException(pos, $"unsupported YAML construct {ev.GetType().Name}");
                }
            }
        }
        catch (YamlException ex)
        {
            throw Translate(ex, text);
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or IndexOutOfRangeException)
        {
            // YamlDotNet fails this way on some malformed input (e.g. ": [\np]") instead of raising a YamlException.
            throw new YamlTreeException(lastGood, $"YAML syntax error: the text after this point cannot be read as YAML ({ex.Message})");
        }
        return root;

        // YamlDotNet accepts some tabs in block indentation that YAML (and PyYAML, which v1 used) forbid; a node that
        // starts a line in block context must be indented with spaces only.
        void CheckIndentation(SourcePosition at)
        {
            if (stack.Count > 0 && stack.Peek().IsFlow)
                return;
            lines ??= text.Split('\n');
            if (at.Line < 1 || at.Line > lines.Length)
                return;
            var line = lines[at.Line - 1];
            var before = line[..Math.Min(Math.Max(at.Column - 1, 0), line.Length)];
            var tab = before.IndexOf('\t');
            if (tab >= 0 && before.Trim(' ', '\t', '\uFEFF').Length == 0)
                throw new YamlTreeException(new SourcePosition(at.Line, tab + 1), TabInIndentation);
        }

        void Push(Builder b)
        {
            if (stack.Count >= MaxDepth)
                throw new YamlTreeException(b.Position, $"nesting deeper than {MaxDepth} levels; a robotmk.yml needs at most 6");
            stack.Push(b);
        }

        void Add(YNode node, AnchorName anchor)
        {
            Charge(node.Position, 1);
            if (!anchor.IsEmpty)
                anchors[anchor.Value] = node;
            if (stack.Count == 0)
                root = node;
            else
                stack.Peek().Add(node);
        }

        void Charge(SourcePosition at, int count)
        {
            nodes += count;
            if (nodes > MaxNodes)
                throw new YamlTreeException(at, $"the document has more than {MaxNodes} nodes (after resolving merge keys)");
        }
    }

    /// <summary>
    /// YAML forbids most control characters; YamlDotNet would silently end the stream at a NUL. Reject them with
    /// their position instead.
    /// </summary>
    private static void CheckCharacters(string text)
    {
        var line = 1;
        var column = 1;
        foreach (var c in text)
        {
            if (c == '\n')
            {
                line++;
                column = 1;
                continue;
            }
            if ((c < 0x20 && c is not '\t' and not '\r') || c == '\u007F' || c == '\uFFFE' || c == '\uFFFF')
                throw new YamlTreeException(new SourcePosition(line, column),
                    $"the control character U+{(int)c:X4} is not allowed in a YAML file");
            // Invisible, and inside a path or a name it makes a different one: only the first character may be a BOM.
            if (c == '\uFEFF' && (line, column) != (1, 1))
                throw new YamlTreeException(new SourcePosition(line, column),
                    "a byte order mark (U+FEFF) is only allowed as the first character of the file; remove this invisible character");
            column++;
        }
    }

    private static YamlTreeException Translate(YamlException ex, string text)
    {
        var pos = new SourcePosition((int)ex.Start.Line, (int)ex.Start.Column);
        var message = CleanMessage(ex);
        // YamlDotNet reports a tab in the indentation at the start of the enclosing mapping; point at the tab itself.
        // Other errors caused by a tab in the indentation of the line they are reported on say so too.
        var tab = message.Contains("tab", StringComparison.OrdinalIgnoreCase)
            ? FirstIndentingTab(text, pos.Line)
            : FirstIndentingTab(text, pos.Line, pos.Line);
        if (tab is not null)
            return new YamlTreeException(tab.Value, TabInIndentation);
        return new YamlTreeException(pos, message);
    }

    private static SourcePosition? FirstIndentingTab(string text, int fromLine, int toLine = int.MaxValue)
    {
        var lines = text.Split('\n');
        for (var i = Math.Max(fromLine - 1, 0); i < Math.Min(lines.Length, toLine); i++)
        {
            var indent = lines[i].Length - lines[i].TrimStart(' ', '\t').Length;
            var tab = lines[i].IndexOf('\t', 0, indent);
            if (tab >= 0)
                return new SourcePosition(i + 1, tab + 1);
        }
        return null;
    }

    private static string CleanMessage(YamlException ex)
    {
        // Some YamlDotNet messages start with "(Line: 3, Col: 5, Idx: 20) - (Line: …): "; we report the position ourselves.
        var msg = ex.Message;
        var cut = msg.LastIndexOf("): ", StringComparison.Ordinal);
        if (msg.StartsWith("(Line:", StringComparison.Ordinal) && cut >= 0)
            msg = msg[(cut + 3)..];
        return "YAML syntax error: " + msg.Trim();
    }

    private sealed class Builder(SourcePosition position, bool isMapping, AnchorName anchor)
    {
        private readonly List<YNode> _items = [];
        private readonly List<KeyValuePair<YScalar, YNode>> _entries = [];
        private readonly List<(YScalar Key, YNode Value)> _merges = [];
        private YScalar? _pendingKey;

        public SourcePosition Position { get; } = position;
        public AnchorName Anchor { get; } = anchor;
        public bool IsFlow { get; init; }

        public void Add(YNode node)
        {
            if (!isMapping)
            {
                _items.Add(node);
                return;
            }
            if (_pendingKey is null)
            {
                _pendingKey = node as YScalar
                    ?? throw new YamlTreeException(node.Position, $"mapping keys must be plain text, found {node.KindName}");
                return;
            }
            if (_pendingKey is { IsPlain: true, Value: MergeKey })
                _merges.Add((_pendingKey, node));
            else
                _entries.Add(new(_pendingKey, node));
            _pendingKey = null;
        }

        /// <summary>Explicit keys win over merged ones; among merged mappings the first one listed wins (YAML merge key rules).</summary>
        public YNode Build(Action<SourcePosition, int> charge)
        {
            if (!isMapping)
                return new YSequence(Position, _items);
            if (_merges.Count == 0)
                return new YMapping(Position, _entries);

            var present = new HashSet<string>(_entries.Select(e => e.Key.Value), StringComparer.Ordinal);
            var merged = new List<KeyValuePair<YScalar, YNode>>(_entries);
            foreach (var (key, value) in _merges)
            {
                var sources = value switch
                {
                    YMapping m => [m],
                    YSequence s when s.Items.All(i => i is YMapping) => s.Items.Cast<YMapping>().ToList(),
                    _ => throw new YamlTreeException(value.Position,
                        $"the merge key '{MergeKey}' at {key.Position} expects a mapping or a list of mappings, found {value.KindName}"),
                };
                foreach (var source in sources)
                {
                    charge(key.Position, source.Entries.Count);
                    foreach (var entry in source.Entries)
                    {
                        if (present.Add(entry.Key.Value))
                            merged.Add(entry);
                    }
                }
            }
            return new YMapping(Position, merged);
        }
    }
}
