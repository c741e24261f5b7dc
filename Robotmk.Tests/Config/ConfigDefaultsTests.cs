using Robotmk.Config;
using static Robotmk.Tests.Config.ConfigTestSupport;

namespace Robotmk.Tests.Config;

public class ConfigDefaultsTests
{
    private const string Minimal = "suites: {a: {path: a}}";

    [Test]
    public void A_minimal_file_is_usable_without_problems()
    {
        var r = Parse(Minimal);
        Assert.That(r.Config, Is.Not.Null, r.Describe());
        Assert.That(r.Problems, Is.Empty);
    }

    [Test]
    public void Global_defaults_are_the_v1_values_and_the_host_folders()
    {
        var g = Parse(Minimal).Config!.Global;
        Assert.Multiple(() =>
        {
            Assert.That(g.ExecutionMode, Is.EqualTo(ExecutionMode.AgentSerial));
            Assert.That(g.Encoding, Is.EqualTo(OutputEncoding.ZlibCodec));
            Assert.That(g.TransmitHtml, Is.False);
            Assert.That(g.LogLevel, Is.EqualTo(RobotmkLogLevel.Info));
            Assert.That(g.LogRotation, Is.EqualTo(14));
            Assert.That(g.RobotDir, Is.EqualTo("/usr/lib/check_mk_agent/robot"));
            Assert.That(g.OutputDir, Is.EqualTo("/var/log/robotmk"));
            Assert.That(g.LogDir, Is.EqualTo("/var/log/robotmk"));
            Assert.That(g.ExecutionInterval, Is.EqualTo(900));
            Assert.That(g.CacheTime, Is.EqualTo(960));
            Assert.That(g.RunTimeout, Is.Null);
            Assert.That(g.EffectiveRunTimeout, Is.EqualTo(900 - 2 * Defaults.RunTimeoutMargin), "the agent timeout (interval - margin) minus one more margin");
            Assert.That(g.RobotmkVersionCompat, Is.EqualTo("1.6.0"));
            Assert.That(g.Python, Is.Null);
            Assert.That(g.Robot, Is.Null);
        });
    }

    [Test]
    public void Suite_defaults_leave_every_optional_setting_unset()
    {
        var s = Parse(Minimal).Suite("a");
        Assert.Multiple(() =>
        {
            Assert.That(s.Id, Is.EqualTo("a"));
            Assert.That(s.Path, Is.EqualTo("a"));
            Assert.That(s.Tag, Is.Null);
            Assert.That(s.PiggybackHost, Is.Null);
            Assert.That(s.Timeout, Is.Null);
            Assert.That(s.Env, Is.Empty);
            Assert.That(s.Cwd, Is.Null);
            Assert.That(s.Errors, Is.Empty);
            Assert.That(s.IsRunnable, Is.True);
        });
    }

    [Test]
    public void Robot_params_default_to_no_options()
    {
        var p = Parse(Minimal).Suite("a").RobotParams;
        Assert.Multiple(() =>
        {
            Assert.That(p.Name, Is.Null);
            Assert.That(p.Suite, Is.Empty);
            Assert.That(p.Test, Is.Empty);
            Assert.That(p.Include, Is.Empty);
            Assert.That(p.Exclude, Is.Empty);
            Assert.That(p.Variable, Is.Empty);
            Assert.That(p.VariableFile, Is.Empty);
            Assert.That(p.ArgumentFile, Is.Empty);
            Assert.That(p.ExitOnFailure, Is.False);
        });
    }

    [Test]
    public void Failed_handling_defaults_to_a_single_attempt()
    {
        var f = Parse(Minimal).Suite("a").FailedHandling;
        Assert.Multiple(() =>
        {
            Assert.That(f.MaxIterations, Is.EqualTo(1));
            Assert.That(f.Strategy, Is.EqualTo(RerunStrategy.Incremental));
            Assert.That(f.RerunInclude, Is.Empty);
            Assert.That(f.RerunExclude, Is.Empty);
        });
    }

    [Test]
    public void Empty_sections_written_as_null_mean_defaults()
    {
        var r = Parse("global:\nsuites:\n  a:\n    path: a\n    robot_params:\n    failed_handling:\n");
        Assert.That(r.Problems, Is.Empty, r.Describe());
        Assert.That(r.Config!.Global.CacheTime, Is.EqualTo(960));
        Assert.That(r.Suite("a").FailedHandling.MaxIterations, Is.EqualTo(1));
    }

