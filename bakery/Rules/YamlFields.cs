using System.Collections.Immutable;
using System.Globalization;
using Robotmk.Config;

namespace Robotmk.Bakery.Rules;

/// <summary>
/// Typed access to the nodes of a rule file. A value of the wrong shape is recorded as an error (with position,
/// key path and what was expected) and read as null, so reading goes on and every problem is reported at once.
/// </summary>
internal sealed class YamlFields(ProblemList problems)
{
    /// <summary>Keys that existed in the v1 rule but have no meaning any more, with the reason.</summary>
    private static readonly IReadOnlyDictionary<string, string> RetiredKeys = new Dictionary<string, string>
    {
        ["critical"] = "Robot Framework 4 removed test criticality (--critical); use 'exclude' or skip tags instead",
        ["noncritical"] = "Robot Framework 4 removed test criticality (--noncritical); use 'exclude' or skip tags instead",
    };

    /// <summary>
    /// The entries of a mapping by key, first occurrence wins; a repeated key is reported at its second occurrence,
    /// unknown keys are reported with a suggestion; both are left out.
    /// </summary>
    public Dictionary<string, YNode> Entries(YMapping map, string path, IReadOnlyList<string> known)
    {
        var result = new Dictionary<string, YNode>(StringComparer.Ordinal);
        var firstLine = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (key, value) in map.Entries)
        {
            if (!firstLine.TryAdd(key.Value, key.Position.Line))
            {
                Duplicate(key, Join(path, key.Value), firstLine[key.Value]);
                continue;
            }
            if (known.Contains(key.Value))
            {
                result[key.Value] = value;
                continue;
            }
            var keyPath = Join(path, key.Value);
            if (RetiredKeys.TryGetValue(key.Value, out var reason))
            {
                problems.Error(key.Position, keyPath, $"'{key.Value}' is no longer supported: {reason}");
                continue;
            }
            var where = path.Length == 0 ? "at the top level" : $"in '{path}'";
            var hint = Guess(key.Value, known) is { } s ? $"did you mean '{s}'? " : "";
            problems.Error(key.Position, keyPath, $"unknown key {where}; {hint}expected one of: {string.Join(", ", known)}");
        }
        return result;
    }

    /// <summary>The closest known key by edit distance, else a known key the input starts (or is the start of).</summary>
    private static string? Guess(string input, IReadOnlyList<string> known) =>
        Suggest.Closest(input, known)
        ?? (input.Length >= 4
            ? known.FirstOrDefault(k => k.StartsWith(input, StringComparison.OrdinalIgnoreCase) || input.StartsWith(k, StringComparison.OrdinalIgnoreCase))
            : null);

    public YMapping? Mapping(YNode node, string path, string expected)
    {
        if (node is YMapping map)
            return map;
        if (node is YScalar { IsNull: true })
            return null;
        problems.Error(node.Position, path, $"expected {expected}, found {Describe(node)}");
        return null;
    }

    public string? Text(YNode node, string path, string what = "a text value")
    {
        if (node is YScalar { IsNull: false } s)
        {
            if (s.Value.Length > 0 && s.Value.Trim().Length > 0)
                return s.Value;
            problems.Error(s.Position, path, $"expected {what}, found an empty text");
            return null;
        }
        problems.Error(node.Position, path, $"expected {what}, found {Describe(node)}");
        return null;
    }

    /// <summary>Like <see cref="Text"/>, but YAML null (nothing, ~, null) means "not set".</summary>
    public string? OptionalText(YNode node, string path, string what = "a text value") =>
        node is YScalar { IsNull: true } ? null : Text(node, path, what);

    public int? Int(YNode node, string path, int min, int max, string unit = "")
    {
        var expected = $"a whole number{unit} between {min} and {max}";
        if (node is not YScalar { IsNull: false } s)
        {
            problems.Error(node.Position, path, $"expected {expected}, found {Describe(node)}");
            return null;
        }
        if (!long.TryParse(s.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v))
        {
            problems.Error(s.Position, path, $"expected {expected}, found {Describe(node)}");
            return null;
        }
        if (v < min || v > max)
        {
            problems.Error(s.Position, path, $"{v} is out of range; expected {expected}");
            return null;
        }
        return (int)v;
    }

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
        problems.Error(node.Position, path, $"expected true or false, found {Describe(node)}");
        return null;
    }

    public T? Enum<T>(YNode node, string path, IReadOnlyDictionary<string, T> values) where T : struct
    {
        if (node is YScalar { IsNull: false } s && values.TryGetValue(s.Value, out var v))
            return v;
        var hint = node is YScalar sc && Suggest.Closest(sc.Value, values.Keys) is { } sug ? $"did you mean '{sug}'? " : "";
        problems.Error(node.Position, path, $"{hint}expected one of {string.Join(", ", values.Keys)}, found {Describe(node)}");
        return null;
    }

    /// <summary>A list of texts; a single text counts as a list of one.</summary>
    public ImmutableArray<string> TextList(YNode node, string path)
    {
        switch (node)
        {
            case YScalar { IsNull: true }:
                return [];
            case YScalar s:
                return Text(s, path) is { } single ? [single] : [];
            case YSequence seq:
                var list = ImmutableArray.CreateBuilder<string>(seq.Items.Count);
                for (var i = 0; i < seq.Items.Count; i++)
                {
                    if (Text(seq.Items[i], $"{path}[{i}]") is { } item)
                        list.Add(item);
                }
                return list.ToImmutable();
            default:
                problems.Error(node.Position, path, $"expected a list of texts or a single text, found {Describe(node)}");
                return [];
        }
    }

    /// <summary>A mapping of names to text values, in file order; an empty or null value is the empty text.</summary>
    public ImmutableArray<KeyValuePair<string, string>> TextMap(YNode node, string path)
    {
        if (node is YScalar { IsNull: true })
            return [];
        if (node is not YMapping map)
        {
            problems.Error(node.Position, path, $"expected a mapping of names to values, found {Describe(node)}");
            return [];
        }
        var result = ImmutableArray.CreateBuilder<KeyValuePair<string, string>>();
        var firstLine = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (key, value) in map.Entries)
        {
            if (!firstLine.TryAdd(key.Value, key.Position.Line))
                Duplicate(key, Join(path, key.Value), firstLine[key.Value]);
            else if (key.Value.Length == 0)
                problems.Error(key.Position, path, "expected a name, found an empty key");
            else if (value is YScalar s)
                result.Add(new(key.Value, s.IsNull ? "" : s.Value));
            else
                problems.Error(value.Position, Join(path, key.Value), $"expected a text value, found {Describe(value)}");
        }
        return result.ToImmutable();
    }

    private void Duplicate(YScalar key, string keyPath, int firstLine) =>
        problems.Error(key.Position, keyPath, $"duplicate key '{key.Value}'; it is already set at line {firstLine}, remove one of them");

    public static string Describe(YNode node) => node switch
    {
        YScalar { IsNull: true } => "nothing (null)",
        YScalar s => $"'{Shorten(s.Value)}'",
        _ => node.KindName,
    };

    public static string Join(string path, string key) => path.Length == 0 ? key : path + "." + key;

    private static string Shorten(string s) => s.Length <= 60 ? s : s[..57] + "...";
}
