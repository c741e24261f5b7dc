using Robotmk.Bakery.Linux;
using Robotmk.Bakery.Rules;
using Robotmk.Bakery.Scheduling;

namespace Robotmk.Tests.Bakery;

public class CronFileTests
{
    private static string Render(string rules) => CronFile.Render(TestRules.Valid(rules, new Targets(true, false)), TestRules.Generator);

    private static CronLine JobLine(string text)
    {
        var jobs = text.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Where(l => !l.StartsWith('#') && !System.Text.RegularExpressions.Regex.IsMatch(l, "^[A-Z_]+=")).ToList();
        Assert.That(jobs, Has.Count.EqualTo(1), "one job line besides comments and variables");
        return CronLine.Parse(jobs[0]);
    }

    [TestCase(60, 0)]
    [TestCase(900, 300)]
    [TestCase(3600, 1800)]
    [TestCase(14400, 3600)]
    [TestCase(86400, 9000)]
    public void The_job_line_parses_and_starts_on_the_schedule(int interval, int offset)
    {
        var margin = Math.Min(30, interval / 4);
        var text = Render($"execution_mode: external\nexecution_interval: {interval}\nrunner_timeout_margin: {margin}\nstart_offset: {offset}\nsuites:\n  - path: a\n");
        var line = JobLine(text);

        var starts = Enumerable.Range(0, 1440).Where(m => line.Matches(m % 60, m / 60)).Select(m => m * 60);
        Assert.That(starts, Is.EqualTo(new FixedRateSchedule(interval, offset).StartsWithin(1)));
        Assert.That(line.User, Is.EqualTo("root"));
    }

    [Test]
    public void The_command_stops_the_runner_at_the_runner_timeout()
    {
        var line = JobLine(Render("execution_mode: external\nsuites:\n  - path: a\n"));
        Assert.That(line.Command, Is.EqualTo("timeout --kill-after=30 870 /usr/bin/robotmk-runner run >/dev/null 2>&1"));
    }

    [Test]
    public void The_configured_user_runs_the_job()
    {
        Assert.That(JobLine(Render("execution_mode: external\nlinux:\n  user: robot\nsuites:\n  - path: a\n")).User, Is.EqualTo("robot"));
    }

    [Test]
    public void The_file_ends_with_a_newline_as_cron_requires()
    {
        Assert.That(Render("execution_mode: external\nsuites:\n  - path: a\n"), Does.EndWith("\n").And.Not.Contain("\r"));
    }
}

public class SystemdUnitsTests
{
    private const string SystemdAnalyze = "/usr/bin/systemd-analyze";

    private static RuleSet Rules(string extra = "") =>
        TestRules.Valid($"execution_mode: external\nstart_offset: 300\n{extra}suites:\n  - path: a\n", new Targets(true, false));

    private static Dictionary<string, string> Settings(string unit) =>
        unit.Split('\n').Where(l => l.Contains('=') && !l.StartsWith('#')).Select(l => l.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);

    [Test]
    public void The_service_is_a_oneshot_stopped_below_the_interval()
    {
        var service = Settings(SystemdUnits.RenderService(Rules(), TestRules.Generator));
        Assert.That(service["Type"], Is.EqualTo("oneshot"));
        Assert.That(service["ExecStart"], Is.EqualTo("/usr/bin/robotmk-runner run"));
        Assert.That(int.Parse(service["TimeoutStartSec"], System.Globalization.CultureInfo.InvariantCulture), Is.EqualTo(870).And.LessThan(900));
        Assert.That(service, Does.Not.ContainKey("User"), "root is systemd's default");
        Assert.That(service["SuccessExitStatus"], Is.EqualTo("1"), "a failed test is no failure of the unit");
    }

    [Test]
    public void A_configured_user_runs_the_service()
    {
        Assert.That(Settings(SystemdUnits.RenderService(Rules("linux:\n  user: robot\n"), TestRules.Generator))["User"], Is.EqualTo("robot"));
    }

    [Test]
    public void The_timer_starts_the_service_on_the_cron_schedule()
    {
        var timer = Settings(SystemdUnits.RenderTimer(Rules(), TestRules.Generator));
        Assert.That(timer["OnCalendar"], Is.EqualTo("*-*-* *:05/15:00"));
        Assert.That(timer["Unit"], Is.EqualTo("robotmk-runner.service"));
        Assert.That(timer["WantedBy"], Is.EqualTo("timers.target"));
    }

