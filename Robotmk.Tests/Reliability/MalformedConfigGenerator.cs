using System.Globalization;
using System.Text;
using Robotmk.Config;

namespace Robotmk.Tests.Reliability;

/// <summary>A generated robotmk.yml and the problem it must be reported with: the line (0: any line) and a fragment of the message.</summary>
public sealed record ConfigCase(string Category, string Name, byte[] Bytes, int Line, string Fragment);

/// <summary>
/// Generates malformed robotmk.yml files from a complete, valid file by systematic mutation: every key of every level
/// gets wrong types, unknown neighbours, duplicates, tabs, broken syntax, control characters and invalid UTF-8; plus
/// huge values, deep nesting and alias bombs. Each case knows the message it must produce.
/// </summary>
public sealed class MalformedConfigGenerator(string robotDir, string outputDir)
{
    /// <summary>One line of the valid file: its key (null for none), the level's path, and the kind of value.</summary>
    private sealed record Line(string Text, string? Key, string Path, ValueKind Kind, int Min = 0, int Max = 0, string[]? Choices = null);

    private enum ValueKind { Block, Enum, Bool, Int, Text, OptionalText, TextList }

    private List<Line> Valid() =>
    [
        /* 1*/ new("global:", "global", "", ValueKind.Block),
        /* 2*/ new("  execution_mode: agent_serial", "execution_mode", "global", ValueKind.Enum, Choices: [.. WireNames.ExecutionModes.Names]),
        /* 3*/ new("  agent_output_encoding: zlib_codec", "agent_output_encoding", "global", ValueKind.Enum, Choices: [.. WireNames.Encodings.Names]),
        /* 4*/ new("  transmit_html: false", "transmit_html", "global", ValueKind.Bool),
        /* 5*/ new("  log_level: INFO", "log_level", "global", ValueKind.Enum, Choices: [.. WireNames.LogLevels.Names]),
        /* 6*/ new("  log_rotation: 14", "log_rotation", "global", ValueKind.Int, 0, 3650),
        /* 7*/ new($"  robotdir: {robotDir}", "robotdir", "global", ValueKind.Text),
        /* 8*/ new($"  outputdir: {outputDir}", "outputdir", "global", ValueKind.Text),
        /* 9*/ new($"  logdir: {outputDir}", "logdir", "global", ValueKind.Text),
        /*10*/ new("  execution_interval: 900", "execution_interval", "global", ValueKind.Int, 1, 7 * 86400),
        /*11*/ new("  cache_time: 960", "cache_time", "global", ValueKind.Int, 1, 30 * 86400),
        /*12*/ new("  run_timeout: 870", "run_timeout", "global", ValueKind.Int, 1, 7 * 86400),
        /*13*/ new("  robotmk_version_compat: 1.6.0", "robotmk_version_compat", "global", ValueKind.Text),
        /*14*/ new("  python: python3", "python", "global", ValueKind.OptionalText),
        /*15*/ new("suites:", "suites", "", ValueKind.Block),
        /*16*/ new("  a:", "a", "suites", ValueKind.Block),
        /*17*/ new("    path: a", "path", "suites.a", ValueKind.Text),
        /*18*/ new("    timeout: 60", "timeout", "suites.a", ValueKind.Int, 1, 7 * 86400),
        /*19*/ new("    piggybackhost: shop", "piggybackhost", "suites.a", ValueKind.OptionalText),
        /*20*/ new("    cwd: a", "cwd", "suites.a", ValueKind.OptionalText),
        /*21*/ new("    env:", "env", "suites.a", ValueKind.Block),
        /*22*/ new("      LANG: C.UTF-8", null, "suites.a.env", ValueKind.Text),
        /*23*/ new("    robot_params:", "robot_params", "suites.a", ValueKind.Block),
        /*24*/ new("      name: Checkout", "name", "suites.a.robot_params", ValueKind.OptionalText),
        /*25*/ new("      include: [smoke]", "include", "suites.a.robot_params", ValueKind.TextList),
        /*26*/ new("      exclude: slow", "exclude", "suites.a.robot_params", ValueKind.TextList),
        /*27*/ new("      test: [T1, T2]", "test", "suites.a.robot_params", ValueKind.TextList),
        /*28*/ new("      suite: [S]", "suite", "suites.a.robot_params", ValueKind.TextList),
        /*29*/ new("      variablefile: [vars.py]", "variablefile", "suites.a.robot_params", ValueKind.TextList),
        /*30*/ new("      argumentfile: [args.txt]", "argumentfile", "suites.a.robot_params", ValueKind.TextList),
        /*31*/ new("      variable:", "variable", "suites.a.robot_params", ValueKind.Block),
        /*32*/ new("        URL: https://example.com", null, "suites.a.robot_params.variable", ValueKind.Text),
        /*33*/ new("      exitonfailure: false", "exitonfailure", "suites.a.robot_params", ValueKind.Bool),
        /*34*/ new("    failed_handling:", "failed_handling", "suites.a", ValueKind.Block),
        /*35*/ new("      max_iterations: 2", "max_iterations", "suites.a.failed_handling", ValueKind.Int, 1, 20),
        /*36*/ new("      strategy:", "strategy", "suites.a.failed_handling", ValueKind.Block),
        /*37*/ new("        name: incremental", "name", "suites.a.failed_handling.strategy", ValueKind.Enum, Choices: [.. WireNames.Strategies.Names]),
        /*38*/ new("        rerun_selection:", "rerun_selection", "suites.a.failed_handling.strategy", ValueKind.Block),
        /*39*/ new("          include: [flaky]", "include", "suites.a.failed_handling.strategy.rerun_selection", ValueKind.TextList),
        /*40*/ new("          exclude: []", "exclude", "suites.a.failed_handling.strategy.rerun_selection", ValueKind.TextList),
        /*41*/ new("  b:", "b", "suites", ValueKind.Block),
        /*42*/ new("    path: b", "path", "suites.b", ValueKind.Text),
    ];