    [Test]
    public void Logdir_follows_outputdir_when_only_outputdir_is_set()
    {
        var g = Parse("global: {outputdir: /srv/rf-out}\n" + Minimal).Config!.Global;
        Assert.That(g.OutputDir, Is.EqualTo("/srv/rf-out"));
        Assert.That(g.LogDir, Is.EqualTo("/srv/rf-out"));
    }

    [Test]
    public void Logdir_stays_where_it_is_written()
    {
        var g = Parse("global: {outputdir: /srv/out, logdir: /srv/log}\n" + Minimal).Config!.Global;
        Assert.That(g.LogDir, Is.EqualTo("/srv/log"));
    }

    [Test]
    public void Logdir_alone_does_not_move_outputdir()
    {
        var g = Parse("global: {logdir: /srv/log}\n" + Minimal).Config!.Global;
        Assert.That(g.OutputDir, Is.EqualTo("/var/log/robotmk"));
        Assert.That(g.LogDir, Is.EqualTo("/srv/log"));
    }

    [Test]
    public void Cache_time_follows_execution_interval_when_only_the_interval_is_set()
    {
        var r = Parse("global: {execution_interval: 1800}\n" + Minimal);
        Assert.That(r.Problems, Is.Empty, r.Describe());
        Assert.That(r.Config!.Global.CacheTime, Is.EqualTo(1800 + Defaults.PollJitter));
        Assert.That(r.Config.Global.EffectiveRunTimeout, Is.EqualTo(1800 - 2 * Defaults.RunTimeoutMargin));
    }

    [Test]
    public void External_mode_with_only_cache_time_takes_it_as_the_interval()
    {
        // What a v1 bakery wrote for external mode: cache_time, no execution_interval.
        var r = Parse("global: {execution_mode: external, cache_time: 300}\n" + Minimal);
        Assert.That(r.Problems, Is.Empty, r.Describe());
        Assert.That(r.Config!.Global.ExecutionInterval, Is.EqualTo(300));
        Assert.That(r.Config.Global.CacheTime, Is.EqualTo(300));
    }

    [TestCase(60, 30)]
    [TestCase(100, 50)]
    [TestCase(121, 61)]
    [TestCase(300, 240)]
    public void Short_intervals_get_half_of_the_interval_as_budget(int interval, int budget)
    {
        var g = Parse($"global: {{execution_interval: {interval}}}\n" + Minimal).Config!.Global;
        Assert.That(g.EffectiveRunTimeout, Is.EqualTo(budget));
    }

    [Test]
    public void Run_timeout_when_written_replaces_the_derived_budget()
    {
        var g = Parse("global: {run_timeout: 600}\n" + Minimal).Config!.Global;
        Assert.That(g.RunTimeout, Is.EqualTo(600));
        Assert.That(g.EffectiveRunTimeout, Is.EqualTo(600));
    }

    [Test]
    public void Without_suites_the_config_asks_for_discovery_with_a_notice()
    {
        foreach (var text in new[] { "global: {}", "suites:", "suites: {}", "global:\n  log_rotation: 3\nsuites: {}\n" })
        {
            var r = Parse(text);
            Assert.That(r.Config, Is.Not.Null, text);
            Assert.That(r.Config!.DiscoverSuites, Is.True, text);
            Assert.That(r.HasErrors, Is.False, text);
            var notice = r.Problems.Single();
            Assert.That(notice.Severity, Is.EqualTo(ProblemSeverity.Notice), text);
            Assert.That(notice.KeyPath, Is.EqualTo("suites"));
            Assert.That(notice.Message, Does.Contain("every folder and *.robot file"));
        }
    }

    [Test]
    public void Configured_suites_keep_the_order_of_the_file()
    {
        var r = Parse("suites:\n  zeta: {path: zeta}\n  alpha: {path: alpha}\n  mid: {path: mid}\n");
        Assert.That(r.Config!.Suites.Select(s => s.Id), Is.EqualTo(new[] { "zeta", "alpha", "mid" }));
        Assert.That(r.Config.DiscoverSuites, Is.False);
    }
}
