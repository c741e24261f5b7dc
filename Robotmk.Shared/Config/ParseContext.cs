using System.Collections.Immutable;
using System.Globalization;

namespace Robotmk.Config;

/// <summary>
/// Collects the problems and value positions of one parse. Typed readers return null (and record why) for a value
/// of the wrong shape, so the parser can go on and report everything at once. A context made by
/// <see cref="ForSuite"/> tags its problems with the suite key; they then affect only that suite.
/// </summary>
internal sealed class ParseContext
{
    private readonly string _file;
    private readonly string? _suiteKey;
    private readonly List<ConfigProblem> _problems;
    private readonly Dictionary<string, SourcePosition> _positions;

    public ParseContext(string file) : this(file, null, [], new Dictionary<string, SourcePosition>(StringComparer.Ordinal))
    {
    }

    private ParseContext(string file, string? suiteKey, List<ConfigProblem> problems, Dictionary<string, SourcePosition> positions)
    {
        _file = file;
        _suiteKey = suiteKey;
        _problems = problems;
        _positions = positions;
    }

    public IReadOnlyList<ConfigProblem> Problems => _problems;

    public ImmutableDictionary<string, SourcePosition> Positions => _positions.ToImmutableDictionary(StringComparer.Ordinal);

    public ParseContext ForSuite(string key) => new(_file, key, _problems, _positions);

    public bool HasGlobalErrors => _problems.Any(p => p.IsError && p.SuiteKey is null);

    public ImmutableArray<string> ErrorsOfSuite(string key) =>
        [.. _problems.Where(p => p.IsError && p.SuiteKey == key).Select(p => p.ToString())];

    public void Error(SourcePosition pos, string path, string message) => Add(ProblemSeverity.Error, pos, path, message);
    public void Warning(SourcePosition pos, string path, string message) => Add(ProblemSeverity.Warning, pos, path, message);
    public void Notice(SourcePosition pos, string path, string message) => Add(ProblemSeverity.Notice, pos, path, message);

    private void Add(ProblemSeverity severity, SourcePosition pos, string path, string message) =>
        _problems.Add(new ConfigProblem(severity, _file, pos, path, message) { SuiteKey = _suiteKey });

    public void Locate(string path, SourcePosition pos) => _positions[path] = pos;