    /// <summary>The valid file itself (the generator's starting point; it must validate).</summary>
    public string ValidText => Join(Valid());

    private static string Join(IEnumerable<Line> lines) => string.Join("\n", lines.Select(l => l.Text)) + "\n";

    private static byte[] Utf8(string s) => Encoding.UTF8.GetBytes(s);

    private static int Indent(string text) => text.Length - text.TrimStart(' ').Length;

    /// <summary>Index range [start, end) of a line and the lines nested below it.</summary>
    private static (int Start, int End) Block(List<Line> lines, int index)
    {
        var indent = Indent(lines[index].Text);
        var end = index + 1;
        while (end < lines.Count && Indent(lines[end].Text) > indent)
            end++;
        return (index, end);
    }

    private static string Where(string path) => path.Length == 0 ? "at the top level" : $"in '{path}'";

    public IEnumerable<ConfigCase> All() =>
        WrongTypes().Concat(UnknownKeys()).Concat(DuplicateKeys()).Concat(Tabs()).Concat(SyntaxErrors()).Concat(ControlCharacters())
            .Concat(InvalidUtf8()).Concat(ByteOrderMarks()).Concat(HugeValues()).Concat(DeepNesting()).Concat(AliasBombs()).Concat(BadValues());

    // ---- wrong types: every key gets values of the wrong shape -------------------------------------------------

    private IEnumerable<ConfigCase> WrongTypes()
    {
        var valid = Valid();
        for (var i = 0; i < valid.Count; i++)
        {
            var line = valid[i];
            if (line.Key is null || line.Path.Length == 0)
                continue;
            var prefix = new string(' ', Indent(line.Text)) + line.Key + ": ";
            foreach (var (value, described) in WrongValues(line))
            {
                var lines = new List<Line>(valid);
                var (start, end) = Block(lines, i);
                lines.RemoveRange(start, end - start);
                lines.Insert(start, line with { Text = prefix + value });
                var fragment = Expected(line, described, value);
                if (fragment is null)
                    continue;
                yield return new ConfigCase("wrong type", $"{line.Path}.{line.Key} = {Short(value)}", Utf8(Join(lines)), i + 1, fragment);
            }
        }
    }

