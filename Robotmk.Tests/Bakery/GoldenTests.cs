using System.Text;

namespace Robotmk.Tests.Bakery;

/// <summary>
/// Bakes the rule files under golden/trees/&lt;case&gt;/rules.yml and compares the result with golden/trees/&lt;case&gt;/expected
/// file by file and byte for byte; runs the rule files under golden/errors/&lt;case&gt;/ and compares stderr with stderr.txt.
/// After an intended change of the output, run the tests once with ROBOTMK_UPDATE_GOLDEN=1 to rewrite the golden
/// files, then review the difference with git diff.
/// </summary>
public class GoldenTests
{
    private static readonly string TreesRoot = Path.Join(GoldenFiles.Root(), "trees");
    private static readonly string ErrorsRoot = Path.Join(GoldenFiles.Root(), "errors");

    private static IEnumerable<string> Cases(string root) =>
        Directory.Exists(root) ? Directory.GetDirectories(root).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal) : [];

    private static IEnumerable<string> TreeCases() => Cases(TreesRoot);
    private static IEnumerable<string> ErrorCases() => Cases(ErrorsRoot);

    [Test]
    public void The_required_golden_cases_exist()
    {
        Assert.That(TreeCases(), Is.SupersetOf(new[] { "agent_serial_three_suites", "external_windows_user" }));
        Assert.That(ErrorCases(), Is.SupersetOf(new[]
        {
            "cache_time_below_interval", "duplicate_suite_ids", "empty_suite_list", "linux_interval_not_multiple_of_60",
            "runner_timeout_reaches_cache_age", "unknown_keys", "windows_cache_age_below_120",
        }));
    }

    [TestCaseSource(nameof(TreeCases))]
    public void A_bake_produces_the_golden_tree(string name)
    {
        using var dir = new TempDir();
        File.Copy(Path.Join(TreesRoot, name, "rules.yml"), dir.Join("rules.yml"));

        var run = CliRun.Invoke(dir.Path, "bake", "rules.yml", "--out", "out");

        Assert.That(run.ExitCode, Is.Zero, run.Stderr);
        var actual = dir.Join("out");
        var expected = Path.Join(TreesRoot, name, "expected");
        if (GoldenFiles.Updating)
        {
            if (Directory.Exists(expected))
                Directory.Delete(expected, recursive: true);
            CopyTree(actual, expected);
            Assert.Pass($"rewrote {expected}");
        }
        Assert.That(RelativeFiles(actual), Is.EqualTo(RelativeFiles(expected)), "the same files");
        foreach (var file in RelativeFiles(expected))
        {
            var want = File.ReadAllBytes(Path.Join(expected, file));
            var got = File.ReadAllBytes(Path.Join(actual, file));
            Assert.That(got.SequenceEqual(want), Is.True, $"{file} differs from the golden file: {FirstDifference(want, got)}");
        }
    }

    [TestCaseSource(nameof(ErrorCases))]
    public void An_invalid_rule_file_produces_the_golden_error_text(string name)
    {
        using var dir = new TempDir();
        File.Copy(Path.Join(ErrorsRoot, name, "rules.yml"), dir.Join("rules.yml"));

        var run = CliRun.Invoke(dir.Path, "bake", "rules.yml", "--out", "out");

        Assert.That(run.ExitCode, Is.EqualTo(2));
        Assert.That(run.Stdout, Is.Empty);
        Assert.That(Directory.Exists(dir.Join("out")), Is.False, "nothing is written");
        var golden = Path.Join(ErrorsRoot, name, "stderr.txt");
        if (GoldenFiles.Updating)
        {
            File.WriteAllText(golden, run.Stderr);
            Assert.Pass($"rewrote {golden}");
        }
        Assert.That(run.Stderr, Is.EqualTo(File.ReadAllText(golden)));
    }

    private static List<string> RelativeFiles(string root) =>
        [.. Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(root, f).Replace('\\', '/')).Order(StringComparer.Ordinal)];

    private static void CopyTree(string from, string to)
    {
        foreach (var file in RelativeFiles(from))
        {
            var dest = Path.Join(to, file);
            Directory.CreateDirectory(Path.GetDirectoryName(dest)!);
            File.Copy(Path.Join(from, file), dest);
        }
    }

    private static string FirstDifference(byte[] want, byte[] got)
    {
        var encoding = want is [0xFF, 0xFE, ..] ? Encoding.Unicode : Encoding.UTF8;
        var wantLines = encoding.GetString(want).Split('\n');
        var gotLines = encoding.GetString(got).Split('\n');
        for (var i = 0; i < Math.Max(wantLines.Length, gotLines.Length); i++)
        {
            var w = i < wantLines.Length ? wantLines[i] : "<end of file>";
            var g = i < gotLines.Length ? gotLines[i] : "<end of file>";
            if (w != g)
                return $"line {i + 1}: expected '{w}', got '{g}'";
        }
        return "same text, different bytes (encoding or line ends)";
    }
}
