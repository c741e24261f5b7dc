using Robotmk.Bakery.Rules;
using Robotmk.Config;

namespace Robotmk.Tests.Bakery;

public class RuleReadingTests
{
    [Test]
    public void A_minimal_rule_file_gets_the_documented_defaults()
    {
        var rules = TestRules.Valid("suites:\n  - path: checkout\n");

        Assert.Multiple(() =>
        {
            Assert.That(rules.ExecutionMode, Is.EqualTo(ExecutionMode.AgentSerial));
            Assert.That(rules.ExecutionInterval, Is.EqualTo(900));
            Assert.That(rules.RunnerTimeoutMargin, Is.EqualTo(30));
            Assert.That(rules.Encoding, Is.EqualTo(OutputEncoding.ZlibCodec));
            Assert.That(rules.TransmitHtml, Is.False);
            Assert.That(rules.LogLevel, Is.EqualTo(RobotmkLogLevel.Info));
            Assert.That(rules.LogRotation, Is.EqualTo(14));
            Assert.That(rules.StartOffset, Is.Zero);
            Assert.That(rules.Linux.User, Is.EqualTo("root"));
            Assert.That(rules.Windows.User, Is.EqualTo("SYSTEM"));
            Assert.That(rules.Windows.RetryCount, Is.EqualTo(1));
            Assert.That(rules.Windows.LogonType, Is.EqualTo(WindowsLogonType.Password));
            Assert.That(rules.Linux.Dirs.RobotDir, Is.Null);
            Assert.That(rules.Timing.CacheTime, Is.EqualTo(900 + 840 + 60), "default cache_time = interval + run budget + 60");
            Assert.That(rules.SourceName, Is.EqualTo("rules.yml"));
        });
    }

