using Robotmk.Tests.Support;

namespace Robotmk.Tests.Bakery;

/// <summary>
/// Bakes the rule files under golden/trees/&lt;case&gt;/rules.yml and compares the result with golden/trees/&lt;case&gt;/expected
/// file by file and byte for byte; runs the rule files under golden/errors/&lt;case&gt;/ and compares stderr with stderr.txt.
/// After an intended change of the output, run the tests once with ROBOTMK_UPDATE_GOLDEN=1 to rewrite the golden
/// files (see <see cref="Golden"/>), then review the difference with git diff.
/// </summary>
public class GoldenTests
{
    private static readonly string GoldenRoot = Path.Join(TestPaths.RepoRoot, "Robotmk.Tests", "Bakery", "golden");
    private static readonly string TreesRoot = Path.Join(GoldenRoot, "trees");
    private static readonly string ErrorsRoot = Path.Join(GoldenRoot, "errors");

    private static IEnumerable<string> Cases(string root) =>
        Directory.Exists(root) ? Directory.GetDirectories(root).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal) : [];

    private static IEnumerable<string> TreeCases() => Cases(TreesRoot);
    private static IEnumerable<string> ErrorCases() => Cases(ErrorsRoot);

    [Test]
    public void The_required_golden_cases_exist()
    {
        Assert.That(TreeCases(), Is.SupersetOf(new[] { "agent_serial_three_suites", "external_windows_user", "scheduled_suites" }));
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
        Golden.AssertTreeMatches(Path.Join(TreesRoot, name, "expected"), dir.Join("out"));
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
        Golden.AssertMatches(Path.Join(ErrorsRoot, name, "stderr.txt"), run.Stderr);
    }
}
