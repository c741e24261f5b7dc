using System.Text;
using Robotmk.Bakery.Linux;
using Robotmk.Bakery.Packaging;
using Robotmk.Bakery.Rules;
using Robotmk.Bakery.Scheduling;
using Robotmk.Bakery.Windows;
using Robotmk.Config;
using Robotmk.Paths;

namespace Robotmk.Tests.Bakery;

public class RunnerTickTests
{
    [TestCase(new[] { 900 }, 900)]
    [TestCase(new[] { 600, 900 }, 300)]
    [TestCase(new[] { 120, 180, 300 }, 60)]
    [TestCase(new[] { 3600, 7200, 1800 }, 1800)]
    public void The_tick_is_the_greatest_common_divisor_of_the_intervals(int[] intervals, int tick) =>
        Assert.That(RunnerTick.Of(intervals), Is.EqualTo(tick));

    [Test]
    public void Names_the_interval_that_brings_the_tick_below_a_minimum()
    {
        Assert.That(RunnerTick.FirstBelow([600, 900, 180, 1200], 120), Is.EqualTo(2), "gcd(600, 900) = 300, with 180 it is 60");
        Assert.That(RunnerTick.FirstBelow([600, 900], 120), Is.Null);
        Assert.That(RunnerTick.FirstBelow([60, 600], 120), Is.EqualTo(0));
    }

    [Test]
    public void Refuses_no_interval_and_intervals_that_are_not_positive()
    {
        Assert.Throws<ArgumentException>(() => RunnerTick.Of([]));
        Assert.Throws<ArgumentOutOfRangeException>(() => RunnerTick.Of([600, 0]));
    }
}

public class ScheduleRulesTests
{
    private const string Mixed = """
        execution_interval: 900
        expected_runtime: 120
        max_parallel: 2
        windows:
          user: 'SHOP\robot'
        suites:
          - path: api
            execution_interval: 600
            group: backend
          - path: checkout
            group: backend
          - path: desktop.robot
            execution_interval: 1800
            execution_mode: external
            linux:
              user: desk
            windows:
              logon_type: interactive_token
        """;

    [Test]
    public void The_schedule_keys_are_read()
    {
        var rules = TestRules.Valid(Mixed);
        var (api, checkout, desktop) = (rules.Suites[0], rules.Suites[1], rules.Suites[2]);

        Assert.Multiple(() =>
        {
            Assert.That(rules.MaxParallel, Is.EqualTo(2));
            Assert.That((api.ExecutionInterval, api.Group, api.ExecutionMode), Is.EqualTo(((int?)600, "backend", (ExecutionMode?)null)));
            Assert.That((checkout.ExecutionInterval, checkout.Group), Is.EqualTo(((int?)null, "backend")));
            Assert.That(desktop.ExecutionMode, Is.EqualTo(ExecutionMode.External));
            Assert.That((desktop.LinuxUser, desktop.WindowsUser, desktop.WindowsLogonType),
                Is.EqualTo(("desk", (string?)null, (WindowsLogonType?)WindowsLogonType.InteractiveToken)));
        });
    }

    [Test]
    public void The_tick_counts_the_runners_suites_and_suites_without_an_interval_count_with_the_top_level_one()
    {
        var rules = TestRules.Valid(Mixed);

        Assert.That(rules.Tick, Is.EqualTo(300), "gcd(600, 900); the desktop suite runs on its own");
        Assert.That(rules.RunnerSuites.Select(s => s.Id), Is.EqualTo(new[] { "api", "checkout" }));
        Assert.That(rules.OwnScheduleSuites.Select(s => s.Id), Is.EqualTo(new[] { "desktop.robot" }));
        Assert.That((rules.Timing.Interval, rules.Timing.RunnerTimeout, rules.Timing.RunBudget, rules.Timing.CacheTime),
            Is.EqualTo((300, 270, 240, 300 + 120 + 60)));
    }

    [Test]
    public void Without_per_suite_keys_the_tick_is_the_execution_interval()
    {
        var rules = TestRules.Valid("execution_interval: 600\nsuites:\n  - path: a\n  - path: b\n");
        Assert.That(rules.Tick, Is.EqualTo(600));
        Assert.That(rules.OwnScheduleSuites, Is.Empty);
    }