    private static string StandInRunner(TempDir dir)
    {
        var runner = dir.File("robotmk-runner", "#!/bin/sh\nexit 0\n");
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(runner, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return runner;
    }

    [TestCase("")]
    [TestCase("linux:\n  user: robot\n")]
    [TestCase("execution_interval: 7200\nrunner_timeout_margin: 300\n")]
    public void Systemd_accepts_both_units(string extra)
    {
        if (!File.Exists(SystemdAnalyze))
            Assert.Ignore($"{SystemdAnalyze} is not installed; the units cannot be verified here");
        using var dir = new TempDir();
        var rules = Rules(extra);
        // verify insists that ExecStart's binary exists, so the service points at a stand-in in the temp folder.
        var runner = StandInRunner(dir);
        var service = SystemdUnits.RenderService(rules, TestRules.Generator).Replace("/usr/bin/robotmk-runner", runner);
        Assert.That(service, Does.Contain($"ExecStart={runner} run"));
        var servicePath = dir.File("robotmk-runner.service", service);
        var timerPath = dir.File("robotmk-runner.timer", SystemdUnits.RenderTimer(rules, TestRules.Generator));

        var (code, output) = ExternalTool.Run(SystemdAnalyze, ["verify", servicePath, timerPath], TimeSpan.FromSeconds(60));

        Assert.That(output, Does.Not.Contain("robotmk-runner"), "no complaint about our units");
        Assert.That(code, Is.Zero, output);
    }

    [Test]
    public void Systemd_accepts_the_units_of_a_suite_on_its_own()
    {
        if (!File.Exists(SystemdAnalyze))
            Assert.Ignore($"{SystemdAnalyze} is not installed; the units cannot be verified here");
        using var dir = new TempDir();
        var rules = TestRules.Valid("suites:\n  - path: a\n  - path: desk.robot\n    execution_interval: 1800\n    execution_mode: external\n",
            new Targets(true, false));
        var run = rules.ScheduledRuns.Single();
        var runner = StandInRunner(dir);
        var service = SystemdUnits.RenderService(run, rules, TestRules.Generator).Replace("/usr/bin/robotmk-runner", runner);
        Assert.That(service, Does.Contain($"ExecStart={runner} run --suite desk.robot"));
        var servicePath = dir.File(run.Name + ".service", service);
        var timerPath = dir.File(run.Name + ".timer", SystemdUnits.RenderTimer(run, rules, TestRules.Generator));

        var (code, output) = ExternalTool.Run(SystemdAnalyze, ["verify", servicePath, timerPath], TimeSpan.FromSeconds(60));

        Assert.That(output, Does.Not.Contain("robotmk-runner"), "no complaint about our units");
        Assert.That(code, Is.Zero, output);
    }

    [Test]
    public void Systemd_verify_rejects_a_broken_timer()
    {
        if (!File.Exists(SystemdAnalyze))
            Assert.Ignore($"{SystemdAnalyze} is not installed; the units cannot be verified here");
        using var dir = new TempDir();
        var rules = Rules();
        var runner = StandInRunner(dir);
        var servicePath = dir.File("robotmk-runner.service", SystemdUnits.RenderService(rules, TestRules.Generator).Replace("/usr/bin/robotmk-runner", runner));
        var timerPath = dir.File("robotmk-runner.timer", SystemdUnits.RenderTimer(rules, TestRules.Generator).Replace("*:05/15:00", "*:65/15:00"));

        var (code, output) = ExternalTool.Run(SystemdAnalyze, ["verify", servicePath, timerPath], TimeSpan.FromSeconds(60));

        Assert.That(code, Is.Not.Zero, "the check must be able to fail");
        Assert.That(output, Does.Contain("calendar"));
    }

    [TestCase(60, 0)]
    [TestCase(900, 300)]
    [TestCase(7200, 3900)]
    [TestCase(86400, 9000)]
    public void Systemd_reads_the_calendar_expression_as_written(int interval, int offset)
    {
        if (!File.Exists(SystemdAnalyze))
            Assert.Ignore($"{SystemdAnalyze} is not installed; the calendar expression cannot be checked here");
        var expression = new FixedRateSchedule(interval, offset).ToOnCalendar();
        var (code, output) = ExternalTool.Run(SystemdAnalyze, ["calendar", expression], TimeSpan.FromSeconds(30));
        Assert.That(code, Is.Zero, output);
        Assert.That(output, Does.Contain($"Normalized form: {expression}"));
    }
}
