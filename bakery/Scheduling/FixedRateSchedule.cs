using System.Globalization;

namespace Robotmk.Bakery.Scheduling;

/// <summary>The five time fields of a cron line.</summary>
public sealed record CronFields(string Minute, string Hour, string DayOfMonth, string Month, string DayOfWeek)
{
    public override string ToString() => $"{Minute} {Hour} {DayOfMonth} {Month} {DayOfWeek}";
}

/// <summary>
/// "Every <see cref="IntervalSeconds"/>, starting <see cref="OffsetSeconds"/> after midnight": the external-mode schedule,
/// rendered for cron, systemd (OnCalendar) and Task Scheduler. Cron and OnCalendar restart their pattern every hour or
/// day, so they can only express intervals that divide an hour or a day evenly; <see cref="CronIntervals"/> lists them.
/// </summary>
public sealed record FixedRateSchedule(int IntervalSeconds, int OffsetSeconds)
{
    /// <summary>Every interval (in seconds) that cron and OnCalendar express exactly.</summary>
    public static readonly IReadOnlyList<int> CronIntervals =
    [
        .. new[] { 1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30, 60 }.Select(m => m * 60),
        .. new[] { 2, 3, 4, 6, 8, 12, 24 }.Select(h => h * 3600),
    ];

    /// <summary>The fixed first run of the Task Scheduler trigger; the pattern repeats from there forever.</summary>
    public static readonly DateTime TaskSchedulerEpoch = new(2000, 1, 1, 0, 0, 0, DateTimeKind.Unspecified);

    public bool IsWholeMinutes => IntervalSeconds % 60 == 0 && OffsetSeconds % 60 == 0;
    public bool HasValidOffset => OffsetSeconds >= 0 && OffsetSeconds < IntervalSeconds;
    public bool IsCronExpressible => IsWholeMinutes && HasValidOffset && CronIntervals.Contains(IntervalSeconds);

    public CronFields ToCron()
    {
        EnsureCronExpressible();
        var minutes = IntervalSeconds / 60;
        var offset = OffsetSeconds / 60;
        if (minutes < 60)
        {
            var minute = minutes == 1 ? "*" : offset == 0 ? $"*/{minutes}" : $"{offset}-59/{minutes}";
            return new CronFields(minute, "*", "*", "*", "*");
        }
        if (minutes == 60)
            return new CronFields(Num(offset), "*", "*", "*", "*");
        var hours = minutes / 60;
        var hour = hours == 24 ? Num(offset / 60) : offset / 60 == 0 ? $"*/{hours}" : $"{offset / 60}-23/{hours}";
        return new CronFields(Num(offset % 60), hour, "*", "*", "*");
    }

    /// <summary>A systemd calendar expression with the same start times as <see cref="ToCron"/>.</summary>
    public string ToOnCalendar()
    {
        EnsureCronExpressible();
        var minutes = IntervalSeconds / 60;
        var offset = OffsetSeconds / 60;
        if (minutes == 1)
            return "*-*-* *:*:00";
        if (minutes < 60)
            return $"*-*-* *:{offset:00}/{minutes}:00";
        if (minutes == 60)
            return $"*-*-* *:{offset:00}:00";
        var hours = minutes / 60;
        return hours == 24
            ? $"*-*-* {offset / 60:00}:{offset % 60:00}:00"
            : $"*-*-* {offset / 60:00}/{hours}:{offset % 60:00}:00";
    }

    /// <summary>Task Scheduler trigger start (local time, no zone), formatted as xs:dateTime.</summary>
    public string TaskSchedulerStartBoundary() =>
        TaskSchedulerEpoch.AddSeconds(OffsetSeconds).ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>Start times within the first <paramref name="days"/> days, in seconds after midnight of day one.</summary>
    public IEnumerable<int> StartsWithin(int days)
    {
        for (long t = OffsetSeconds; t < days * 86400L; t += IntervalSeconds)
            yield return (int)t;
    }

    private void EnsureCronExpressible()
    {
        if (!IsCronExpressible)
            throw new InvalidOperationException(
                $"an interval of {IntervalSeconds} s with offset {OffsetSeconds} s cannot be expressed by cron; validation should have refused it");
    }

    private static string Num(int n) => n.ToString(CultureInfo.InvariantCulture);
}
