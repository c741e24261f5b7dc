using System.Collections.Immutable;
using System.Globalization;

namespace Robotmk.Config;

/// <summary>
/// Typed access to the nodes of a YAML configuration file (robotmk.yml, the bakery's rule file). A value of the wrong
/// shape is recorded as a <see cref="ConfigProblem"/> (with position, key path and what was expected) and read as null,
/// so reading goes on and every problem is reported at once. The position of every known key's value is kept by key
/// path, so checks across several keys can point at the right line.
/// </summary>
public sealed class YamlFieldReader
{
    private readonly string _file;
    private readonly string? _suiteKey;
    private readonly List<ConfigProblem> _problems;
    private readonly Dictionary<string, SourcePosition> _positions;

    /// <param name="file">The file as the user named it; used in every problem.</param>
    /// <param name="options">How values are judged and worded; robotmk.yml's when null.</param>
    public YamlFieldReader(string file, YamlFieldOptions? options = null)
        : this(file, options ?? YamlFieldOptions.Default, null, [], new Dictionary<string, SourcePosition>(StringComparer.Ordinal))
    {
    }

    private YamlFieldReader(string file, YamlFieldOptions options, string? suiteKey, List<ConfigProblem> problems,
        Dictionary<string, SourcePosition> positions)
    {
        _file = file;
        Options = options;
        _suiteKey = suiteKey;
        _problems = problems;
        _positions = positions;
    }

    public YamlFieldOptions Options { get; }

    /// <summary>Every problem recorded so far, in the order found.</summary>
    public IReadOnlyList<ConfigProblem> Problems => _problems;

    /// <summary>Where each known key's value was found, by key path (<c>global.cache_time</c>, <c>suites[0].path</c>).</summary>
    public ImmutableDictionary<string, SourcePosition> Positions => _positions.ToImmutableDictionary(StringComparer.Ordinal);

    /// <summary>A reader that shares this one's problems and positions, and tags its problems with a suite key (<see cref="ConfigProblem.SuiteKey"/>).</summary>
    public YamlFieldReader ForSuite(string key) => new(_file, Options, key, _problems, _positions);

    public void Error(SourcePosition pos, string path, string message) => Add(ProblemSeverity.Error, pos, path, message);
    public void Warning(SourcePosition pos, string path, string message) => Add(ProblemSeverity.Warning, pos, path, message);
    public void Notice(SourcePosition pos, string path, string message) => Add(ProblemSeverity.Notice, pos, path, message);

    private void Add(ProblemSeverity severity, SourcePosition pos, string path, string message) =>
        _problems.Add(new ConfigProblem(severity, _file, pos, path, message) { SuiteKey = _suiteKey });

    public void Locate(string path, SourcePosition pos) => _positions[path] = pos;

    /// <summary>
    /// The root mapping of a YAML document; null (and recorded why) when the text is not YAML, is empty or is not a mapping.
    /// </summary>
    /// <param name="expected">What the root should be, e.g. "a mapping with 'global' and 'suites'".</param>
    public YMapping? RootMapping(string text, string expected)
    {
        YNode? root;
        try
        {
            root = YamlTreeReader.Read(text);
        }
        catch (YamlTreeException ex)
        {
            Error(ex.Position, "", ex.Message);
            return null;
        }
        if (root is null or YScalar { IsNull: true })
        {
            Error(new SourcePosition(1, 1), "", $"the file is empty; expected {expected}");
            return null;
        }
        if (root is not YMapping map)
        {
            Error(root.Position, "", $"expected {expected}, found {Describe(root)}");
            return null;
        }
        return map;
    }