    private static IEnumerable<(string Value, string Described)> WrongValues(Line line)
    {
        yield return ("[x, y]", "a list");
        yield return ("{k: v}", "a mapping");
        if (line.Kind is ValueKind.Enum or ValueKind.Bool or ValueKind.Int or ValueKind.Block)
        {
            yield return ("bogus", "'bogus'");
            yield return ("''", "an empty text");
        }
        if (line.Kind is ValueKind.Enum or ValueKind.Bool or ValueKind.Int or ValueKind.Text)
            yield return ("~", "nothing (null)");
        if (line.Kind is ValueKind.Int)
        {
            yield return ("1.5", "'1.5'");
            yield return ("0x10", "'0x10'");
            yield return ("1e3", "'1e3'");
            yield return ("99999999999999999999", "'99999999999999999999'");
            yield return ((line.Max + 1L).ToString(CultureInfo.InvariantCulture), "range");
            yield return ((line.Min - 1L).ToString(CultureInfo.InvariantCulture), "range");
            yield return ("9223372036854775807", "range");
        }
        if (line.Kind is ValueKind.Bool)
        {
            yield return ("2", "'2'");
            yield return ("'yes please'", "'yes please'");
        }
        if (line.Kind is ValueKind.Enum)
        {
            yield return ("42", "'42'");
            yield return (line.Choices![0].ToUpperInvariant() + "X", $"'{line.Choices![0].ToUpperInvariant()}X'");
        }
        if (line.Kind is ValueKind.TextList)
        {
            yield return ("[{k: v}]", "item mapping");
            yield return ("[[x]]", "item list");
            yield return ("[x, ~]", "item null");
        }
        if (line.Kind is ValueKind.Text)
            yield return ("''", "an empty text");
    }

    private static string? Expected(Line line, string described, string value)
    {
        var path = line.Path + "." + line.Key;
        return line.Kind switch
        {
            ValueKind.Enum => $"expected one of {string.Join(", ", line.Choices!)}, found {described}",
            ValueKind.Bool => $"{path}: expected true or false, found {described}",
            ValueKind.Int when described == "range" => $"{path}: {value} is out of range; expected a whole number between {line.Min} and {line.Max}",
            ValueKind.Int when described == "an empty text" => $"{path}: expected a whole number between {line.Min} and {line.Max}, found ''",
            ValueKind.Int => $"{path}: expected a whole number between {line.Min} and {line.Max}, found {described}",
            ValueKind.Text or ValueKind.OptionalText => $"{path}: expected a text value, found {described}",
            ValueKind.TextList when described.StartsWith("item ", StringComparison.Ordinal) =>
                $"expected a text value, found {described[5..] switch { "mapping" => "a mapping", "list" => "a list", _ => "nothing (null)" }}",
            ValueKind.TextList when described == "a mapping" => $"{path}: expected a list of texts or a single text, found a mapping",
            ValueKind.TextList => null, // a list of texts is right; a list of lists is covered by the item cases
            // A mapping is the right shape there; its key is the fault.
            ValueKind.Block when described == "a mapping" => line.Key is "env" or "variable" ? null : $"{path}.k: unknown key 'k' in '{path}'",
            ValueKind.Block => line.Key switch
            {
                "a" or "b" => $"{path}: expected a mapping with at least 'path', found {described}",
                "env" => $"{path}: expected a mapping of names to values, found {described}",
                "robot_params" => $"{path}: expected a mapping of robot options, found {described}",
                "variable" when described == "a list" => "expected NAME:VALUE, found 'x'",
                "variable" when described == "'bogus'" => "expected NAME:VALUE, found 'bogus'",
                "variable" => null, // a mapping is right; an empty text means no variable
                "failed_handling" => $"{path}: expected a mapping with 'max_iterations' and 'strategy', found {described}",
                "strategy" => $"{path}: expected a mapping with 'name' and 'rerun_selection', found {described}",
                "rerun_selection" => $"{path}: expected a mapping with 'include' and 'exclude', found {described}",
                _ => null,
            },
            _ => null,
        };
    }

    // ---- unknown keys: misspellings of every key (with "did you mean") and foreign names at every level ---------