    /// <summary>
    /// The entries of a mapping by key, first occurrence wins. Unknown keys are reported with a "did you mean"
    /// suggestion and skipped; a repeated key is reported at its second occurrence.
    /// </summary>
    public Dictionary<string, YNode> Entries(YMapping map, string path, ImmutableArray<string> known)
    {
        var result = new Dictionary<string, YNode>(StringComparer.Ordinal);
        var firstLine = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (k, v) in map.Entries)
        {
            var keyPath = Join(path, k.Value);
            if (firstLine.TryGetValue(k.Value, out var line))
            {
                Error(k.Position, keyPath, $"duplicate key '{k.Value}'; it is already set at line {line}, remove one of them");
                continue;
            }
            firstLine[k.Value] = k.Position.Line;
            if (known.Contains(k.Value))
            {
                result[k.Value] = v;
                Locate(keyPath, v.Position);
                continue;
            }
            var where = path.Length == 0 ? "at the top level" : $"in '{path}'";
            var hint = Suggest.Closest(k.Value, known) is { } s ? $"did you mean '{s}'? " : "";
            Error(k.Position, keyPath, $"unknown key '{Shorten(k.Value)}' {where}; {hint}expected one of: {string.Join(", ", known)}");
        }
        return result;
    }

    /// <summary>A text value; null, lists and mappings are errors, and so is an empty text unless <paramref name="allowEmpty"/>.</summary>
    public string? Text(YNode node, string path, bool allowEmpty = false)
    {
        if (node is YScalar { IsNull: false } s)
        {
            if (s.Value.Length > 0 || allowEmpty)
                return s.Value;
            Error(s.Position, path, "expected a text value, found an empty text");
            return null;
        }
        Error(node.Position, path, $"expected a text value, found {Describe(node)}");
        return null;
    }

    /// <summary>Like <see cref="Text"/>, but YAML null (or nothing) means "not set".</summary>
    public string? OptionalText(YNode node, string path) => node is YScalar { IsNull: true } ? null : Text(node, path);

    public int? Int(YNode node, string path, int min, int max)
    {
        var expected = $"expected a whole number between {min} and {max}";
        if (node is not YScalar { IsNull: false } s)
        {
            Error(node.Position, path, $"{expected}, found {Describe(node)}");
            return null;
        }
        if (!long.TryParse(s.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v))
        {
            Error(s.Position, path, $"{expected}, found '{Shorten(s.Value)}'");
            return null;
        }
        if (v < min || v > max)
        {
            Error(s.Position, path, $"{v} is out of range; {expected}");
            return null;
        }
        return (int)v;
    }

    /// <summary>YAML 1.1 booleans as PyYAML read them for v1: true/false, yes/no, on/off in any case.</summary>
    public bool? Bool(YNode node, string path)
    {
        if (node is YScalar { IsNull: false } s)
        {
            switch (s.Value.ToLowerInvariant())
            {
                case "true" or "yes" or "on": return true;
                case "false" or "no" or "off": return false;
            }
        }
        Error(node.Position, path, $"expected true or false, found {Describe(node)}");
        return null;
    }

    public T? Enum<T>(YNode node, string path, IReadOnlyDictionary<string, T> values) where T : struct
    {
        if (node is YScalar { IsNull: false } s && values.TryGetValue(s.Value, out var v))
            return v;
        var hint = node is YScalar { IsNull: false } sc && Suggest.Closest(sc.Value, values.Keys) is { } sug ? $"did you mean '{sug}'? " : "";
        Error(node.Position, path, $"{hint}expected one of {string.Join(", ", values.Keys)}, found {Describe(node)}");
        return null;
    }

    /// <summary>A list of texts with their positions; a single text is accepted as a list of one (as v1 did).</summary>
    public ImmutableArray<(string Value, SourcePosition Position)> TextItems(YNode node, string path)
    {
        switch (node)
        {
            case YScalar { IsNull: true }:
                return [];
            case YScalar s:
                return [(s.Value, s.Position)];
            case YSequence seq:
                var list = ImmutableArray.CreateBuilder<(string, SourcePosition)>(seq.Items.Count);
                for (var i = 0; i < seq.Items.Count; i++)
                {
                    if (seq.Items[i] is YScalar { IsNull: false } item)
                        list.Add((item.Value, item.Position));
                    else
                        Error(seq.Items[i].Position, $"{path}[{i}]", $"expected a text value, found {Describe(seq.Items[i])}");
                }
                return list.ToImmutable();
            default:
                Error(node.Position, path, $"expected a list of texts or a single text, found {node.KindName}");
                return [];
        }
    }

    public ImmutableArray<string> TextList(YNode node, string path) => [.. TextItems(node, path).Select(i => i.Value)];

    /// <summary>A mapping of names to texts in file order; null values become empty texts.</summary>
    public ImmutableArray<(string Name, string Value, SourcePosition Position)> TextMap(YNode node, string path)
    {
        if (node is YScalar { IsNull: true })
            return [];
        if (node is not YMapping map)
        {
            Error(node.Position, path, $"expected a mapping of names to values, found {Describe(node)}");
            return [];
        }
        var result = ImmutableArray.CreateBuilder<(string, string, SourcePosition)>(map.Entries.Count);
        var firstLine = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (k, v) in map.Entries)
        {
            var itemPath = path + "." + k.Value;
            if (!firstLine.TryAdd(k.Value, k.Position.Line))
                Error(k.Position, itemPath, $"duplicate key '{k.Value}'; it is already set at line {firstLine[k.Value]}, remove one of them");
            else if (v is YScalar s)
                result.Add((k.Value, s.IsNull ? "" : s.Value, k.Position));
            else
                Error(v.Position, itemPath, $"expected a text value, found {v.KindName}");
        }
        return result.ToImmutable();
    }

    public static string Describe(YNode node) => node switch
    {
        YScalar { IsNull: true } => "nothing (null)",
        YScalar { Value.Length: 0 } => "an empty text",
        YScalar s => $"'{Shorten(s.Value)}'",
        _ => node.KindName,
    };

    public static string Shorten(string s)
    {
        var oneLine = s.Replace('\n', ' ').Replace('\r', ' ');
        return oneLine.Length <= 60 ? oneLine : oneLine[..57] + "...";
    }

    public static string Join(string path, string key) => path.Length == 0 ? key : path + "." + key;
}