    /// <summary>
    /// The entries of a mapping by key, first occurrence wins. A repeated key is reported at its second occurrence;
    /// retired and unknown keys are reported (unknown ones with a "did you mean" suggestion); all three are left out.
    /// </summary>
    public Dictionary<string, YNode> Entries(YMapping map, string path, IReadOnlyList<string> known)
    {
        var result = new Dictionary<string, YNode>(StringComparer.Ordinal);
        var firstLine = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (key, value) in map.Entries)
        {
            var keyPath = Join(path, key.Value);
            if (!firstLine.TryAdd(key.Value, key.Position.Line))
            {
                Duplicate(key, keyPath, firstLine[key.Value]);
                continue;
            }
            if (known.Contains(key.Value))
            {
                result[key.Value] = value;
                Locate(keyPath, value.Position);
                continue;
            }
            if (Options.RetiredKeys.TryGetValue(key.Value, out var reason))
            {
                Error(key.Position, keyPath, $"'{key.Value}' is no longer supported: {reason}");
                continue;
            }
            var quoted = Options.QuoteUnknownKeys ? $" '{Shorten(key.Value)}'" : "";
            var where = path.Length == 0 ? "at the top level" : $"in '{path}'";
            var hint = SuggestKey(key.Value, known) is { } s ? $"did you mean '{s}'? " : "";
            Error(key.Position, keyPath, $"unknown key{quoted} {where}; {hint}expected one of: {string.Join(", ", known)}");
        }
        return result;
    }

    private string? SuggestKey(string input, IReadOnlyList<string> known) =>
        Suggest.Closest(input, known)
        ?? (Options.SuggestKeysByPrefix && input.Length >= 4
            ? known.FirstOrDefault(k => k.StartsWith(input, StringComparison.OrdinalIgnoreCase) || input.StartsWith(k, StringComparison.OrdinalIgnoreCase))
            : null);

    /// <summary>A mapping; YAML null (nothing, ~, null) means "not set" and is null without a problem.</summary>
    /// <param name="expected">What the value should be, e.g. "a mapping of robot options".</param>
    public YMapping? Mapping(YNode node, string path, string expected)
    {
        if (node is YMapping map)
            return map;
        if (node is YScalar { IsNull: true })
            return null;
        Error(node.Position, path, $"expected {expected}, found {Describe(node)}");
        return null;
    }

    /// <summary>A text value; null, lists, mappings and empty texts are refused.</summary>
    /// <param name="what">What the text should be, for the message ("expected a folder path").</param>
    public string? Text(YNode node, string path, string what = "a text value") => ReadText(node, path, what, allowEmpty: false);

    /// <summary>Like <see cref="Text"/>, but YAML null (nothing, ~, null) means "not set".</summary>
    public string? OptionalText(YNode node, string path, string what = "a text value") =>
        node is YScalar { IsNull: true } ? null : Text(node, path, what);

    private string? ReadText(YNode node, string path, string what, bool allowEmpty)
    {
        if (node is YScalar { IsNull: false } s)
        {
            var empty = s.Value.Length == 0 || (Options.BlankTextIsEmpty && s.Value.Trim().Length == 0);
            if (!empty || allowEmpty)
                return s.Value;
            Error(s.Position, path, $"expected {what}, found an empty text");
            return null;
        }
        Error(node.Position, path, $"expected {what}, found {Describe(node)}");
        return null;
    }

    /// <param name="unit">Named after "a whole number", e.g. " of seconds".</param>
    public int? Int(YNode node, string path, int min, int max, string unit = "")
    {
        var expected = $"expected a whole number{unit} between {min} and {max}";
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

    /// <summary>One of the names in <paramref name="values"/>, matched exactly; a near miss gets a "did you mean".</summary>
    public T? Enum<T>(YNode node, string path, WireEnum<T> values) where T : struct, Enum
    {
        if (node is YScalar { IsNull: false } s && values.TryParse(s.Value, out var v))
            return v;
        var hint = node is YScalar { IsNull: false } sc && Suggest.Closest(sc.Value, values.Names) is { } sug ? $"did you mean '{sug}'? " : "";
        Error(node.Position, path, $"{hint}expected one of {string.Join(", ", values.Names)}, found {Describe(node)}");
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
                return ReadText(s, path, "a text value", Options.AllowEmptyListItems) is { } single ? [(single, s.Position)] : [];
            case YSequence seq:
                var list = ImmutableArray.CreateBuilder<(string, SourcePosition)>(seq.Items.Count);
                for (var i = 0; i < seq.Items.Count; i++)
                {
                    if (ReadText(seq.Items[i], $"{path}[{i}]", "a text value", Options.AllowEmptyListItems) is { } item)
                        list.Add((item, seq.Items[i].Position));
                }
                return list.ToImmutable();
            default:
                Error(node.Position, path, $"expected a list of texts or a single text, found {Describe(node)}");
                return [];
        }
    }

    public ImmutableArray<string> TextList(YNode node, string path) => [.. TextItems(node, path).Select(i => i.Value)];

    /// <summary>A mapping of names to texts in file order, each with the position of its name; null values become empty texts.</summary>
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
        foreach (var (key, value) in map.Entries)
        {
            if (!firstLine.TryAdd(key.Value, key.Position.Line))
                Duplicate(key, Join(path, key.Value), firstLine[key.Value]);
            else if (key.Value.Length == 0 && Options.RejectEmptyNames)
                Error(key.Position, path, "expected a name, found an empty key");
            else if (value is YScalar s)
                result.Add((key.Value, s.IsNull ? "" : s.Value, key.Position));
            else
                Error(value.Position, Join(path, key.Value), $"expected a text value, found {Describe(value)}");
        }
        return result.ToImmutable();
    }

    private void Duplicate(YScalar key, string keyPath, int firstLine) =>
        Error(key.Position, keyPath, $"duplicate key '{key.Value}'; it is already set at line {firstLine}, remove one of them");

    /// <summary>A node as messages name it after "found": the value itself when it is a text, else its kind.</summary>
    public string Describe(YNode node) => node switch
    {
        YScalar { IsNull: true } => "nothing (null)",
        YScalar { Value.Length: 0 } => Options.EmptyTextDescription,
        YScalar s => $"'{Shorten(s.Value)}'",
        _ => node.KindName,
    };

    /// <summary>A value cut to one line of at most 60 characters, for quoting in a message.</summary>
    public static string Shorten(string s)
    {
        var oneLine = s.Replace('\n', ' ').Replace('\r', ' ');
        return oneLine.Length <= 60 ? oneLine : oneLine[..57] + "...";
    }

    /// <summary>The key path of <paramref name="key"/> under <paramref name="path"/> ("" is the top level).</summary>
    public static string Join(string path, string key) => path.Length == 0 ? key : path + "." + key;
}