    private IEnumerable<ConfigCase> UnknownKeys()
    {
        var valid = Valid();
        var levels = valid.Where(l => l.Key is not null && ConfigKnownKeys(l.Path) is not null).GroupBy(l => l.Path);
        foreach (var level in levels)
        {
            var known = ConfigKnownKeys(level.Key)!;
            var first = valid.FindIndex(l => l.Path == level.Key && l.Key is not null);
            var indent = new string(' ', Indent(valid[first].Text));
            foreach (var key in known)
            {
                foreach (var misspelt in Misspellings(key).Where(m => !known.Contains(m)).Distinct())
                {
                    var lines = new List<Line>(valid);
                    lines.Insert(first, new Line($"{indent}{misspelt}: 1", misspelt, level.Key, ValueKind.Text));
                    var hint = Suggest.Closest(misspelt, known) is { } s ? $"did you mean '{s}'? " : "";
                    yield return new ConfigCase("unknown key", $"{level.Key}: {misspelt}", Utf8(Join(lines)), first + 1,
                        $"unknown key '{misspelt}' {Where(level.Key)}; {hint}expected one of: {string.Join(", ", known)}");
                }
            }
            foreach (var foreign in new[] { "zzz", "Global", "suites_extra", "x-y-z", "\"quoted key\"", "ünïcödé", "123" })
            {
                var name = foreign.Trim('"');
                if (known.Contains(name))
                    continue;
                var lines = new List<Line>(valid);
                lines.Insert(first, new Line($"{indent}{foreign}: 1", name, level.Key, ValueKind.Text));
                yield return new ConfigCase("unknown key", $"{level.Key}: {name}", Utf8(Join(lines)), first + 1, $"unknown key '{name}' {Where(level.Key)}");
            }
        }
    }

    private static IReadOnlyList<string>? ConfigKnownKeys(string path) => path switch
    {
        "" => ConfigParser.KnownKeys[ConfigLevel.Root],
        "global" => ConfigParser.KnownKeys[ConfigLevel.Global],
        "suites.a" => ConfigParser.KnownKeys[ConfigLevel.Suite],
        "suites.a.robot_params" => ConfigParser.KnownKeys[ConfigLevel.RobotParams],
        "suites.a.failed_handling" => ConfigParser.KnownKeys[ConfigLevel.FailedHandling],
        "suites.a.failed_handling.strategy" => ConfigParser.KnownKeys[ConfigLevel.Strategy],
        "suites.a.failed_handling.strategy.rerun_selection" => ConfigParser.KnownKeys[ConfigLevel.RerunSelection],
        _ => null,
    };

    private static IEnumerable<string> Misspellings(string key)
    {
        yield return key[..^1];                              // last letter missing
        yield return key + "s";                              // plural
        if (key.Length > 3)
            yield return key[..1] + key[2] + key[1] + key[3..]; // two letters swapped
        yield return key.Replace('_', '-');                  // dash instead of underscore
        yield return key.ToUpperInvariant();                 // wrong case
    }

    // ---- duplicate keys at every level -------------------------------------------------------------------------

    private IEnumerable<ConfigCase> DuplicateKeys()
    {
        var valid = Valid();
        for (var i = 0; i < valid.Count; i++)
        {
            var line = valid[i];
            if (line.Key is null)
                continue;
            var (start, end) = Block(valid, i);
            var lines = new List<Line>(valid);
            lines.InsertRange(end, valid.GetRange(start, end - start));
            var fragment = line.Path == "suites"
                ? $"duplicate suite key '{line.Key}'; it is already defined at line {i + 1}"
                : $"duplicate key '{line.Key}'; it is already set at line {i + 1}";
            yield return new ConfigCase("duplicate key", $"{line.Path}.{line.Key}", Utf8(Join(lines)), end + 1, fragment);
        }
        // Repeated names inside the value maps (env, variable) are duplicates too.
        foreach (var index in new[] { 21, 31 })
        {
            var lines = new List<Line>(valid);
            lines.Insert(index + 1, valid[index]);
            var name = valid[index].Text.Trim().Split(':')[0];
            yield return new ConfigCase("duplicate key", $"{valid[index].Path}.{name}", Utf8(Join(lines)), index + 2,
                $"duplicate key '{name}'; it is already set at line {index + 1}");
        }
    }

    // ---- tabs in the indentation of every indented line ---------------------------------------------------------