    [Test]
    public void Every_documented_key_is_read()
    {
        var rules = TestRules.Valid("""
            execution_mode: external
            execution_interval: 1800
            runner_timeout_margin: 60
            expected_runtime: 300
            cache_time: 2400
            agent_output_encoding: base64_codec
            transmit_html: yes
            log_level: DEBUG
            log_rotation: 3
            robotmk_version_compat: "1.6.0"
            start_offset: 600
            linux:
              robotdir: /srv/robot
              outputdir: /srv/out
              logdir: /srv/log
              python: /usr/bin/python3
              robot: /usr/local/bin/robot
              user: robot
            windows:
              robotdir: 'D:\robot'
              outputdir: 'D:\out'
              logdir: 'D:\log'
              python: 'C:\Python312\python.exe'
              robot: robot.exe
              user: 'SHOP\tester'
              logon_type: interactive_token
            suites:
              - path: checkout
                tag: prod
                piggybackhost: shop-frontend
                timeout: 600
                cwd: checkout
                skipped_as: fail
                env: {LANG: C.UTF-8, EMPTY: ""}
                robot_params:
                  name: Checkout
                  suite: [A, B]
                  test: T1
                  include: [smoke]
                  exclude: [slow]
                  variable: {USER: alice, URL: "https://shop.example.com"}
                  variablefile: [vars.py]
                  argumentfile: [args.txt]
                  exitonfailure: true
                failed_handling:
                  max_iterations: 3
                  strategy:
                    name: complete
                    rerun_selection: {include: [flaky], exclude: [slow]}
            """);

        var suite = rules.Suites.Single();
        Assert.Multiple(() =>
        {
            Assert.That(rules.ExecutionMode, Is.EqualTo(ExecutionMode.External));
            Assert.That(rules.ExecutionInterval, Is.EqualTo(1800));
            Assert.That(rules.RunnerTimeoutMargin, Is.EqualTo(60));
            Assert.That(rules.ExpectedRuntime, Is.EqualTo(300));
            Assert.That(rules.CacheTime, Is.EqualTo(2400));
            Assert.That(rules.Encoding, Is.EqualTo(OutputEncoding.Base64Codec));
            Assert.That(rules.TransmitHtml, Is.True);
            Assert.That(rules.LogLevel, Is.EqualTo(RobotmkLogLevel.Debug));
            Assert.That(rules.LogRotation, Is.EqualTo(3));
            Assert.That(rules.RobotmkVersionCompat, Is.EqualTo("1.6.0"));
            Assert.That(rules.StartOffset, Is.EqualTo(600));
            Assert.That(rules.Linux.Dirs, Is.EqualTo(new HostDirs { RobotDir = "/srv/robot", OutputDir = "/srv/out", LogDir = "/srv/log" }));
            Assert.That(rules.Linux.Python, Is.EqualTo("/usr/bin/python3"));
            Assert.That(rules.Linux.Robot, Is.EqualTo("/usr/local/bin/robot"));
            Assert.That(rules.Linux.User, Is.EqualTo("robot"));
            Assert.That(rules.Windows.Dirs, Is.EqualTo(new HostDirs { RobotDir = @"D:\robot", OutputDir = @"D:\out", LogDir = @"D:\log" }));
            Assert.That(rules.Windows.Python, Is.EqualTo(@"C:\Python312\python.exe"));
            Assert.That(rules.Windows.Robot, Is.EqualTo("robot.exe"));
            Assert.That(rules.Windows.User, Is.EqualTo(@"SHOP\tester"));
            Assert.That(rules.Windows.LogonType, Is.EqualTo(WindowsLogonType.InteractiveToken));

            Assert.That(suite.Id, Is.EqualTo("checkout_prod"));
            Assert.That(suite.PiggybackHost, Is.EqualTo("shop-frontend"));
            Assert.That(suite.Timeout, Is.EqualTo(600));
            Assert.That(suite.Cwd, Is.EqualTo("checkout"));
            Assert.That(suite.SkippedAs, Is.EqualTo(SkippedAs.Fail));
            Assert.That(suite.Env, Is.EqualTo(new KeyValuePair<string, string>[] { new("LANG", "C.UTF-8"), new("EMPTY", "") }));
            Assert.That(suite.RobotParams.Name, Is.EqualTo("Checkout"));
            Assert.That(suite.RobotParams.Suite, Is.EqualTo(new[] { "A", "B" }));
            Assert.That(suite.RobotParams.Test, Is.EqualTo(new[] { "T1" }), "a single text is a list of one");
            Assert.That(suite.RobotParams.Include, Is.EqualTo(new[] { "smoke" }));
            Assert.That(suite.RobotParams.Exclude, Is.EqualTo(new[] { "slow" }));
            Assert.That(suite.RobotParams.Variable, Is.EqualTo(new KeyValuePair<string, string>[] { new("USER", "alice"), new("URL", "https://shop.example.com") }));
            Assert.That(suite.RobotParams.VariableFile, Is.EqualTo(new[] { "vars.py" }));
            Assert.That(suite.RobotParams.ArgumentFile, Is.EqualTo(new[] { "args.txt" }));
            Assert.That(suite.RobotParams.ExitOnFailure, Is.True);
            Assert.That(suite.FailedHandling.MaxIterations, Is.EqualTo(3));
            Assert.That(suite.FailedHandling.Strategy, Is.EqualTo(RerunStrategy.Complete));
            Assert.That(suite.FailedHandling.RerunInclude, Is.EqualTo(new[] { "flaky" }));
            Assert.That(suite.FailedHandling.RerunExclude, Is.EqualTo(new[] { "slow" }));
        });
    }

    [Test]
    public void Suite_ids_follow_the_v1_rule()
    {
        var rules = TestRules.Valid("""
            suites:
              - path: Web Shop/Checkout Flow
              - path: login.robot
                tag: Prod-EU
            """);
        Assert.That(rules.Suites.Select(s => s.Id), Is.EqualTo(new[] { "web_shop_checkout_flow", "login.robot_prod_eu" }));
    }

    [Test]
    public void Suites_can_share_settings_through_yaml_anchors_and_merge_keys()
    {
        var rules = TestRules.Valid("""
            suites:
              - &shop
                path: checkout
                robot_params: {include: [smoke]}
                timeout: 300
              - <<: *shop
                path: search
            """);
        Assert.That(rules.Suites.Select(s => (s.Id, s.Timeout, s.RobotParams.Include.Single())),
            Is.EqualTo(new[] { ("checkout", (int?)300, "smoke"), ("search", (int?)300, "smoke") }));
    }

