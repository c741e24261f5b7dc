using Robotmk.Runner.Coordination;
using Robotmk.State;

namespace Robotmk.Runner.Cli;

/// <summary>Pure: the table <c>robotmk-runner run</c> prints after a run, one row per suite run or skipped.</summary>
public static class RunSummaryTable
{
    /// <summary>The suite column is at least this wide, so the table of usual ids looks the same from run to run; a longer id widens it.</summary>
    private const int MinSuiteWidth = 32;

    public static IEnumerable<string> Lines(RunReport report)
    {
        var width = report.Results.Select(r => r.Id.Length).Concat(report.Skipped.Select(id => id.Length)).Append(MinSuiteWidth).Max();
        yield return $"{"SUITE".PadRight(width)} {"RESULT",-8} {"RC",4} {"ATTEMPTS",8}  ERROR";
        foreach (var r in report.Results)
            yield return $"{r.Id.PadRight(width)} {Result(r),-8} {r.Rc,4} {r.Attempts,8}  {r.Error}";
        foreach (var id in report.Skipped)
            yield return $"{id.PadRight(width)} {(report.Deferred.Contains(id) ? "DEFERRED" : "SKIPPED"),-8}";
    }

    /// <summary>PASS, FAIL (tests failed: a usable result) or FATAL (no usable result).</summary>
    public static string Result(SuiteResult r) => r.Status == SuiteResult.Fatal ? "FATAL" : r.Rc == 0 ? "PASS" : "FAIL";
}