    private IEnumerable<ConfigCase> Tabs()
    {
        var valid = Valid();
        const string message = "a tab is used for indentation; YAML allows only spaces there";
        for (var i = 0; i < valid.Count; i++)
        {
            var text = valid[i].Text;
            var indent = Indent(text);
            if (indent == 0)
                continue;
            foreach (var (variant, replaced) in new[] { ("tab only", "\t" + text[indent..]), ("spaces then tab", text[..(indent - 1)] + "\t" + text[indent..]) })
            {
                var lines = new List<Line>(valid);
                lines[i] = valid[i] with { Text = replaced };
                yield return new ConfigCase("tab", $"line {i + 1} ({variant})", Utf8(Join(lines)), i + 1, message);
            }
        }
    }

    // ---- broken YAML syntax on every line --------------------------------------------------------------------

    private IEnumerable<ConfigCase> SyntaxErrors()
    {
        var valid = Valid();
        for (var i = 0; i < valid.Count; i++)
        {
            var line = valid[i];
            if (line.Key is null || line.Kind == ValueKind.Block)
                continue;
            var prefix = line.Text[..(line.Text.IndexOf(':') + 2)];
            foreach (var (what, value) in new[] { ("unclosed list", "[a, b"), ("unclosed mapping", "{a: b"), ("unclosed quote", "\"abc"), ("value with ': '", "a: b: c"), ("reserved @", "@a"), ("reserved `", "`a") })
            {
                var lines = new List<Line>(valid);
                lines[i] = line with { Text = prefix + value };
                // The YAML reader reports the fault where it notices it: on this line or where the next construct starts.
                yield return new ConfigCase("syntax", $"line {i + 1}: {what}", Utf8(Join(lines)), 0, "YAML syntax error");
            }
        }
        // Indentation that fits no level.
        for (var i = 1; i < valid.Count; i++)
        {
            if (Indent(valid[i].Text) == 0)
                continue;
            var lines = new List<Line>(valid);
            lines[i] = valid[i] with { Text = " " + valid[i].Text };
            if (Indent(valid[i - 1].Text) < Indent(valid[i].Text))
                continue; // one more space below a parent is still a valid (deeper) start
            yield return new ConfigCase("syntax", $"line {i + 1}: off by one space", Utf8(Join(lines)), 0, "YAML syntax error");
        }
    }

    // ---- control characters in a value ----------------------------------------------------------------------

    private IEnumerable<ConfigCase> ControlCharacters()
    {
        var valid = Valid();
        var chars = Enumerable.Range(1, 31).Where(c => c is not ('\t' or '\n' or '\r')).Append(0x7F).Append(0);
        var n = 0;
        foreach (var c in chars)
        {
            var i = new[] { 1, 6, 12, 16, 23, 36, 41 }[n++ % 7];
            var lines = new List<Line>(valid);
            lines[i] = valid[i] with { Text = valid[i].Text + (char)c + "x" };
            yield return new ConfigCase("control character", $"U+{c:X4} on line {i + 1}", Utf8(Join(lines)), i + 1,
                $"the control character U+{c:X4} is not allowed in a YAML file");
        }
    }

    // ---- invalid UTF-8 at several places ---------------------------------------------------------------------

    private IEnumerable<ConfigCase> InvalidUtf8()
    {
        var valid = Valid();
        byte[][] sequences =
        [
            [0xFF], [0xFE], [0xC0, 0x80], [0xC1, 0xBF], [0x80], [0xBF], [0xE0, 0x80, 0x80], [0xED, 0xA0, 0x80],
            [0xF5, 0x80, 0x80, 0x80], [0xF8, 0x88, 0x80, 0x80, 0x80], [0xC3, 0x20], [0xE2, 0x82, 0x20], [0xF0, 0x9F, 0x98],
        ];
        foreach (var at in new[] { 0, 1, 6, 16, 23, 31 })
        {
            foreach (var seq in sequences)
            {
                var text = Join(valid);
                var lineStart = Utf8(string.Concat(valid.Take(at).Select(l => l.Text + "\n")));
                var column = valid[at].Text.Length + 1;
                var bytes = new List<byte>(lineStart);
                bytes.AddRange(Utf8(valid[at].Text));
                bytes.AddRange(seq);
                bytes.AddRange(Utf8(text[(lineStart.Length + Utf8(valid[at].Text).Length)..]));
                yield return new ConfigCase("invalid UTF-8", $"{Convert.ToHexString(seq)} at line {at + 1}", [.. bytes], at + 1,
                    $"{at + 1}:{column}: error: the file is not valid UTF-8 text");
            }
        }
    }