    [Test]
    public void A_suite_of_its_own_gets_its_interval_and_its_account_with_the_top_level_ones_as_defaults()
    {
        var rules = TestRules.Valid(Mixed);
        var run = rules.ScheduledRuns.Single();

        Assert.Multiple(() =>
        {
            Assert.That(run.Name, Is.EqualTo("robotmk-runner-desktop-robot"), "no '.' in cron.d file names");
            Assert.That(run.Arguments, Is.EqualTo(new[] { "run", "--suite", "desktop.robot" }));
            Assert.That((run.Interval, run.RunnerTimeout), Is.EqualTo((1800, 1770)));
            Assert.That(run.LinuxUser, Is.EqualTo("desk"));
            Assert.That(run.Windows, Is.EqualTo(new WindowsLogon(@"SHOP\robot", WindowsLogonType.InteractiveToken)));
        });
    }

    [Test]
    public void External_mode_schedules_the_runner_at_the_tick_and_no_suite_on_its_own()
    {
        var check = TestRules.Check("""
            execution_mode: external
            suites:
              - path: a
                execution_interval: 1200
              - path: b
                execution_interval: 1800
                execution_mode: external
            """);

        Assert.That(TestRules.ErrorText(check), Is.Empty);
        var run = check.Rules!.ScheduledRuns.Single();
        Assert.That((run.Name, run.Interval, run.SuiteId), Is.EqualTo(("robotmk-runner", 600, (string?)null)));
        Assert.That(TestRules.WarningText(check), Does.Contain("suites[1].execution_mode: ignored: with the top-level execution_mode external"));
    }
}

public class ScheduleValidationTests
{
    private static string Errors(string yaml, Targets? targets = null) => TestRules.ErrorText(TestRules.Check(yaml, targets));
    private static string Warnings(string yaml, Targets? targets = null) => TestRules.WarningText(TestRules.Check(yaml, targets));

    [Test]
    public void A_tick_below_the_windows_minimum_names_the_suite_interval_that_causes_it()
    {
        const string rules = """
            runner_timeout_margin: 10
            suites:
              - path: a
                execution_interval: 600
              - path: b
                execution_interval: 180
            """;

        var errors = Errors(rules);

        Assert.That(errors, Does.StartWith("rules.yml:6:25: error: suites[1].execution_interval: with this interval (180 s) the runner's tick"));
        Assert.That(errors, Does.Contain("(600 s (a), 180 s (b)), is 60 s").And.Contain("raises any cache_age below 120 s"));
        Assert.That(Errors(rules, new Targets(true, false)), Is.Empty, "the Linux agent runs a 60 s tick");
    }

    [Test]
    public void A_suite_interval_on_linux_must_be_whole_minutes()
    {
        var errors = Errors("suites:\n  - path: a\n    execution_interval: 150\n", new Targets(true, false));
        Assert.That(errors, Is.EqualTo(
            "rules.yml:3:25: error: suites[0].execution_interval: execution_interval (150 s) is not a multiple of 60: the runner's tick, " +
            "the greatest common divisor of the suites' intervals, must be whole minutes on Linux (the agent starts async plugins only while " +
            "it runs, once a minute; cron and systemd timers start on whole minutes); expected a multiple of 60, e.g. 180"));
    }

    [Test]
    public void A_suite_on_its_own_must_run_at_a_multiple_of_the_tick()
    {
        var errors = Errors("""
            suites:
              - path: a
                execution_interval: 600
              - path: d
                execution_interval: 900
                execution_mode: external
            """);

        Assert.That(errors, Does.StartWith(
            "rules.yml:5:25: error: suites[1].execution_interval: execution_interval (900 s) must be a multiple of the tick (600 s"));
        Assert.That(errors, Does.Contain("the suite runs on its own"));
    }

    [Test]
    public void A_suite_on_its_own_needs_an_interval_cron_can_repeat()
    {
        var errors = Errors("""
            suites:
              - path: a
                execution_interval: 900
              - path: d
                execution_interval: 2700
                execution_mode: external
            """, new Targets(true, false));

        Assert.That(errors, Does.StartWith(
            "rules.yml:5:25: error: suites[1].execution_interval: in external mode, the interval of suite 'd' (2700 s) must divide an hour or a day evenly"));
    }

    [Test]
    public void A_start_offset_must_fit_into_the_interval_of_every_suite_on_its_own()
    {
        var errors = Errors("""
            start_offset: 900
            suites:
              - path: a
                execution_interval: 300
              - path: d
                execution_interval: 600
                execution_mode: external
            """);
        Assert.That(errors, Does.StartWith("rules.yml:1:15: error: start_offset: start_offset (900 s) must be a multiple of 60 below the interval of suite 'd' (600 s)"));
    }

    [Test]
    public void An_agent_suite_in_external_mode_is_refused()
    {
        var errors = Errors("execution_mode: external\nsuites:\n  - path: a\n    execution_mode: agent_serial\n");
        Assert.That(errors, Does.StartWith("rules.yml:4:21: error: suites[0].execution_mode: agent_serial is not possible when the top-level execution_mode is external"));
    }

