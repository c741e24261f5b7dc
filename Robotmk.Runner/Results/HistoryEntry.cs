using System.Globalization;
using System.Text.Json;

namespace Robotmk.Runner.Results;

/// <summary>What the history table shows of one stored result document, read leniently: a missing field is shown as "-".</summary>
public sealed record HistoryEntry(string RunId, string SuiteId, string State, string? StartTime, double? Duration,
    int? Pass, int? Fail, int? Skip, int? Attempts)
{
    public static HistoryEntry From(JsonElement doc)
    {
        var stats = doc.TryGetProperty("statistics", out var s) && s.ValueKind == JsonValueKind.Object ? s : (JsonElement?)null;
        return new HistoryEntry(
            Text(doc, "run_id") ?? "", Text(doc, "suite_id") ?? "", Text(doc, "state") ?? "?", Text(doc, "start_time"),
            Number(doc, "duration"), Int(stats, "pass"), Int(stats, "fail"), Int(stats, "skip"), Int(doc, "attempts"));
    }

    private static string? Text(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static double? Number(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;

    private static int? Int(JsonElement? e, string name) =>
        e is { } o && o.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var i) ? i : null;
}

/// <summary>Pure: the table of <c>robotmk-runner history</c>.</summary>
public static class HistoryTable
{
    public static IEnumerable<string> Lines(IReadOnlyList<HistoryEntry> entries)
    {
        var width = entries.Select(e => e.SuiteId.Length).Append(5).Max();
        yield return $"{"TIME",-25} {"SUITE".PadRight(width)} {"STATE",-8} {"DURATION",9} {"PASS",5} {"FAIL",5} {"SKIP",5} {"ATTEMPTS",8}";
        foreach (var e in entries)
            yield return $"{Time(e.StartTime),-25} {e.SuiteId.PadRight(width)} {e.State,-8} {Seconds(e.Duration),9} {Count(e.Pass),5} {Count(e.Fail),5} {Count(e.Skip),5} {Count(e.Attempts),8}";
    }

    /// <summary>The start time to the second, in UTC as stored.</summary>
    private static string Time(string? iso) =>
        DateTimeOffset.TryParse(iso, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t)
            ? t.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture)
            : "-";

    private static string Seconds(double? s) => s is { } v ? v.ToString("0.0", CultureInfo.InvariantCulture) + " s" : "-";

    private static string Count(int? n) => n?.ToString(CultureInfo.InvariantCulture) ?? "-";
}
