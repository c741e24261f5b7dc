using Robotmk.Runner.Cli;
using Robotmk.Runner.Coordination;
using Robotmk.State;

namespace Robotmk.Tests.Runner;

/// <summary>The table <c>robotmk-runner run</c> ends with, as a person reads it on the terminal.</summary>
public sealed class RunSummaryTableTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    private static SuiteResult Result(string id, ResultStatus status, int rc, int attempts = 1, string? error = null) => new()
    {
        Id = id, Status = status, Rc = rc, Attempts = attempts, Error = error, Path = id, StartTime = "2026-11-23T10:00:00.000000+00:00",
    };

    private static RunReport Report(SuiteResult[] results, params string[] skipped) =>
        new(RunStatus.Completed, "r1", Start, Start.AddMinutes(1)) { Results = [.. results], Skipped = [.. skipped] };

    [Test]
    public void Usual_ids_get_a_32_character_suite_column()
    {
        var report = Report(
        [
            Result("checkout", SuiteResult.NonFatal, 0),
            Result("failing", SuiteResult.NonFatal, 1, attempts: 2),
            Result("broken", SuiteResult.Fatal, 252, error: "Robot Framework rejected the suite (rc 252)"),
        ], "disabled");

        Assert.That(RunSummaryTable.Lines(report), Is.EqualTo(new[]
        {
            "SUITE                            RESULT     RC ATTEMPTS  ERROR",
            "checkout                         PASS        0        1  ",
            "failing                          FAIL        1        2  ",
            "broken                           FATAL     252        1  Robot Framework rejected the suite (rc 252)",
            "disabled                         SKIPPED ",
        }));
    }

    [Test]
    public void A_suite_id_longer_than_32_characters_widens_the_column_and_the_columns_stay_aligned()
    {
        var longId = "tagged_suite_with_a_rather_long_name.robot_staging";
        Assert.That(longId, Has.Length.GreaterThan(32), "precondition");
        var report = Report(
        [
            Result("checkout", SuiteResult.NonFatal, 0),
            Result(longId, SuiteResult.Fatal, 252, error: "timed out"),
        ], "disabled");

        var lines = RunSummaryTable.Lines(report).ToList();

        var header = lines[0];
        foreach (var (line, result) in new[] { (lines[1], "PASS"), (lines[2], "FATAL"), (lines[3], "SKIPPED") })
            Assert.That(line.IndexOf(result, StringComparison.Ordinal), Is.EqualTo(header.IndexOf("RESULT", StringComparison.Ordinal)), line);
        Assert.That(lines[2].IndexOf("timed out", StringComparison.Ordinal), Is.EqualTo(header.IndexOf("ERROR", StringComparison.Ordinal)));
        Assert.That(lines[2], Does.StartWith(longId + " FATAL"), "one space after the longest id, as after a 32-character one");
    }

    [TestCase(SuiteResult.NonFatal, 0, "PASS")]
    [TestCase(SuiteResult.NonFatal, 3, "FAIL")]
    [TestCase(SuiteResult.Fatal, 0, "FATAL")]
    [TestCase(SuiteResult.Fatal, 252, "FATAL")]
    public void Result_says_whether_the_suite_passed_failed_or_has_no_usable_result(ResultStatus status, int rc, string expected) =>
        Assert.That(RunSummaryTable.Result(Result("s", status, rc)), Is.EqualTo(expected));
}