    [Test]
    public void Groups_warn_where_they_have_no_effect()
    {
        const string suites = """
            suites:
              - path: a
                group: backend
              - path: b
                group: backend
              - path: d
                group: desk
                execution_mode: external
            """;

        var serial = Warnings(suites);
        Assert.That(serial, Does.Contain("rules.yml:3:12: warning: suites[0].group: has no effect while max_parallel is 1"));
        Assert.That(serial, Does.Contain("rules.yml:7:12: warning: suites[2].group: ignored: groups order the suites of the agent's runner"));
        Assert.That(serial.Split('\n'), Has.Length.EqualTo(2), "one warning for max_parallel, not one per grouped suite");
        Assert.That(Warnings("max_parallel: 2\n" + suites), Does.Not.Contain("max_parallel is 1"));
    }

    [Test]
    public void Suite_accounts_are_checked_and_ignored_with_a_warning_where_unused()
    {
        var errors = Errors("""
            suites:
              - path: d
                execution_mode: external
                linux: {user: Bad User}
                windows: {user: 'a|b'}
            """);
        Assert.That(errors, Does.Contain("suites[0].linux.user: expected a Linux user name").And.Contain("suites[0].windows.user: expected SYSTEM, a user name"));

        var warnings = Warnings("suites:\n  - path: a\n    linux:\n      user: robot\n");
        Assert.That(warnings, Is.EqualTo("rules.yml:4:13: warning: suites[0].linux.user: only used for a suite that runs on its own " +
                                         "(execution_mode: external, beside the agent's runner); ignored"));
    }

    [Test]
    public void Top_level_accounts_are_used_without_a_warning_when_a_suite_runs_on_its_own()
    {
        const string accounts = "linux:\n  user: robot\nwindows:\n  user: 'SHOP\\robot'\n";
        Assert.That(Warnings(accounts + "suites:\n  - path: a\n"), Does.Contain("linux.user: only used in external mode"));
        Assert.That(Warnings(accounts + "suites:\n  - path: a\n  - path: d\n    execution_mode: external\n"), Is.Empty);
    }

    [Test]
    public void A_tick_that_leaves_no_run_budget_points_at_the_suite_intervals()
    {
        var errors = Errors("suites:\n  - path: a\n    execution_interval: 60\n", new Targets(true, false));
        Assert.That(errors, Is.EqualTo(
            "rules.yml:3:25: error: runner_timeout_margin: the runner's own budget (the tick - 2 x runner_timeout_margin = 0 s) leaves no time " +
            "to run suites; expected a margin below 30 s or suite intervals with a longer tick"));
    }

    [TestCase("0")]
    [TestCase("65")]
    public void Max_parallel_out_of_range_is_refused(string value) =>
        Assert.That(Errors($"max_parallel: {value}\nsuites:\n  - path: a\n"), Does.StartWith("rules.yml:1:15: error: max_parallel:"));
}

public class ScheduleOutputTests
{
    private const string Mixed = """
        execution_interval: 900
        runner_timeout_margin: 20
        max_parallel: 2
        suites:
          - path: api
            execution_interval: 600
            group: backend
          - path: checkout
          - path: desktop.robot
            execution_interval: 1800
            execution_mode: external
            linux: {user: desk}
            windows: {user: 'SHOP\desk', logon_type: interactive_token}
        """;

    private static RobotmkConfig Load(string text)
    {
        var result = ConfigParser.Parse(text, "robotmk.yml", HostPaths.Resolve(new AgentEnvironment(new Dictionary<string, string>(), HostOs.Linux)));
        Assert.That(result.Problems.Select(p => p.ToString()), Is.Empty);
        return result.Config!;
    }

    private static string FileText(PackageTree tree, string path) => Encoding.UTF8.GetString(tree.Files.Single(f => f.Path == path).Content);

    [Test]
    public void Robotmk_yml_runs_at_the_tick_and_each_suite_keeps_its_interval_group_and_mode()
    {
        var rules = TestRules.Valid(Mixed);
        var config = Load(Robotmk.Bakery.Rendering.RobotmkYml.Render(rules, TargetOs.Linux, TestRules.Generator));

        Assert.That((config.Global.ExecutionInterval, config.Global.MaxParallel, config.Global.EffectiveRunTimeout), Is.EqualTo((300, 2, 260)));
        var suites = config.Suites.ToDictionary(s => s.Id);
        Assert.Multiple(() =>
        {
            foreach (var rule in rules.Suites)
            {
                var suite = suites[rule.Id];
                Assert.That(SuiteSchedule.IntervalOf(suite, config.Global), Is.EqualTo(rules.IntervalOf(rule)), rule.Id);
                Assert.That(suite.Group, Is.EqualTo(rule.Group), rule.Id);
                Assert.That(SuiteSchedule.ModeOf(suite, config.Global), Is.EqualTo(rule.ExecutionMode ?? ExecutionMode.AgentSerial), rule.Id);
            }
            Assert.That(SuiteSchedule.CacheTimeOf(suites["desktop.robot"], config.Global), Is.EqualTo(1800 + config.Global.CacheTime));
        });
    }

