using System.Text.RegularExpressions;
using Robotmk.Config;
using Robotmk.Tests.Support;

namespace Robotmk.Tests.Config;

/// <summary>The configuration reference in README.md lists exactly the keys the parser accepts, level by level.</summary>
public partial class ConfigReferenceDocTests
{
    private static string Section()
    {
        var readme = File.ReadAllText(Path.Join(TestPaths.RepoRoot, "README.md"));
        var start = readme.IndexOf("<!-- config-reference:start -->", StringComparison.Ordinal);
        var end = readme.IndexOf("<!-- config-reference:end -->", StringComparison.Ordinal);
        Assert.That(start, Is.GreaterThanOrEqualTo(0), "start marker missing");
        Assert.That(end, Is.GreaterThan(start), "end marker missing");
        return readme[start..end];
    }

    /// <summary>The table rows under each level heading (a "###" heading whose first code span names a parser level).</summary>
    private static List<(string Level, string Key, string Row)> LevelRows()
    {
        var rows = new List<(string, string, string)>();
        string? level = null;
        foreach (var line in Section().Split('\n'))
        {
            if (line.StartsWith("### ", StringComparison.Ordinal))
            {
                var heading = CodeSpan().Match(line);
                level = heading.Success && ConfigParser.KnownKeys.ContainsKey(heading.Groups[1].Value) ? heading.Groups[1].Value : null;
                if (level is not null)
                    rows.Add((level, "", ""));
                continue;
            }
            var row = KeyRow().Match(line);
            if (level is not null && row.Success)
                rows.Add((level, row.Groups[1].Value, line));
        }
        return rows;
    }

    private static Dictionary<string, List<string>> DocumentedKeys() =>
        LevelRows().GroupBy(r => r.Level).ToDictionary(g => g.Key, g => g.Where(r => r.Key.Length > 0).Select(r => r.Key).ToList());

    [Test]
    public void Every_level_of_the_parser_has_a_table()
    {
        Assert.That(DocumentedKeys().Keys, Is.EquivalentTo(ConfigParser.KnownKeys.Keys));
    }

    [Test]
    public void Each_table_lists_exactly_the_keys_of_its_level_in_the_parser_order()
    {
        var documented = DocumentedKeys();
        foreach (var (level, keys) in ConfigParser.KnownKeys)
            Assert.That(documented.GetValueOrDefault(level), Is.EqualTo(keys), $"level '{level}'");
    }

    [Test]
    public void Every_key_row_has_type_default_meaning_and_origin()
    {
        foreach (var line in LevelRows().Where(r => r.Key.Length > 0).Select(r => r.Row))
        {
            var cells = line.Replace(@"\|", "¦").Trim().Trim('|').Split('|').Select(c => c.Trim()).ToArray();
            Assert.That(cells, Has.Length.EqualTo(5), line);
            Assert.That(cells.All(c => c.Length > 0), line);
            Assert.That(cells[4], Is.AnyOf("v1", "extension", "v1 (1.2 layout)"), line);
        }
    }

    [Test]
    public void The_extensions_of_the_spec_are_marked_as_extensions()
    {
        var extensions = LevelRows().Where(r => r.Row.TrimEnd().EndsWith("| extension |", StringComparison.Ordinal)).Select(r => r.Key);
        Assert.That(extensions, Is.EquivalentTo(new[]
        {
            "run_timeout", "robotmk_version_compat", "python", "robot", "max_parallel", "history_days", "output_plugins", "callbacks",
            "timeout", "env", "cwd", "output_plugins", "skipped_as", "execution_interval", "group", "execution_mode",
            "command", "timeout", "url", "secret_file", "timeout", "retries",
        }));
    }

    [Test]
    public void The_reference_leads_to_what_the_runner_adapts_for_the_server_check()
    {
        const string heading = "What the runner adapts for the 1.6.0 check";
        var anchor = "#" + heading.ToLowerInvariant().Replace(".", "").Replace(' ', '-');
        Assert.That(Section(), Does.Contain($"]({anchor})"));
        Assert.That(File.ReadAllText(Path.Join(TestPaths.RepoRoot, "README.md")), Does.Contain("\n## " + heading + "\n"));
    }

    [Test]
    public void The_documented_value_names_are_the_parsers()
    {
        var section = Section();
        foreach (var names in new[] { WireNames.ExecutionModes.Names, WireNames.Encodings.Names, WireNames.LogLevels.Names, WireNames.Strategies.Names, WireNames.SkippedAsValues.Names })
            Assert.That(section, Does.Contain(string.Join(@" \| ", names.Select(n => $"`{n}`"))));
    }

    [GeneratedRegex(@"`([^`]+)`")]
    private static partial Regex CodeSpan();

    [GeneratedRegex(@"^\|\s*`([^`]+)`\s*\|")]
    private static partial Regex KeyRow();
}
