using Robotmk.Config;
using static Robotmk.Tests.Config.ConfigTestSupport;

namespace Robotmk.Tests.Config;

/// <summary>The schedule keys of robotmk.yml: per-suite interval, group and mode, and the global max_parallel.</summary>
public class ScheduleConfigTests
{
    private const string Tick60 = "global:\n  execution_interval: 60\n";

    [Test]
    public void Without_schedule_keys_every_suite_runs_every_tick_alone_in_the_global_mode()
    {
        var r = Parse("suites:\n  a:\n    path: a\n");
        var a = r.Suite("a");
        var g = r.Config!.Global;
        Assert.Multiple(() =>
        {
            Assert.That(g.MaxParallel, Is.EqualTo(1));
            Assert.That(a.ExecutionInterval, Is.Null);
            Assert.That(a.Group, Is.Null);
            Assert.That(a.ExecutionMode, Is.Null);
            Assert.That(SuiteSchedule.IntervalOf(a, g), Is.EqualTo(g.ExecutionInterval));
            Assert.That(SuiteSchedule.ModeOf(a, g), Is.EqualTo(ExecutionMode.AgentSerial));
            Assert.That(SuiteSchedule.CacheTimeOf(a, g), Is.EqualTo(g.CacheTime));
        });
    }

    [Test]
    public void The_schedule_keys_are_read()
    {
        var r = Parse(Tick60 + "  max_parallel: 3\nsuites:\n  api:\n    path: api\n    execution_interval: 120\n    group: backend\n" +
                      "  desktop:\n    path: desktop.robot\n    execution_mode: external\n");
        Assert.That(r.HasErrors, Is.False, r.Describe());
        var (api, desktop, g) = (r.Suite("api"), r.Suite("desktop"), r.Config!.Global);
        Assert.Multiple(() =>
        {
            Assert.That(g.MaxParallel, Is.EqualTo(3));
            Assert.That(api.ExecutionInterval, Is.EqualTo(120));
            Assert.That(api.Group, Is.EqualTo("backend"));
            Assert.That(SuiteSchedule.ModeOf(api, g), Is.EqualTo(ExecutionMode.AgentSerial));
            Assert.That(desktop.ExecutionMode, Is.EqualTo(ExecutionMode.External));
            Assert.That(SuiteSchedule.ModeOf(desktop, g), Is.EqualTo(ExecutionMode.External));
        });
    }

    [Test]
    public void A_suite_interval_that_is_not_a_multiple_of_the_tick_is_an_error_at_its_line()
    {
        var r = Parse(Tick60 + "suites:\n  a:\n    path: a\n    execution_interval: 90\n  b:\n    path: b\n");
        var e = r.SingleError();
        Assert.Multiple(() =>
        {
            Assert.That(e.File, Is.EqualTo(ConfigFile));
            Assert.That(e.Position, Is.EqualTo(new SourcePosition(6, 25)));
            Assert.That(e.KeyPath, Is.EqualTo("suites.a.execution_interval"));
            Assert.That(e.Message, Does.Contain("multiple of global.execution_interval (60 s"));
            Assert.That(e.Message, Does.Contain("60 or 120"));
            Assert.That(r.Suite("a").IsRunnable, Is.False);
            Assert.That(r.Suite("b").IsRunnable, Is.True, "another suite still runs");
        });
    }

    [Test]
    public void A_suite_interval_is_checked_against_the_default_tick_when_the_global_one_is_not_written()
    {
        var e = Parse("suites:\n  a:\n    path: a\n    execution_interval: 600\n").SingleError();
        Assert.That(e.Message, Does.Contain($"({Defaults.ExecutionInterval} s"));
    }

    [Test]
    public void A_suite_interval_below_the_tick_names_the_tick_as_the_smallest_one()
    {
        var e = Parse(Tick60 + "suites:\n  a:\n    path: a\n    execution_interval: 30\n").SingleError();
        Assert.That(e.Message, Does.EndWith("e.g. 60"));
    }