    [Test]
    public void An_unknown_key_is_an_error_with_position_and_a_suggestion()
    {
        var result = TestRules.Check("execution_intervall: 900\nsuites:\n  - path: a\n    piggyback_host: x\n");

        Assert.That(TestRules.ErrorText(result), Does.Contain(
            "rules.yml:1:1: error: execution_intervall: unknown key at the top level; did you mean 'execution_interval'?"));
        Assert.That(TestRules.ErrorText(result), Does.Contain(
            "rules.yml:4:5: error: suites[0].piggyback_host: unknown key in 'suites[0]'; did you mean 'piggybackhost'?"));
    }

    [Test]
    public void A_key_far_from_every_known_one_lists_the_known_keys_without_a_guess()
    {
        var result = TestRules.Check("colour: blue\nsuites:\n  - path: a\n");
        Assert.That(TestRules.ErrorText(result), Does.Contain("colour: unknown key at the top level; expected one of: execution_mode,"));
        Assert.That(TestRules.ErrorText(result), Does.Not.Contain("did you mean"));
    }

    [Test]
    public void Retired_v1_robot_options_are_explained()
    {
        var result = TestRules.Check("suites:\n  - path: a\n    robot_params:\n      noncritical: [x]\n");
        Assert.That(TestRules.ErrorText(result), Does.Contain("suites[0].robot_params.noncritical: 'noncritical' is no longer supported: Robot Framework 4 removed"));
    }

    [TestCase("execution_interval: soon", "1:21: error: execution_interval: expected a whole number of seconds between 1 and 604800, found 'soon'")]
    [TestCase("execution_interval: 0", "1:21: error: execution_interval: 0 is out of range; expected a whole number of seconds between 1 and 604800")]
    [TestCase("transmit_html: maybe", "1:16: error: transmit_html: expected true or false, found 'maybe'")]
    [TestCase("execution_mode: agent_seriel", "1:17: error: execution_mode: did you mean 'agent_serial'? expected one of agent_serial, external, found 'agent_seriel'")]
    [TestCase("log_level: info", "1:12: error: log_level: did you mean 'INFO'? expected one of OFF, CRITICAL, ERROR, WARNING, INFO, DEBUG, found 'info'")]
    [TestCase("linux: [a]", "1:8: error: linux: expected a mapping of Linux settings, found a list")]
    [TestCase("windows:\n  logon_type: batch", "2:15: error: windows.logon_type: expected one of password, interactive_token, s4u, found 'batch'")]
    public void A_value_of_the_wrong_shape_names_position_key_and_expectation(string line, string expected)
    {
        var result = TestRules.Check(line + "\nsuites:\n  - path: a\n");
        Assert.That(TestRules.ErrorText(result), Does.Contain("rules.yml:" + expected));
    }

    [Test]
    public void A_yaml_syntax_error_is_reported_with_its_position()
    {
        var result = TestRules.Check("suites:\n  - path: [unclosed\n");
        var error = result.Errors.Single();
        Assert.That(error.Position.Line, Is.GreaterThan(0));
        Assert.That(error.Message, Does.StartWith("YAML syntax error"));
        Assert.That(result.Rules, Is.Null);
    }

    [Test]
    public void A_duplicate_key_is_reported_with_its_position()
    {
        var result = TestRules.Check("cache_time: 2000\ncache_time: 3000\nsuites:\n  - path: a\n    env: {A: x, A: y}\n");
        Assert.That(TestRules.ErrorText(result), Is.EqualTo(
            "rules.yml:2:1: error: cache_time: duplicate key 'cache_time'; it is already set at line 1, remove one of them\n" +
            "rules.yml:5:17: error: suites[0].env.A: duplicate key 'A'; it is already set at line 5, remove one of them"));
        Assert.That(result.Rules!.CacheTime, Is.EqualTo(2000), "the first occurrence counts");
    }

