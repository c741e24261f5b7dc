using System.Globalization;

namespace Robotmk.Tests.Bakery;

/// <summary>
/// A strict reader of one /etc/cron.d line (crontab(5)): five time fields, the user, the command. Each field is a
/// comma list of '*', N or N-M, each optionally with '/STEP'; numbers must lie in the field's range. Names (jan, mon)
/// and '@' shortcuts are refused because the bakery never writes them.
/// </summary>
public sealed record CronLine(IReadOnlyList<ISet<int>> Fields, string User, string Command)
{
    private static readonly (string Name, int Min, int Max)[] Ranges =
        [("minute", 0, 59), ("hour", 0, 23), ("day of month", 1, 31), ("month", 1, 12), ("day of week", 0, 7)];

    public static CronLine Parse(string line)
    {
        var parts = line.Split(' ', 7, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length < 7)
            throw new FormatException($"expected 5 time fields, a user and a command, found {parts.Length} parts in '{line}'");
        var fields = new List<ISet<int>>();
        for (var i = 0; i < 5; i++)
            fields.Add(ParseField(parts[i], Ranges[i].Name, Ranges[i].Min, Ranges[i].Max));
        if (!System.Text.RegularExpressions.Regex.IsMatch(parts[5], "^[a-z_][a-z0-9_-]*$"))
            throw new FormatException($"'{parts[5]}' is not a user name");
        return new CronLine(fields, parts[5], parts[6]);
    }

    public bool Matches(int minute, int hour) =>
        Fields[0].Contains(minute) && Fields[1].Contains(hour) && Fields[2].Count == 31 && Fields[3].Count == 12 && Fields[4].Count == 8;

    private static ISet<int> ParseField(string field, string name, int min, int max)
    {
        var values = new SortedSet<int>();
        foreach (var item in field.Split(','))
        {
            var step = 1;
            var range = item;
            var slash = item.IndexOf('/');
            if (slash >= 0)
            {
                step = Number(item[(slash + 1)..], name, 1, max);
                range = item[..slash];
            }
            int from, to;
            if (range == "*")
                (from, to) = (min, max);
            else if (range.IndexOf('-') is var dash and > 0)
                (from, to) = (Number(range[..dash], name, min, max), Number(range[(dash + 1)..], name, min, max));
            else
                (from, to) = (Number(range, name, min, max), slash >= 0 ? max : Number(range, name, min, max));
            if (from > to)
                throw new FormatException($"{name} range '{range}' runs backwards");
            for (var v = from; v <= to; v += step)
                values.Add(v);
        }
        return values;
    }

    private static int Number(string text, string name, int min, int max)
    {
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < min || n > max)
            throw new FormatException($"{name} value '{text}' is not a number between {min} and {max}");
        return n;
    }
}

public class CronSyntaxTests
{
    [TestCase("*/15 * * * * root cmd", 0, 15, 30, 45)]
    [TestCase("5-59/20 * * * * root cmd", 5, 25, 45)]
    [TestCase("7 * * * * root cmd", 7)]
    [TestCase("0,30 * * * * root run this", 0, 30)]
    public void Minute_fields_expand_as_cron_does(string line, params int[] minutes)
    {
        Assert.That(CronLine.Parse(line).Fields[0], Is.EquivalentTo(minutes));
    }

    [TestCase("* * * * root cmd")]
    [TestCase("60 * * * * root cmd")]
    [TestCase("*/0 * * * * root cmd")]
    [TestCase("5-1 * * * * root cmd")]
    [TestCase("* 24 * * * root cmd")]
    [TestCase("* * 0 * * root cmd")]
    [TestCase("a * * * * root cmd")]
    [TestCase("* * * * * Root cmd")]
    public void Malformed_lines_are_refused(string line)
    {
        Assert.Throws<FormatException>(() => CronLine.Parse(line));
    }

    [Test]
    public void The_command_keeps_its_spaces()
    {
        Assert.That(CronLine.Parse("* * * * * root a  b >/dev/null 2>&1").Command, Is.EqualTo("a  b >/dev/null 2>&1"));
    }
}
