using System.Globalization;

namespace Robotmk.Runner.Results;

/// <summary>
/// Ids of suite runs: the UTC start with microseconds (<c>20261206T115300.123456Z</c>), so they sort by time as
/// text and name files. An id is always later than the one before it (of this runner, and the newest in the suite's
/// folder), one microsecond later when the clock gives the same time or one before: unique and in order even for two
/// runs in the same second or after the wall clock went back.
/// </summary>
public sealed class RunIds
{
    public const string Format = "yyyyMMdd'T'HHmmss'.'ffffff'Z'";
    private DateTime _last = DateTime.MinValue;

    /// <param name="newestInFolder">The newest id already stored for the suite, if any.</param>
    public string Next(DateTimeOffset start, string? newestInFolder)
    {
        var t = Truncate(start.UtcDateTime);
        var floor = TryParse(newestInFolder) is { } newest && newest > _last ? newest : _last;
        if (t <= floor)
            t = floor.AddTicks(10); // one microsecond
        _last = t;
        return t.ToString(Format, CultureInfo.InvariantCulture);
    }

    /// <summary>The time of an id; null for a name that is not one.</summary>
    public static DateTime? TryParse(string? id) =>
        DateTime.TryParseExact(id, Format, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var t)
            ? DateTime.SpecifyKind(t, DateTimeKind.Utc)
            : null;

    private static DateTime Truncate(DateTime t) => new(t.Ticks - t.Ticks % 10, DateTimeKind.Utc);
}