    [TestCase("", "1:1")]
    [TestCase("- path: a\n", "1:1")]
    public void A_file_that_is_not_a_mapping_is_refused(string text, string at)
    {
        var result = TestRules.Check(text);
        Assert.That(TestRules.ErrorText(result), Does.StartWith($"rules.yml:{at}: error: "));
        Assert.That(TestRules.ErrorText(result), Does.Contain("expected a mapping with at least 'suites'"));
    }

    [TestCase("execution_interval: 900\n")]
    [TestCase("suites:\n")]
    [TestCase("suites: []\n")]
    public void No_suites_is_an_error_that_explains_the_catch_all(string text)
    {
        var result = TestRules.Check(text);
        Assert.That(TestRules.ErrorText(result), Does.Contain("error: suites: no suites: expected a list with at least one suite"));
        Assert.That(TestRules.ErrorText(result), Does.Contain("catch-all"));
    }

    [Test]
    public void Suites_written_as_robotmk_yml_mapping_get_a_pointed_message()
    {
        var result = TestRules.Check("suites:\n  checkout:\n    path: checkout\n");
        Assert.That(TestRules.ErrorText(result), Does.Contain("suites: expected a list of suites ('- path: ...'), found a mapping"));
    }

    [Test]
    public void A_suite_without_path_is_an_error_at_the_suite()
    {
        var result = TestRules.Check("suites:\n  - tag: x\n");
        Assert.That(TestRules.ErrorText(result), Is.EqualTo(
            "rules.yml:2:5: error: suites[0]: missing required key 'path' (the suite file or folder, relative to robotdir)"));
    }

    [Test]
    public void Every_problem_is_reported_at_once_in_file_order()
    {
        var result = TestRules.Check("""
            execution_interval: 90
            cache_time: 60
            bogus: 1
            suites:
              - path: a
                timeout: -5
              - path: A
            """, new Targets(true, false));

        var lines = result.Errors.Select(p => p.Position.Line).ToList();
        Assert.That(lines, Is.EqualTo(new[] { 1, 2, 3, 6, 7 }));
        Assert.That(lines, Is.Ordered);
    }
}

public class RuleValidationTests
{
    private const string OneSuite = "suites:\n  - path: checkout\n";

    [Test]
    public void A_margin_of_zero_makes_the_runner_timeout_reach_cache_age()
    {
        var result = TestRules.Check("runner_timeout_margin: 0\n" + OneSuite);
        Assert.That(TestRules.ErrorText(result), Is.EqualTo(
            "rules.yml:1:24: error: runner_timeout_margin: the runner timeout (900 s = execution_interval - runner_timeout_margin) " +
            "must be below cache_age (900 s = execution_interval), otherwise the agent may start the next run before it has stopped " +
            "the last one; expected a margin of at least 1 s (default 30)"));
    }

    [Test]
    public void A_margin_as_large_as_the_interval_leaves_no_runner_timeout()
    {
        var result = TestRules.Check("execution_interval: 120\nrunner_timeout_margin: 120\n" + OneSuite);
        Assert.That(TestRules.ErrorText(result), Does.Contain("runner_timeout_margin: the runner timeout (execution_interval 120 s - runner_timeout_margin 120 s = 0 s) must be positive"));
    }

    [Test]
    public void A_margin_that_leaves_no_run_budget_is_an_error()
    {
        var result = TestRules.Check("execution_interval: 120\nrunner_timeout_margin: 60\n" + OneSuite);
        Assert.That(TestRules.ErrorText(result), Does.Contain("the runner's own budget (execution_interval - 2 x runner_timeout_margin = 0 s) leaves no time"));
    }

    [Test]
    public void Cache_time_below_the_interval_is_an_error()
    {
        var result = TestRules.Check("execution_interval: 600\ncache_time: 300\n" + OneSuite);
        Assert.That(TestRules.ErrorText(result), Is.EqualTo(
            "rules.yml:2:13: error: cache_time: cache_time (300 s) must be at least execution_interval (600 s), " +
            "otherwise the server sees every result as stale before the next run delivers"));
    }

    [Test]
    public void A_refused_number_raises_no_follow_up_errors_about_its_default()
    {
        var result = TestRules.Check("execution_interval: soon\ncache_time: 600\n" + OneSuite);
        Assert.That(result.Errors.Select(e => e.KeyPath), Is.EqualTo(new[] { "execution_interval" }));
    }