    // ---- byte order marks -----------------------------------------------------------------------------------

    private IEnumerable<ConfigCase> ByteOrderMarks()
    {
        byte[] bom = [0xEF, 0xBB, 0xBF];
        // A BOM at the start is allowed: the same faults are found at the same places.
        foreach (var c in WrongTypes().Where((_, i) => i % 9 == 0).Take(20))
            yield return c with { Category = "byte order mark", Name = "BOM + " + c.Name, Bytes = [.. bom, .. c.Bytes] };
        var valid = Valid();
        // A BOM anywhere else is a character in the text.
        foreach (var at in new[] { 1, 6, 16, 23 })
        {
            var lines = new List<Line>(valid);
            lines[at] = valid[at] with { Text = valid[at].Text.Replace(": ", ": \uFEFF", StringComparison.Ordinal) };
            yield return new ConfigCase("byte order mark", $"BOM inside line {at + 1}", Utf8(Join(lines)), at + 1,
                $"{at + 1}:{valid[at].Text.IndexOf(": ", StringComparison.Ordinal) + 3}: error: a byte order mark (U+FEFF) is only allowed as the first character");
        }
        yield return new ConfigCase("byte order mark", "BOM at the start of line 2", Utf8(Join(valid).Replace("\n  execution_mode", "\n\uFEFF  execution_mode")), 2,
            "2:1: error: a byte order mark (U+FEFF) is only allowed as the first character");
        yield return new ConfigCase("byte order mark", "UTF-16 LE BOM", [0xFF, 0xFE, .. Encoding.Unicode.GetBytes(Join(valid))], 1,
            "the file is not valid UTF-8 text");
        yield return new ConfigCase("byte order mark", "BOM only", bom, 1, "the file is empty");
    }

    // ---- huge values ---------------------------------------------------------------------------------------

    private IEnumerable<ConfigCase> HugeValues()
    {
        var valid = Valid();
        var text = Join(valid);
        yield return new ConfigCase("huge", "5 MB file", Utf8(text + "# " + new string('x', 5 * 1024 * 1024) + "\n"), 0,
            $"a robotmk.yml larger than {ConfigLoader.MaxFileBytes} bytes is refused");
        foreach (var size in new[] { 1000, 100_000, 1_000_000 })
        {
            var big = new string('q', size);
            // YAML limits an implicit key to 1024 characters; a longer one is a syntax error on its line.
            yield return new ConfigCase("huge", $"{size}-character unknown key", Utf8(text + big + ": 1\n"), valid.Count + 1,
                size <= 1024 ? $"unknown key '{big[..57]}...' at the top level" : "YAML syntax error");
            var lines = new List<Line>(valid);
            lines[1] = valid[1] with { Text = "  execution_mode: " + big };
            yield return new ConfigCase("huge", $"{size}-character enum value", Utf8(Join(lines)), 2, $"found '{big[..57]}...'");
            lines = new List<Line>(valid);
            lines[9] = valid[9] with { Text = "  execution_interval: " + new string('9', size) };
            yield return new ConfigCase("huge", $"{size}-digit number", Utf8(Join(lines)), 10, $"found '{new string('9', 57)}...'");
        }
        foreach (var items in new[] { 200_001, 400_000 })
        {
            var lines = new List<Line>(valid);
            lines[24] = valid[24] with { Text = "      include: [" + string.Join(",", Enumerable.Repeat("t", items)) + "]" };
            yield return new ConfigCase("huge", $"list of {items} items", Utf8(Join(lines)), 0, $"the document has more than {YamlTreeReader.MaxNodes} nodes");
        }
        var manySuites = new StringBuilder(text);
        for (var i = 0; i < 70_000; i++)
            manySuites.Append(CultureInfo.InvariantCulture, $"  s{i}: {{path: s{i}}}\n");
        yield return new ConfigCase("huge", "70000 suites", Utf8(manySuites.ToString()), 0, $"the document has more than {YamlTreeReader.MaxNodes} nodes");
    }

