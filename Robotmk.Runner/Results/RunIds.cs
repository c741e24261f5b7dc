using System.Globalization;

namespace Robotmk.Runner.Results;

/// <summary>
/// Ids of suite runs: the UTC start with microseconds (<c>20261206T115300.123456Z</c>), so they sort by time as
/// text and name files. An id is always later than the one before it (of this runner, and the newest one stored by
/// earlier runs), one microsecond later when the clock gives the same time or one before: unique on the host and in
/// order, even for two runs in the same second or after the wall clock went back.
/// </summary>
/// <param name="newestStored">The newest id already stored (of any suite), if any.</param>
public sealed class RunIds(string? newestStored = null)
{
    public const string Format = "yyyyMMdd'T'HHmmss'.'ffffff'Z'";
    private DateTime _last = TryParse(newestStored) ?? DateTime.MinValue;

    public string Next(DateTimeOffset start)
    {
        var t = Truncate(start.UtcDateTime);
        if (t <= _last)
            t = _last.AddTicks(10); // one microsecond
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
