using System.Globalization;
using System.Text;
using Robotmk.Controller.Section;
using Robotmk.State;
using Robotmk.Time;

namespace Robotmk.Controller.Status;

/// <summary>Pure: the console view of <c>robotmk status</c> — the same judgement the server gets, as a table for people.</summary>
public static class StatusTable
{
    public static string Render(RunnerView view, IReadOnlyList<SuiteEntry> entries, string stateDir)
    {
        var sb = new StringBuilder();
        var r = view.Runner;
        sb.Append(CultureInfo.InvariantCulture, $"robotmk {r.ProductVersion}, state folder {stateDir}\n");
        sb.Append(CultureInfo.InvariantCulture, $"runner: {r.RunnerStatus}, mode {r.ExecutionMode}, every {r.ExecutionInterval} s, results valid {r.CacheTime} s, encoding {r.Encoding}");
        if (r.RunId is not null)
            sb.Append(CultureInfo.InvariantCulture, $", run {r.RunId}");
        sb.Append('\n');
        sb.Append(r.Runtimes is { } rt
            ? string.Create(CultureInfo.InvariantCulture, $"last run: {r.StartTime} .. {r.EndTime} ({rt.Total:0.0} s, suites {rt.Suites:0.0} s)\n")
            : "last run: none finished yet\n");
        if (view.RfStart is { } how)
            sb.Append("RF start: ").Append(RfStartText(how)).Append('\n');
        foreach (var error in r.Errors)
            sb.Append("! ").Append(error).Append('\n');
        sb.Append('\n');

        if (entries.Count == 0)
        {
            sb.Append("no suites\n");
            return sb.ToString();
        }

        string[] header = ["SUITE", "HOST", "STATE", "LAST RESULT", "AGE", "ATTEMPTS"];
        var rows = entries.Select(e => new[]
        {
            e.Id,
            e.PiggybackHost ?? "(local)",
            e.State,
            LastResult(e),
            e.EndTime is { } end && Iso8601.TryParse(end, out var t) ? Age(view.Now - t) : "-",
            string.Create(CultureInfo.InvariantCulture, $"{e.Attempts}/{e.MaxExecutions}"),
        }).ToList();
        var widths = header.Select((h, i) => rows.Select(row => row[i].Length).Append(h.Length).Max()).ToArray();
        AppendRow(sb, header, widths);
        foreach (var row in rows)
            AppendRow(sb, row, widths);

        AppendSchedule(sb, view, entries);

        var fatal = entries.Where(e => e.Error is not null).ToList();
        if (fatal.Count > 0)
        {
            sb.Append('\n');
            foreach (var e in fatal)
                sb.Append(e.Id).Append(": ").Append(e.Error).Append('\n');
        }
        return sb.ToString();
    }

    /// <summary>"warm (forked from …)" or "spawn: why".</summary>
    private static string RfStartText(RfStart how)
    {
        var mode = StateNames.Of(how.Mode);
        return how.Reason.Length == 0 ? mode : how.Mode == RfStartMode.Warm ? $"{mode} ({how.Reason})" : $"{mode}: {how.Reason}";
    }

    /// <summary>Each suite's interval, last start, next due time, group and mode.</summary>
    private static void AppendSchedule(StringBuilder sb, RunnerView view, IReadOnlyList<SuiteEntry> entries)
    {
        string[] header = ["SUITE", "INTERVAL", "LAST START", "NEXT DUE", "GROUP", "MODE"];
        var rows = entries.Select(e =>
        {
            var lastStart = Iso8601.TryParse(e.Schedule?.LastStart, out var last) ? last : (DateTimeOffset?)null;
            return new[]
            {
                e.Id,
                string.Create(CultureInfo.InvariantCulture, $"{e.ExecutionInterval} s"),
                lastStart is { } l ? Age(view.Now - l) + " ago" : "never",
                NextDue(view, e, lastStart),
                e.Schedule?.Group ?? "-",
                e.Schedule?.Mode ?? view.Runner.ExecutionMode,
            };
        }).ToList();
        var widths = header.Select((h, i) => rows.Select(row => row[i].Length).Append(h.Length).Max()).ToArray();
        sb.Append('\n');
        AppendRow(sb, header, widths);
        foreach (var row in rows)
            AppendRow(sb, row, widths);
    }

    /// <summary>
    /// When the suite is due: at the next run when it never started, waits for room in the budget or its interval has
    /// passed; never while a DISABLED file skips it.
    /// </summary>
    private static string NextDue(RunnerView view, SuiteEntry e, DateTimeOffset? lastStart)
    {
        if (e.Schedule?.Disabled == true)
            return "disabled (DISABLED file)";
        if (e.Schedule?.DeferredSince is { } since)
            return Iso8601.TryParse(since, out var s) ? $"next run (deferred {Age(view.Now - s)} ago)" : "next run (deferred)";
        if (lastStart is not { } last)
            return "next run";
        var due = last + TimeSpan.FromSeconds(e.ExecutionInterval);
        return due <= view.Now ? "next run" : "in " + Age(due - view.Now);
    }

    /// <summary>True when the server will see no problem: no runner-level error, no fatal suite.</summary>
    public static bool IsHealthy(RunnerView view, IReadOnlyList<SuiteEntry> entries) =>
        view.Runner.Errors.Count == 0 && entries.All(e => e.Status == SuiteEntry.NonFatal);

    private static string LastResult(SuiteEntry e) => e switch
    {
        { Status: SuiteEntry.Fatal } => "FATAL",
        { EndTime: null } => "RUNNING (first run)",
        { Rc: 0 } => "PASS",
        { Rc: >= 250 } => "FAIL (250+ tests failed)",
        _ => string.Create(CultureInfo.InvariantCulture, $"FAIL ({e.Rc} test{(e.Rc == 1 ? "" : "s")} failed)"),
    };

    public static string Age(TimeSpan age)
    {
        if (age < TimeSpan.Zero)
            return "in the future";
        var s = (long)age.TotalSeconds;
        return s switch
        {
            < 60 => $"{s}s",
            < 3600 => $"{s / 60}m {s % 60:00}s",
            < 86400 => $"{s / 3600}h {s % 3600 / 60:00}m",
            _ => $"{s / 86400}d {s % 86400 / 3600:00}h",
        };
    }

    private static void AppendRow(StringBuilder sb, string[] cells, int[] widths)
    {
        for (var i = 0; i < cells.Length; i++)
        {
            if (i > 0)
                sb.Append("  ");
            sb.Append(i == cells.Length - 1 ? cells[i] : cells[i].PadRight(widths[i]));
        }
        sb.Append('\n');
    }
}