    [TestCase("0", "0 is out of range")]
    [TestCase("soon", "expected a whole number of seconds")]
    public void A_suite_interval_must_be_a_positive_number_of_seconds(string value, string message)
    {
        var e = Parse(Tick60 + $"suites:\n  a:\n    path: a\n    execution_interval: {value}\n").SingleError();
        Assert.That(e.KeyPath, Is.EqualTo("suites.a.execution_interval"));
        Assert.That(e.Message, Does.Contain(message));
    }

    [TestCase("serial", "expected one of agent_serial, external")]
    [TestCase("extrenal", "did you mean 'external'?")]
    public void An_unknown_suite_mode_is_an_error(string value, string message)
    {
        var e = Parse($"suites:\n  a:\n    path: a\n    execution_mode: {value}\n").SingleError();
        Assert.That(e.KeyPath, Is.EqualTo("suites.a.execution_mode"));
        Assert.That(e.Message, Does.Contain(message));
    }

    [Test]
    public void An_agent_serial_suite_under_a_global_external_mode_is_an_error()
    {
        var e = Parse("global:\n  execution_mode: external\nsuites:\n  a:\n    path: a\n    execution_mode: agent_serial\n").SingleError();
        Assert.That(e.KeyPath, Is.EqualTo("suites.a.execution_mode"));
        Assert.That(e.Position.Line, Is.EqualTo(6));
        Assert.That(e.Message, Does.Contain("global.execution_mode is external"));
    }

    [TestCase("[a, b]", "expected a group name")]
    [TestCase("\"\"", "expected a group name")]
    public void A_group_must_be_a_name(string value, string message)
    {
        var e = Parse($"suites:\n  a:\n    path: a\n    group: {value}\n").SingleError();
        Assert.That(e.KeyPath, Is.EqualTo("suites.a.group"));
        Assert.That(e.Message, Does.Contain(message));
    }

    [TestCase("0")]
    [TestCase("65")]
    [TestCase("two")]
    public void Max_parallel_out_of_range_makes_the_config_unusable(string value)
    {
        var r = Parse($"global:\n  max_parallel: {value}\nsuites:\n  a:\n    path: a\n");
        var e = r.SingleError();
        Assert.That(e.KeyPath, Is.EqualTo("global.max_parallel"));
        Assert.That(e.Position, Is.EqualTo(new SourcePosition(2, 17)));
        Assert.That(r.Config, Is.Null);
    }

    [Test]
    public void Suites_without_a_group_are_each_a_group_of_their_own_and_a_group_never_equals_a_suite()
    {
        var r = Parse("suites:\n  a:\n    path: a\n  b:\n    path: b\n  c:\n    path: c\n    group: a\n  d:\n    path: d\n    group: a\n");
        Assert.That(r.HasErrors, Is.False, r.Describe());
        var groups = r.Config!.Suites.Select(SuiteSchedule.GroupOf).ToList();
        Assert.That(groups.Distinct().Count(), Is.EqualTo(3));
        Assert.That(groups[2], Is.EqualTo(groups[3]));
        Assert.That(groups[0], Is.Not.EqualTo(groups[2]), "a group named 'a' is not the suite 'a'");
    }

    [Test]
    public void A_suite_with_its_own_longer_interval_stays_valid_for_its_interval_plus_the_global_cache_time()
    {
        var r = Parse(Tick60 + "  cache_time: 150\nsuites:\n  a:\n    path: a\n    execution_interval: 180\n  b:\n    path: b\n    execution_interval: 60\n");
        var g = r.Config!.Global;
        Assert.That(SuiteSchedule.CacheTimeOf(r.Suite("a"), g), Is.EqualTo(180 + 150));
        Assert.That(SuiteSchedule.CacheTimeOf(r.Suite("b"), g), Is.EqualTo(150), "an interval of one tick keeps the global cache_time");
    }
}
