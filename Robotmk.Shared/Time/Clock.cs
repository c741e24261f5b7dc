using System.Globalization;

namespace Robotmk.Time;

/// <summary>Injected wherever "now" matters, so tests control time.</summary>
public interface IClock
{
    /// <summary>The wall clock: stamps results and state files.</summary>
    DateTimeOffset UtcNow { get; }

    /// <summary>
    /// A clock that only moves forward, at the pace of real time, whatever happens to the wall clock (an NTP step,
    /// an admin setting the time, a resumed VM). Durations, timeouts and the run budget are measured with it.
    /// </summary>
    TimeSpan Monotonic => System.Diagnostics.Stopwatch.GetElapsedTime(0);
}

public sealed class SystemClock : IClock
{
    public static readonly SystemClock Instance = new();
    public DateTimeOffset UtcNow => DateTimeOffset.UtcNow;
}

/// <summary>The one timestamp format of state files and sections: ISO 8601, microseconds, explicit UTC offset (Python's isoformat).</summary>
public static class Iso8601
{
    private const string Pattern = "yyyy-MM-dd'T'HH:mm:ss.ffffffzzz";

    public static string Format(DateTimeOffset t) => t.ToUniversalTime().ToString(Pattern, CultureInfo.InvariantCulture);

    public static bool TryParse(string? s, out DateTimeOffset t) =>
        DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out t);
}
