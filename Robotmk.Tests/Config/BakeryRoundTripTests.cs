using Robotmk.Config;
using Robotmk.Tests.Support;
using static Robotmk.Tests.Config.ConfigTestSupport;

namespace Robotmk.Tests.Config;

/// <summary>A robotmk.yml as the v1 bakery laid it out, with every key: each value lands in the model.</summary>
public class BakeryRoundTripTests
{
    private static readonly string FixturePath =
        Path.Join(TestPaths.RepoRoot, "Robotmk.Tests", "Config", "fixtures", "v1_bakery_robotmk.yml");

    private static RobotmkConfig Config()
    {
        var r = Parse(File.ReadAllText(FixturePath));
        Assert.That(r.Problems, Is.Empty, r.Describe());
        return r.Config!;
    }

    [Test]
    public void Global_values()
    {
        var g = Config().Global;
        Assert.Multiple(() =>
        {
            Assert.That(g.ExecutionMode, Is.EqualTo(ExecutionMode.AgentSerial));
            Assert.That(g.Encoding, Is.EqualTo(OutputEncoding.Base64Codec));
            Assert.That(g.TransmitHtml, Is.True);
            Assert.That(g.LogLevel, Is.EqualTo(RobotmkLogLevel.Debug));
            Assert.That(g.LogRotation, Is.EqualTo(30));
            Assert.That(g.RobotDir, Is.EqualTo("/usr/lib/check_mk_agent/robot"));
            Assert.That(g.OutputDir, Is.EqualTo("/var/log/robotmk/rf"));
            Assert.That(g.LogDir, Is.EqualTo("/var/log/robotmk/runner"));
            Assert.That(g.ExecutionInterval, Is.EqualTo(1200));
            Assert.That(g.CacheTime, Is.EqualTo(1260));
            Assert.That(g.RunTimeout, Is.EqualTo(1100));
            Assert.That(g.EffectiveRunTimeout, Is.EqualTo(1100));
            Assert.That(g.RobotmkVersionCompat, Is.EqualTo("1.6.0"));
            Assert.That(g.Python, Is.EqualTo("/opt/rf-venv/bin/python3"));
            Assert.That(g.Robot, Is.EqualTo("/opt/rf-venv/bin/robot"));
        });
    }

    [Test]
    public void Suites_in_file_order_with_ids_from_path_and_tag()
    {
        var c = Config();
        Assert.That(c.DiscoverSuites, Is.False);
        Assert.That(c.Suites.Select(s => (s.Key, s.Id, s.Path, s.Tag)), Is.EqualTo(new (string, string, string, string?)[]
        {
            ("checkout_prod", "checkout_prod", "checkout", "prod"),
            ("login.robot", "login.robot", "login.robot", null),
            ("web_shop_staging", "web_shop_staging", "web shop", "staging"),
        }));
        Assert.That(c.Suites.All(s => s.IsRunnable));
    }