    [Test]
    public void The_agent_starts_the_runner_at_the_tick_and_schedulers_start_the_suite_of_its_own()
    {
        var trees = PackageBuilder.Build(TestRules.Valid(Mixed), Targets.Both, TestRules.Generator, binariesSupplied: true);
        var linux = trees.Single(t => t.Os == TargetOs.Linux);
        var windows = trees.Single(t => t.Os == TargetOs.Windows);

        Assert.That(linux.Binaries.Select(b => b.Path), Is.EquivalentTo(new[]
        {
            "usr/lib/check_mk_agent/plugins/robotmk", "usr/lib/check_mk_agent/plugins/300/robotmk-runner", "usr/bin/robotmk-runner",
        }));
        Assert.That(linux.Files.Select(f => f.Path), Is.EqualTo(new[]
        {
            "etc/check_mk/robotmk.yml", "etc/cron.d/robotmk-runner-desktop-robot",
            "etc/systemd/system/robotmk-runner-desktop-robot.service", "etc/systemd/system/robotmk-runner-desktop-robot.timer",
            "etc/tmpfiles.d/robotmk-external.conf",
        }));
        Assert.That(FileText(linux, "etc/cron.d/robotmk-runner-desktop-robot"), Does.EndWith(
            "\n*/30 * * * * desk timeout --kill-after=30 1780 /usr/bin/robotmk-runner run --suite desktop.robot >/dev/null 2>&1\n"));
        var service = FileText(linux, "etc/systemd/system/robotmk-runner-desktop-robot.service");
        Assert.That(service, Does.Contain("\nExecStart=/usr/bin/robotmk-runner run --suite desktop.robot\n").And.Contain("\nUser=desk\n"));

        Assert.That(windows.Binaries.Select(b => b.Path), Is.EquivalentTo(new[] { "plugins/robotmk.exe", "plugins/robotmk-runner.exe", "bin/robotmk-runner.exe" }));
        Assert.That(FileText(windows, "check_mk.yml"), Does.Contain("cache_age: 300\n      timeout: 280\n"));
        Assert.That(windows.Files.Select(f => f.Path), Does.Contain("task/robotmk-runner-desktop-robot.xml").And.Contain("task/README.txt"));
    }

    [Test]
    public void The_task_of_a_desktop_suite_runs_in_the_users_session_and_passes_the_schema()
    {
        var rules = TestRules.Valid(Mixed);
        var xml = TaskSchedulerXml.Render(rules.ScheduledRuns.Single(), rules, TestRules.Generator);
        var text = Encoding.Unicode.GetString(xml);

        Assert.That(TaskSchedulerSchema.Violations(xml), Is.Empty);
        Assert.That(text, Does.Contain(@"<UserId>SHOP\desk</UserId>").And.Contain("<LogonType>InteractiveToken</LogonType>"));
        Assert.That(text, Does.Contain("<Arguments>run --suite desktop.robot</Arguments>").And.Contain("<Interval>PT30M</Interval>"));
        Assert.That(text, Does.Contain(@"<URI>\Robotmk\robotmk-runner-desktop-robot</URI>"));
        Assert.That(TaskReadme.Render(rules, TestRules.Generator), Does.Contain(
            "schtasks /create /xml \"robotmk-runner-desktop-robot.xml\" /tn \"Robotmk\\robotmk-runner-desktop-robot\" /f\r\n"),
            "an interactive token needs no stored password");
    }

    [Test]
    public void The_cron_file_of_a_suite_on_its_own_is_valid_cron()
    {
        var rules = TestRules.Valid(Mixed, new Targets(true, false));
        var line = CronFile.Render(rules.ScheduledRuns.Single(), rules, TestRules.Generator).Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1];
        var cron = CronLine.Parse(line);

        Assert.That(cron.User, Is.EqualTo("desk"));
        Assert.That(Enumerable.Range(0, 60).Where(m => cron.Matches(m, 5)), Is.EqualTo(new[] { 0, 30 }));
    }
}
