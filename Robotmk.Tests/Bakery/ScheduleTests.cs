using Robotmk.Bakery.Scheduling;

namespace Robotmk.Tests.Bakery;

public class FixedRateScheduleTests
{
    private static IEnumerable<TestCaseData> EveryCronInterval() =>
        FixedRateSchedule.CronIntervals.SelectMany(interval => new[] { 0, interval / 2 / 60 * 60, interval - 60 }
            .Distinct().Select(offset => new TestCaseData(interval, offset)));

    [TestCaseSource(nameof(EveryCronInterval))]
    public void The_cron_fields_start_exactly_every_interval_from_the_offset(int interval, int offset)
    {
        var schedule = new FixedRateSchedule(interval, offset);
        var cron = CronLine.Parse($"{schedule.ToCron()} root cmd");

        var starts = new List<int>();
        for (var minute = 0; minute < 2 * 1440; minute++)
            if (cron.Matches(minute % 60, minute / 60 % 24))
                starts.Add(minute * 60);

        Assert.That(starts, Is.EqualTo(schedule.StartsWithin(2).ToList()));
    }

    [TestCase(900, 0, "*-*-* *:00/15:00")]
    [TestCase(900, 300, "*-*-* *:05/15:00")]
    [TestCase(60, 0, "*-*-* *:*:00")]
    [TestCase(3600, 1200, "*-*-* *:20:00")]
    [TestCase(7200, 3900, "*-*-* 01/2:05:00")]
    [TestCase(86400, 9000, "*-*-* 02:30:00")]
    public void OnCalendar_names_the_same_start_times(int interval, int offset, string expected)
    {
        Assert.That(new FixedRateSchedule(interval, offset).ToOnCalendar(), Is.EqualTo(expected));
    }

    [TestCase(900, 300, "5-59/15 * * * *")]
    [TestCase(7200, 3900, "5 1-23/2 * * *")]
    [TestCase(86400, 0, "0 0 * * *")]
    public void Cron_fields_are_written_compactly(int interval, int offset, string expected)
    {
        Assert.That(new FixedRateSchedule(interval, offset).ToCron().ToString(), Is.EqualTo(expected));
    }

    [TestCase(2700, 0)]
    [TestCase(900, 900)]
    [TestCase(900, 30)]
    [TestCase(90, 0)]
    public void Intervals_and_offsets_cron_cannot_express_are_refused(int interval, int offset)
    {
        var schedule = new FixedRateSchedule(interval, offset);
        Assert.That(schedule.IsCronExpressible, Is.False);
        Assert.Throws<InvalidOperationException>(() => schedule.ToCron());
    }

    [TestCase(0, "2000-01-01T00:00:00")]
    [TestCase(300, "2000-01-01T00:05:00")]
    [TestCase(5400, "2000-01-01T01:30:00")]
    public void The_task_scheduler_start_boundary_carries_the_offset(int offset, string expected)
    {
        Assert.That(new FixedRateSchedule(7200, offset).TaskSchedulerStartBoundary(), Is.EqualTo(expected));
    }
}

public class IsoDurationTests
{
    [TestCase(0, "PT0S")]
    [TestCase(45, "PT45S")]
    [TestCase(900, "PT15M")]
    [TestCase(870, "PT14M30S")]
    [TestCase(3600, "PT1H")]
    [TestCase(3661, "PT1H1M1S")]
    [TestCase(86400, "P1D")]
    [TestCase(93600, "P1DT2H")]
    public void Seconds_become_xs_durations(int seconds, string expected)
    {
        Assert.That(IsoDuration.Format(seconds), Is.EqualTo(expected));
        Assert.That(System.Xml.XmlConvert.ToTimeSpan(expected), Is.EqualTo(TimeSpan.FromSeconds(seconds)), "XML reads it back");
    }

    [TestCase(870, "14 min 30 s")]
    [TestCase(7200, "2 h")]
    [TestCase(0, "0 s")]
    public void Durations_read_well_in_messages(int seconds, string expected)
    {
        Assert.That(IsoDuration.Describe(seconds), Is.EqualTo(expected));
    }
}