    [Test]
    public void Cache_time_below_interval_plus_runtime_plus_jitter_is_a_warning()
    {
        var result = TestRules.Check("execution_interval: 300\nexpected_runtime: 120\ncache_time: 400\n" + OneSuite);
        Assert.That(result.HasErrors, Is.False);
        Assert.That(TestRules.WarningText(result), Does.StartWith(
            "rules.yml:3:13: warning: cache_time: cache_time (400 s) is below execution_interval + expected runtime + 60 s (300 + 120 + 60 = 480 s)"));
    }

    [Test]
    public void Cache_time_that_covers_interval_runtime_and_jitter_raises_no_warning()
    {
        var result = TestRules.Check("execution_interval: 300\nexpected_runtime: 120\ncache_time: 480\n" + OneSuite);
        Assert.That(result.Problems, Is.Empty);
    }

    [Test]
    public void Without_expected_runtime_the_warning_assumes_the_whole_run_budget_and_says_so()
    {
        var result = TestRules.Check("cache_time: 960\n" + OneSuite);
        Assert.That(TestRules.WarningText(result), Does.Contain("(900 + 840 + 60 = 1800 s)"));
        Assert.That(TestRules.WarningText(result), Does.Contain("set expected_runtime"));
    }

    [Test]
    public void The_windows_agent_minimum_cache_age_applies_only_when_baking_for_windows_in_agent_serial_mode()
    {
        const string rules = "execution_interval: 60\nrunner_timeout_margin: 10\n" + OneSuite;
        Assert.That(TestRules.ErrorText(TestRules.Check(rules, new Targets(false, true))), Does.Contain(
            "execution_interval: execution_interval (60 s) is the Windows agent's cache_age, and the Windows agent raises any cache_age below 120 s to 120 s"));
        Assert.That(TestRules.Check(rules, new Targets(true, false)).HasErrors, Is.False);
        Assert.That(TestRules.Check("execution_mode: external\n" + rules, new Targets(false, true)).HasErrors, Is.False);
    }

    [Test]
    public void A_linux_interval_that_is_no_multiple_of_60_says_what_the_agent_does()
    {
        var result = TestRules.Check("execution_interval: 150\n" + OneSuite, new Targets(true, false));
        Assert.That(TestRules.ErrorText(result), Is.EqualTo(
            "rules.yml:1:21: error: execution_interval: execution_interval (150 s) is not a multiple of 60: the Linux agent names the async " +
            "folder in seconds (plugins/150/), but starts a job only while it runs (once a minute) and only when the cache is older than 150 s, " +
            "so the runner would really start about every 180 s; expected a multiple of 60, e.g. 180"));
        Assert.That(TestRules.Check("execution_interval: 150\n" + OneSuite, new Targets(false, true)).HasErrors, Is.False,
            "the Windows agent handles any number of seconds");
    }

    [TestCase(2700)]
    [TestCase(420)]
    [TestCase(5400)]
    public void External_mode_on_linux_needs_an_interval_cron_can_express(int interval)
    {
        var result = TestRules.Check($"execution_mode: external\nexecution_interval: {interval}\n" + OneSuite, new Targets(true, false));
        Assert.That(TestRules.ErrorText(result), Does.Contain($"in external mode, execution_interval ({interval} s) must divide an hour or a day evenly"));
        Assert.That(TestRules.Check($"execution_mode: external\nexecution_interval: {interval}\n" + OneSuite, new Targets(false, true)).HasErrors, Is.False,
            "Task Scheduler repeats any number of minutes");
    }

    [Test]
    public void External_mode_on_windows_needs_whole_minutes()
    {
        var result = TestRules.Check("execution_mode: external\nexecution_interval: 150\n" + OneSuite, new Targets(false, true));
        Assert.That(TestRules.ErrorText(result), Does.Contain("Task Scheduler repeats tasks in whole minutes"));
    }

