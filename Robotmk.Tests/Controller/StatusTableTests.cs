using Robotmk.Controller.Section;
using Robotmk.Controller.Status;
using Robotmk.State;

namespace Robotmk.Tests.Controller;

public sealed class StatusTableTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    private static RunnerView View(params string[] errors) => new()
    {
        Runner = new RunnerObject
        {
            Encoding = "zlib_codec", RobotmkVersion = "1.6.0", ExecutionMode = "agent_serial",
            StartTime = "2026-11-23T09:55:00.000000+00:00", EndTime = "2026-11-23T09:57:00.000000+00:00",
            Runtimes = new RunRuntimes(120, 110, 10), CacheTime = 420, ExecutionInterval = 300,
            ProductVersion = "9", RunnerStatus = "idle", RunId = "r1", Errors = errors,
        },
        Suites = [],
        Now = Now,
        DefaultStartTime = "2026-11-23T09:55:00.000000+00:00",
    };

    private static SuiteEntry Entry(string id, string status = "nonfatal", int rc = 0, string? end = "2026-11-23T09:56:55.000000+00:00") => new()
    {
        Id = id, Status = status, StartTime = "2026-11-23T09:55:00.000000+00:00", EndTime = end, Path = id, Rc = rc,
        Attempts = 1, MaxExecutions = 2, State = "done", CacheTime = 420, ExecutionInterval = 300,
        Schedule = new SuiteScheduleView(null, "agent_serial", "2026-11-23T09:55:00.000000+00:00", null),
    };

    [Test]
    public void ShowsEachSuitesIntervalLastStartNextDueGroupAndMode()
    {
        var entries = new[]
        {
            Entry("api") with { ExecutionInterval = 600, Schedule = new SuiteScheduleView("backend", "agent_serial", "2026-11-23T09:58:00.000000+00:00", null) },
            Entry("checkout") with { ExecutionInterval = 900, Schedule = new SuiteScheduleView("backend", "agent_serial", "2026-11-23T09:40:00.000000+00:00", "2026-11-23T09:59:00.000000+00:00") },
            Entry("desktop") with { Schedule = new SuiteScheduleView(null, "external", null, null) },
            Entry("legacy") with { Schedule = new SuiteScheduleView(null, "agent_serial", "2026-11-23T08:00:00.000000+00:00", null, Disabled: true) },
        };

        var text = StatusTable.Render(View(), entries, "/s");

        Assert.That(text, Does.Contain(
            "SUITE     INTERVAL  LAST START   NEXT DUE                        GROUP    MODE\n" +
            "api       600 s     2m 00s ago   in 8m 00s                       backend  agent_serial\n" +
            "checkout  900 s     20m 00s ago  next run (deferred 1m 00s ago)  backend  agent_serial\n" +
            "desktop   300 s     never        next run                        -        external\n" +
            "legacy    300 s     2h 00m ago   disabled (DISABLED file)        -        agent_serial\n"));
    }

    [Test]
    public void ShowsEverySuiteWithHostStateResultAgeAndAttempts()
    {
        var entries = new[]
        {
            Entry("checkout"),
            Entry("cart", rc: 2) with { PiggybackHost = "shop" },
            Entry("broken", "fatal", rc: 252) with { Error = "RF exited with rc 252" },
            Entry("new_one", "nonfatal", rc: -1, end: null) with { State = "running", Attempts = 0 },
        };

        var text = StatusTable.Render(View(), entries, "/var/lib/check_mk_agent/robotmk");

        Assert.That(text, Is.EqualTo(
            "robotmk 9, state folder /var/lib/check_mk_agent/robotmk\n" +
            "runner: idle, mode agent_serial, every 300 s, results valid 420 s, encoding zlib_codec, run r1\n" +
            "last run: 2026-11-23T09:55:00.000000+00:00 .. 2026-11-23T09:57:00.000000+00:00 (120.0 s, suites 110.0 s)\n" +
            "\n" +
            "SUITE     HOST     STATE    LAST RESULT            AGE     ATTEMPTS\n" +
            "checkout  (local)  done     PASS                   3m 05s  1/2\n" +
            "cart      shop     done     FAIL (2 tests failed)  3m 05s  1/2\n" +
            "broken    (local)  done     FATAL                  3m 05s  1/2\n" +
            "new_one   (local)  running  RUNNING (first run)    -       0/2\n" +
            "\n" +
            "SUITE     INTERVAL  LAST START  NEXT DUE  GROUP  MODE\n" +
            "checkout  300 s     5m 00s ago  next run  -      agent_serial\n" +
            "cart      300 s     5m 00s ago  next run  -      agent_serial\n" +
            "broken    300 s     5m 00s ago  next run  -      agent_serial\n" +
            "new_one   300 s     5m 00s ago  next run  -      agent_serial\n" +
            "\n" +
            "broken: RF exited with rc 252\n"));
        Assert.That(StatusTable.IsHealthy(View(), entries), Is.False);
        Assert.That(StatusTable.IsHealthy(View(), entries[..2]), Is.True);
        Assert.That(StatusTable.IsHealthy(View("runner overdue"), entries[..2]), Is.False);
    }

    [Test]
    public void ASuiteIdLongerThan32Characters_KeepsEveryColumnAligned()
    {
        var longId = "tagged_suite_with_a_rather_long_name.robot_staging";
        Assert.That(longId, Has.Length.GreaterThan(32), "precondition");
        var entries = new[] { Entry("checkout"), Entry(longId, rc: 3) with { PiggybackHost = "shop-staging" } };

        var lines = StatusTable.Render(View(), entries, "/x").Split('\n');

        var header = lines.First(l => l.StartsWith("SUITE", StringComparison.Ordinal));
        var rows = lines.SkipWhile(l => l != header).Skip(1).Take(2).ToList();
        Assert.That(rows[1], Does.StartWith(longId + "  shop-staging"));
        foreach (var (column, cells) in new[] { ("HOST", new[] { "(local)", "shop-staging" }), ("STATE", ["done", "done"]), ("LAST RESULT", ["PASS", "FAIL"]), ("AGE", ["3m", "3m"]), ("ATTEMPTS", ["1/2", "1/2"]) })
        {
            var at = header.IndexOf(column, StringComparison.Ordinal);
            for (var i = 0; i < rows.Count; i++)
                Assert.That(rows[i].IndexOf(cells[i], at, StringComparison.Ordinal), Is.EqualTo(at), $"{column} of '{rows[i]}'");
        }
    }

    [Test]
    public void RunnerErrorsAndNoSuites()
    {
        var text = StatusTable.Render(View("state folder missing") with { Runner = View().Runner with { Runtimes = null, Errors = ["state folder missing"] } }, [], "/x");

        Assert.That(text, Does.Contain("last run: none finished yet\n! state folder missing\n\nno suites\n"));
    }

    [Test]
    public void ShowsBelowTheRunnerThatRfStartsWarmAndFromWhere()
    {
        var view = View() with { RfStart = new RfStart { Mode = RfStartMode.Warm, Reason = "forked from '/usr/bin/python3' with RF 7.4.2" } };

        var text = StatusTable.Render(view, [], "/s");

        Assert.That(text, Does.Contain(", run r1\nlast run: 2026-11-23T09:55:00.000000+00:00 .. 2026-11-23T09:57:00.000000+00:00 (120.0 s, suites 110.0 s)\n" +
                                       "RF start: warm (forked from '/usr/bin/python3' with RF 7.4.2)\n"));
    }

    [Test]
    public void ShowsWhyRfIsSpawned()
    {
        var view = View() with { RfStart = new RfStart { Mode = RfStartMode.Spawn, Reason = "ROBOTMK_RF_LAUNCH=spawn" } };

        Assert.That(StatusTable.Render(view, [], "/s"), Does.Contain("\nRF start: spawn: ROBOTMK_RF_LAUNCH=spawn\n"));
    }

    [Test]
    public void SaysNothingOfRfStartWhenTheStateDoesNotTell()
    {
        Assert.That(StatusTable.Render(View(), [], "/s"), Does.Not.Contain("RF start"));
    }

    [TestCase(0, "0s")]
    [TestCase(59, "59s")]
    [TestCase(61, "1m 01s")]
    [TestCase(3600 * 5 + 60 * 7, "5h 07m")]
    [TestCase(86400 * 3 + 3600 * 2, "3d 02h")]
    [TestCase(-5, "in the future")]
    public void Ages(int seconds, string expected) =>
        Assert.That(StatusTable.Age(TimeSpan.FromSeconds(seconds)), Is.EqualTo(expected));
}
