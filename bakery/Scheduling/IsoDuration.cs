using System.Text;

namespace Robotmk.Bakery.Scheduling;

/// <summary>Durations in the xs:duration form Task Scheduler expects (PT15M, PT14M30S, P1DT2H).</summary>
public static class IsoDuration
{
    public static string Format(int seconds)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(seconds);
        if (seconds == 0)
            return "PT0S";
        var days = seconds / 86400;
        var hours = seconds % 86400 / 3600;
        var minutes = seconds % 3600 / 60;
        var secs = seconds % 60;
        var sb = new StringBuilder("P");
        if (days > 0)
            sb.Append(days).Append('D');
        if (hours + minutes + secs > 0)
        {
            sb.Append('T');
            if (hours > 0) sb.Append(hours).Append('H');
            if (minutes > 0) sb.Append(minutes).Append('M');
            if (secs > 0) sb.Append(secs).Append('S');
        }
        return sb.ToString();
    }

    /// <summary>For humans: "14 min 30 s", "2 h", "1 d 2 h".</summary>
    public static string Describe(int seconds)
    {
        if (seconds == 0)
            return "0 s";
        var parts = new List<string>();
        if (seconds / 86400 is var d and > 0) parts.Add($"{d} d");
        if (seconds % 86400 / 3600 is var h and > 0) parts.Add($"{h} h");
        if (seconds % 3600 / 60 is var m and > 0) parts.Add($"{m} min");
        if (seconds % 60 is var s and > 0) parts.Add($"{s} s");
        return string.Join(" ", parts);
    }
}