    // ---- deep nesting --------------------------------------------------------------------------------------

    private IEnumerable<ConfigCase> DeepNesting()
    {
        var valid = Valid();
        foreach (var depth in new[] { 65, 100, 1000, 100_000 })
        {
            foreach (var (open, close) in new[] { ("[", "]"), ("{a: ", "}") })
            {
                var lines = new List<Line>(valid);
                lines[24] = valid[24] with { Text = "      include: " + string.Concat(Enumerable.Repeat(open, depth)) + "x" + string.Concat(Enumerable.Repeat(close, depth)) };
                yield return new ConfigCase("deep nesting", $"{depth} levels of {open.Trim()}", Utf8(Join(lines)), 25,
                    $"nesting deeper than {YamlTreeReader.MaxDepth} levels");
            }
        }
        foreach (var depth in new[] { 65, 70, 200 })
        {
            var block = new StringBuilder(Join(valid));
            block.Append("deep:\n");
            for (var d = 1; d <= depth; d++)
                block.Append(new string(' ', 2 * d)).Append('k').Append(d).Append(":\n");
            yield return new ConfigCase("deep nesting", $"{depth} block levels", Utf8(block.ToString()), 0, $"nesting deeper than {YamlTreeReader.MaxDepth} levels");
        }
    }

    // ---- alias bombs ---------------------------------------------------------------------------------------

    private IEnumerable<ConfigCase> AliasBombs()
    {
        var valid = Valid();
        foreach (var levels in new[] { 5, 8, 10, 12, 16 })
        {
            foreach (var width in new[] { 5, 10 })
            {
                // Billion laughs: level n is a list of `width` aliases of level n-1. Resolved by copy it would hold
                // width^levels nodes; read by reference it is a few dozen.
                var bomb = new StringBuilder("lol0: &l0 [lol]\n");
                for (var n = 1; n <= levels; n++)
                    bomb.Append(CultureInfo.InvariantCulture, $"lol{n}: &l{n} [{string.Join(", ", Enumerable.Repeat($"*l{n - 1}", width))}]\n");
                yield return new ConfigCase("alias bomb", $"{width}^{levels} at the top level", Utf8(bomb + Join(valid)), 1,
                    "unknown key 'lol0' at the top level");
                // The same bomb used as a suite value: each item of the top list is reported once, not each node.
                var lines = new List<Line>(valid);
                lines[24] = valid[24] with { Text = $"      include: *l{levels}" };
                yield return new ConfigCase("alias bomb", $"{width}^{levels} as robot_params.include", Utf8(bomb.ToString().Replace("lol", "x-lol") + Join(lines)), 0,
                    "suites.a.robot_params.include[0]: expected a text value, found a list");
            }
        }
        foreach (var levels in new[] { 6, 9, 12 })
        {
            // Merge keys copy entries, but a key merged twice is kept once: a merge "bomb" grows linearly.
            var bomb = new StringBuilder("m0: &m0 {a: 1, b: 2, c: 3, d: 4}\n");
            for (var n = 1; n <= levels; n++)
                bomb.Append(CultureInfo.InvariantCulture, $"m{n}: &m{n} {{<<: [{string.Join(", ", Enumerable.Range(0, 6).Select(_ => $"*m{n - 1}"))}], k{n}: {n}}}\n");
            yield return new ConfigCase("alias bomb", $"merge keys, {levels} levels", Utf8(bomb + Join(valid)), 1, "unknown key 'm0' at the top level");
        }
    }

    // ---- values of the right type that make no sense ------------------------------------------------------

