using System.Globalization;

namespace Robotmk.Time;

/// <summary>Injected wherever "now" matters, so tests control time.</summary>
public interface IClock
{
    DateTimeOffset UtcNow { get; }
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
