using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Robotmk.Config;

/// <summary>Position of a node in the source file (1-based).</summary>
public readonly record struct SourcePosition(int Line, int Column)
{
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
/// Reads one YAML document into a small immutable tree. Unlike YamlDotNet's representation model it
/// reports duplicate keys with their position, rejects non-scalar keys, limits nesting depth and
/// resolves aliases by reference (never by copy), so an alias bomb costs no memory.
/// </summary>
public static class YamlTreeReader
{
    public const int MaxDepth = 64;
    public const int MaxNodes = 200_000;

    /// <returns>The root node, or null when the document is empty.</returns>
    public static YNode? Read(string text)
    {
        var parser = new Parser(new StringReader(text));
        var anchors = new Dictionary<string, YNode>(StringComparer.Ordinal);
        var stack = new Stack<Builder>();
        YNode? root = null;
        var nodes = 0;
        var documents = 0;

        try
        {
            while (parser.MoveNext())
            {
                var ev = parser.Current!;
                var pos = new SourcePosition((int)ev.Start.Line, (int)ev.Start.Column);
                switch (ev)
                {
                    case StreamStart or StreamEnd or DocumentEnd:
                        break;
                    case DocumentStart:
                        if (++documents > 1)
                            throw new YamlTreeException(pos, "only one YAML document is allowed, found a second one ('---')");
                        break;
                    case Scalar s:
                        Add(new YScalar(pos, s.Value, s.Style == ScalarStyle.Plain), s.Anchor);
                        break;
                    case AnchorAlias a:
                        if (!anchors.TryGetValue(a.Value.Value, out var target))
                            throw new YamlTreeException(pos, $"alias '*{a.Value.Value}' refers to an unknown anchor");
                        Add(target, AnchorName.Empty);
                        break;
                    case SequenceStart ss:
                        Push(new Builder(pos, isMapping: false, ss.Anchor));
                        break;
                    case MappingStart ms:
                        Push(new Builder(pos, isMapping: true, ms.Anchor));
                        break;
                    case SequenceEnd or MappingEnd:
                        var done = stack.Pop();
                        Add(done.Build(), done.Anchor);
                        break;
                    default:
                        throw new YamlTreeException(pos, $"unsupported YAML construct {ev.GetType().Name}");
                }
            }
        }
        catch (YamlException ex)
        {
            throw new YamlTreeException(new SourcePosition((int)ex.Start.Line, (int)ex.Start.Column), CleanMessage(ex));
        }
        return root;

        void Push(Builder b)
        {
            if (stack.Count >= MaxDepth)
                throw new YamlTreeException(b.Position, $"nesting deeper than {MaxDepth} levels");
            stack.Push(b);
        }

        void Add(YNode node, AnchorName anchor)
        {
            if (++nodes > MaxNodes)
                throw new YamlTreeException(node.Position, $"document has more than {MaxNodes} nodes");
            if (!anchor.IsEmpty)
                anchors[anchor.Value] = node;
            if (stack.Count == 0)
                root = node;
            else
                stack.Peek().Add(node);
        }
    }

    private static string CleanMessage(YamlException ex)
    {
        // YamlDotNet prefixes messages with "(Line: 3, Col: 5, Idx: 20) - (Line: …): "; we report the position ourselves.
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
        private readonly HashSet<string> _keys = new(StringComparer.Ordinal);
        private YScalar? _pendingKey;

        public SourcePosition Position { get; } = position;
        public AnchorName Anchor { get; } = anchor;

        public void Add(YNode node)
        {
            if (!isMapping)
            {
                _items.Add(node);
                return;
            }
            if (_pendingKey is null)
            {
                if (node is not YScalar key)
                    throw new YamlTreeException(node.Position, $"mapping keys must be plain text, found {node.KindName}");
                if (!_keys.Add(key.Value))
                    throw new YamlTreeException(key.Position, $"duplicate key '{key.Value}'");
                _pendingKey = key;
                return;
            }
            _entries.Add(new(_pendingKey, node));
            _pendingKey = null;
        }

        public YNode Build() => isMapping ? new YMapping(Position, _entries) : new YSequence(Position, _items);
    }
}