    private IEnumerable<ConfigCase> BadValues()
    {
        var valid = Valid();
        IEnumerable<ConfigCase> Replace(string name, int index, string text, int line, string fragment)
        {
            var lines = new List<Line>(valid);
            lines[index] = valid[index] with { Text = text };
            yield return new ConfigCase("bad value", name, Utf8(Join(lines)), line, fragment);
        }
        foreach (var (interval, cache) in new[] { (900, 899), (300, 1), (60, 59), (86400, 3600) })
        {
            var lines = new List<Line>(valid);
            lines[9] = valid[9] with { Text = $"  execution_interval: {interval}" };
            lines[10] = valid[10] with { Text = $"  cache_time: {cache}" };
            lines[11] = valid[11] with { Text = "  run_timeout: 30" };
            yield return new ConfigCase("bad value", $"cache_time {cache} < interval {interval}", Utf8(Join(lines)), 11,
                $"cache_time ({cache} s) must be at least execution_interval ({interval} s)");
        }
        foreach (var runTimeout in new[] { 1800, 1801, 10_000 })
            foreach (var c in Replace($"run_timeout {runTimeout}", 11, $"  run_timeout: {runTimeout}", 12, $"run_timeout ({runTimeout} s) must be below twice the execution_interval (1800 s)"))
                yield return c;
        foreach (var path in new[] { "..", "../x", "a/../../x", "./../a", "..\\\\x", "a/b/../../../c" })
            foreach (var c in Replace($"path {path}", 16, $"    path: \"{path}\"", 17, "leaves robotdir through '..'"))
                yield return c;
        foreach (var host in new[] { "'two words'", "'<<<x>>>'", "a>b", "'tab\there'", "'new\nline'" })
            foreach (var c in Replace($"piggybackhost {host}", 18, $"    piggybackhost: \"{host.Trim('\'').Replace("\t", "\\t").Replace("\n", "\\n")}\"", 19, "is not a valid host name (no spaces or angle brackets)"))
                yield return c;
        foreach (var name in new[] { "\"A=B\"", "\"\"", "\"=\"" })
            foreach (var c in Replace($"env name {name}", 21, $"      {name}: x", 22, "is not a valid environment variable name (empty or contains '=')"))
                yield return c;
        foreach (var name in new[] { "\"A:B\"", "\"\"", "\":\"" })
            foreach (var c in Replace($"variable name {name}", 31, $"        {name}: x", 32, "is not a valid variable name (empty or contains ':')"))
                yield return c;
        foreach (var strategy in new[] { "incremental_", "Complete", "partial", "rerun" })
            foreach (var c in Replace($"strategy {strategy}", 36, $"        name: {strategy}", 37, "expected one of incremental, complete"))
                yield return c;
        {
            var lines = new List<Line>(valid);
            lines.Insert(35, new Line("      max_executions: 3", "max_executions", "suites.a.failed_handling", ValueKind.Int));
            yield return new ConfigCase("bad value", "max_executions and max_iterations", Utf8(Join(lines)), 36,
                "'max_executions' (the v1 spelling) and 'max_iterations' are both set; keep only 'max_iterations'");
        }
        // The key is the suite id: one that cannot name a suite (the runner's own state file, a line break in a service name).
        foreach (var (key, reason) in new[] { ("runner", "is reserved"), ("\"tab\\there\"", "control characters"), ("\"line\\nbreak\"", "control characters") })
        {
            var lines = new List<Line>(valid);
            lines.Add(new Line($"  {key}:", key, "suites", ValueKind.Block));
            lines.Add(new Line("    path: x", "path", $"suites.{key}", ValueKind.Text));
            yield return new ConfigCase("bad value", $"suite key {key}", Utf8(Join(lines)), valid.Count + 1, reason);
        }
        foreach (var c in Replace("missing suite path", 41, "    path: not_there", 42, "not_there"))
            yield return c;
        yield return new ConfigCase("bad value", "empty file", [], 1, "the file is empty; expected a mapping with 'global' and 'suites'");
        yield return new ConfigCase("bad value", "only a comment", Utf8("# nothing\n"), 1, "the file is empty; expected a mapping with 'global' and 'suites'");
        foreach (var top in new[] { "42", "[a, b]", "just text", "- global", "'global'" })
            yield return new ConfigCase("bad value", $"top level {top}", Utf8(top + "\n"), 1, "expected a mapping with 'global' and 'suites', found");
        yield return new ConfigCase("bad value", "second document", Utf8(Join(valid) + "---\nglobal: {}\n"), valid.Count + 1, "only one YAML document is allowed");
        yield return new ConfigCase("bad value", "unknown anchor", Utf8(Join(valid).Replace("include: [smoke]", "include: *nowhere")), 25, "alias '*nowhere' refers to an unknown anchor");
    }

    private static string Short(string s) => s.Length <= 30 ? s : s[..27] + "...";
}