    [TestCase(90)]
    [TestCase(900)]
    [TestCase(1200)]
    public void The_start_offset_must_be_whole_minutes_within_one_interval(int offset)
    {
        var result = TestRules.Check($"execution_mode: external\nstart_offset: {offset}\n" + OneSuite);
        Assert.That(TestRules.ErrorText(result), Does.Contain($"start_offset: start_offset ({offset} s) must be a multiple of 60 below execution_interval (900 s)"));
    }

    [Test]
    public void External_only_keys_are_ignored_with_a_warning_in_agent_serial_mode()
    {
        var result = TestRules.Check("start_offset: 60\nlinux:\n  user: robot\nwindows:\n  user: tester\n  logon_type: s4u\n" + OneSuite);
        Assert.That(result.HasErrors, Is.False);
        Assert.That(result.Warnings.Select(w => w.KeyPath), Is.EqualTo(new[] { "start_offset", "linux.user", "windows.user", "windows.logon_type" }));
        Assert.That(result.Warnings.First().Message, Does.Contain("ignored in agent_serial mode"));
    }

    [Test]
    public void Retry_count_is_ignored_with_a_warning_in_external_mode()
    {
        var result = TestRules.Check("execution_mode: external\nwindows:\n  retry_count: 3\n" + OneSuite);
        Assert.That(TestRules.WarningText(result), Does.Contain("windows.retry_count: only used in agent_serial mode"));
    }

    [Test]
    public void A_logon_type_for_system_is_ignored_with_a_warning()
    {
        var result = TestRules.Check("execution_mode: external\nwindows:\n  user: system\n  logon_type: password\n" + OneSuite);
        Assert.That(TestRules.WarningText(result), Does.Contain("windows.logon_type: ignored: the SYSTEM account needs no logon type"));
    }

    [Test]
    public void Duplicate_ids_name_both_suites_and_suggest_a_tag_that_is_free()
    {
        var result = TestRules.Check("""
            suites:
              - path: Checkout
              - path: checkout_2
              - path: checkout
            """);
        Assert.That(TestRules.ErrorText(result), Is.EqualTo(
            "rules.yml:4:5: error: suites[2]: suite id 'checkout' clashes: suites[0] (line 2, path 'Checkout') and suites[2] (line 4, path 'checkout') " +
            "both get it; give one of them a distinct tag, e.g. tag: 3 (id 'checkout_3')"));
    }

    [Test]
    public void Three_suites_with_one_id_give_two_errors_with_different_suggestions()
    {
        var result = TestRules.Check("suites:\n  - path: a\n    tag: x\n  - path: A\n    tag: X\n  - path: a_x\n");
        var errors = result.Errors.ToList();
        Assert.That(errors, Has.Count.EqualTo(2));
        Assert.That(errors[0].Message, Does.Contain("e.g. tag: X2 (id 'a_x2')"));
        Assert.That(errors[1].Message, Does.Contain("e.g. tag: 2 (id 'a_x_2')"));
    }

    [TestCase("../outside", "leaves robotdir through '..'")]
    [TestCase("a/../../b", "leaves robotdir through '..'")]
    [TestCase(@"web\checkout", "uses '\\' as folder separator")]
    [TestCase("/opt/robot/x", "is an absolute Linux path, which cannot work on Windows")]
    [TestCase(@"C:\robot\x", "is an absolute Windows path, which cannot work on Linux")]
    [TestCase(".", "is not usable as a file name")]
    public void Suite_paths_are_checked_for_both_systems(string path, string expected)
    {
        var result = TestRules.Check($"suites:\n  - path: '{path}'\n");
        Assert.That(TestRules.ErrorText(result), Does.Contain(expected));
    }

    [Test]
    public void An_absolute_path_is_fine_for_the_one_system_it_belongs_to()
    {
        Assert.That(TestRules.Check("suites:\n  - path: /opt/robot/x\n", new Targets(true, false)).HasErrors, Is.False);
        Assert.That(TestRules.Check("suites:\n  - path: 'C:\\robot\\x'\n", new Targets(false, true)).HasErrors, Is.False);
    }

    [Test]
    public void A_piggyback_host_with_spaces_is_refused()
    {
        var result = TestRules.Check("suites:\n  - path: a\n    piggybackhost: web shop\n");
        Assert.That(TestRules.ErrorText(result), Does.Contain("suites[0].piggybackhost: expected a host name without spaces or angle brackets, found 'web shop'"));
    }