    [Test]
    public void Suite_with_every_key()
    {
        var s = Config().Suites[0];
        Assert.Multiple(() =>
        {
            Assert.That(s.PiggybackHost, Is.EqualTo("shop-frontend"));
            Assert.That(s.Timeout, Is.EqualTo(600));
            Assert.That(s.Cwd, Is.EqualTo("checkout/work"));
            Assert.That(s.SkippedAs, Is.EqualTo(SkippedAs.Fail));
            Assert.That(s.Env, Is.EqualTo(new Dictionary<string, string>
            {
                ["HTTPS_PROXY"] = "http://proxy.example.com:3128", ["LANG"] = "de_DE.UTF-8",
            }));

            var p = s.RobotParams;
            Assert.That(p.Name, Is.EqualTo("Checkout Prod"));
            Assert.That(p.Suite, Is.EqualTo(new[] { "Payment", "Cart" }));
            Assert.That(p.Test, Is.EqualTo(new[] { "Pay With Card" }));
            Assert.That(p.Include, Is.EqualTo(new[] { "smoke", "checkout" }));
            Assert.That(p.Exclude, Is.EqualTo(new[] { "wip" }));
            Assert.That(p.Variable, Is.EqualTo(new KeyValuePair<string, string>[]
            {
                new("PASSWORD", "s3cr3t: \"quoted\""), new("URL", "https://shop.example.com/"), new("USER", "alice"),
            }), "variables keep the order of the file");
            Assert.That(p.VariableFile, Is.EqualTo(new[] { "vars/prod.py" }));
            Assert.That(p.ArgumentFile, Is.EqualTo(new[] { "args/common.txt", "args/prod.txt" }));
            Assert.That(p.ExitOnFailure, Is.True);

            var f = s.FailedHandling;
            Assert.That(f.MaxIterations, Is.EqualTo(3));
            Assert.That(f.Strategy, Is.EqualTo(RerunStrategy.Incremental));
            Assert.That(f.RerunInclude, Is.EqualTo(new[] { "flaky" }));
            Assert.That(f.RerunExclude, Is.EqualTo(new[] { "slow", "manual" }));
        });
    }

    [Test]
    public void Single_values_where_lists_are_allowed_and_false_meaning_off()
    {
        var s = Config().Suites[1];
        Assert.Multiple(() =>
        {
            Assert.That(s.RobotParams.Include, Is.EqualTo(new[] { "smoke" }));
            Assert.That(s.RobotParams.Exclude, Is.EqualTo(new[] { "slow" }));
            Assert.That(s.RobotParams.ExitOnFailure, Is.False);
            Assert.That(s.RobotParams.Variable.Single(), Is.EqualTo(new KeyValuePair<string, string>("LANG", "en")));
            Assert.That(s.FailedHandling.MaxIterations, Is.EqualTo(2));
            Assert.That(s.FailedHandling.Strategy, Is.EqualTo(RerunStrategy.Complete));
            Assert.That(s.PiggybackHost, Is.Null);
            Assert.That(s.Timeout, Is.Null);
            Assert.That(s.SkippedAs, Is.EqualTo(SkippedAs.Pass), "skipped tests are sent as passed unless the suite says otherwise");
        });
    }

    [Test]
    public void Minimal_suite_keeps_defaults_next_to_full_ones()
    {
        var s = Config().Suites[2];
        Assert.That(s.PiggybackHost, Is.EqualTo("shop-staging"));
        Assert.That(s.RobotParams.Name, Is.Null);
        Assert.That(s.RobotParams.Include, Is.Empty);
        Assert.That(s.RobotParams.Variable, Is.Empty);
        Assert.That(s.FailedHandling.MaxIterations, Is.EqualTo(1));
        Assert.That(s.Env, Is.Empty);
    }

    [Test]
    public void Every_known_key_of_every_level_occurs_in_the_fixture()
    {
        // Keeps the fixture complete when a key is added to the parser. The v1 spellings of failed_handling are
        // alternatives to keys that are present, so they are covered by their own tests instead.
        var text = File.ReadAllText(FixturePath);
        var alternatives = new[] { "max_executions" };
        foreach (var (level, keys) in ConfigParser.KnownKeys)
        foreach (var key in keys.Except(alternatives))
            Assert.That(text, Does.Match($@"(?m)^\s*{key}:"), $"{level}: '{key}' is missing from the fixture");
    }

    [Test]
    public void Every_value_has_its_position()
    {
        var c = Config();
        Assert.That(c.PositionOf("global.cache_time"), Is.EqualTo(new SourcePosition(13, 15)));
        Assert.That(c.PositionOf("suites.checkout_prod.path"), Is.EqualTo(new SourcePosition(51, 11)));
        Assert.That(c.PositionOf("suites.checkout_prod"), Is.EqualTo(new SourcePosition(36, 3)));
        Assert.That(c.PositionOf("suites.nope.path"), Is.EqualTo(default(SourcePosition)));
    }
}