    [Test]
    public void A_suite_timeout_beyond_the_run_budget_is_a_warning()
    {
        var result = TestRules.Check("suites:\n  - path: a\n    timeout: 1000\n");
        Assert.That(TestRules.WarningText(result), Does.Contain("suites[0].timeout: timeout (1000 s) exceeds the run budget (840 s"));
    }

    [TestCase("linux:\n  robotdir: robot", "linux.robotdir: expected an absolute Linux path (starting with '/'), found 'robot'")]
    [TestCase("windows:\n  outputdir: /var/log", @"windows.outputdir: expected an absolute Windows path (like C:\robot or \\server\share), found '/var/log'")]
    public void Folders_must_be_absolute_paths_of_their_system(string yaml, string expected)
    {
        Assert.That(TestRules.ErrorText(TestRules.Check(yaml + "\n" + OneSuite)), Does.Contain(expected));
    }

    [TestCase(@"\\files\robot")]
    [TestCase(@"D:\robot")]
    [TestCase("E:/robot")]
    public void Windows_folders_may_use_drives_or_shares(string dir)
    {
        Assert.That(TestRules.Check($"windows:\n  robotdir: '{dir}'\n" + OneSuite).HasErrors, Is.False);
    }

    [TestCase("SYSTEM", true)]
    [TestCase("system", true)]
    [TestCase(@"NT AUTHORITY\SYSTEM", true)]
    [TestCase("S-1-5-18", true)]
    [TestCase("tester", true)]
    [TestCase(@"SHOP\tester", true)]
    [TestCase(@".\tester", true)]
    [TestCase("tester@shop.example.com", true)]
    [TestCase("Robot Tester", true)]
    [TestCase("tes\"ter", false)]
    [TestCase(@"a\b\c", false)]
    [TestCase("100%", false)]
    public void Windows_account_names_are_checked(string user, bool valid)
    {
        var result = TestRules.Check($"execution_mode: external\nwindows:\n  user: '{user.Replace("'", "''")}'\n" + OneSuite);
        Assert.That(result.HasErrors, Is.EqualTo(!valid), TestRules.ErrorText(result));
    }

    [TestCase("robot", true)]
    [TestCase("_svc-robot2", true)]
    [TestCase("Robot", false)]
    [TestCase("ro bot", false)]
    [TestCase("2robot", false)]
    public void Linux_user_names_are_checked(string user, bool valid)
    {
        var result = TestRules.Check($"execution_mode: external\nlinux:\n  user: '{user}'\n" + OneSuite);
        Assert.That(result.HasErrors, Is.EqualTo(!valid), TestRules.ErrorText(result));
    }
}

public class RunTimingTests
{
    [Test]
    public void Runner_timeout_and_run_budget_step_down_from_the_interval_by_one_margin_each()
    {
        var t = TestRules.Valid("execution_interval: 600\nrunner_timeout_margin: 45\nsuites:\n  - path: a\n").Timing;
        Assert.Multiple(() =>
        {
            Assert.That(t.RunnerTimeout, Is.EqualTo(555));
            Assert.That(t.RunBudget, Is.EqualTo(510));
            Assert.That(t.ExpectedRuntime, Is.EqualTo(510));
            Assert.That(t.CacheTime, Is.EqualTo(600 + 510 + 60));
        });
    }

    [Test]
    public void Expected_runtime_lowers_the_default_cache_time()
    {
        var t = TestRules.Valid("execution_interval: 600\nexpected_runtime: 90\nsuites:\n  - path: a\n").Timing;
        Assert.That(t.CacheTime, Is.EqualTo(750));
        Assert.That(t.RecommendedCacheTime, Is.EqualTo(750));
    }

    [Test]
    public void An_explicit_cache_time_wins()
    {
        var t = TestRules.Valid("execution_interval: 600\nexpected_runtime: 90\ncache_time: 7200\nsuites:\n  - path: a\n").Timing;
        Assert.That(t.CacheTime, Is.EqualTo(7200));
    }
}
