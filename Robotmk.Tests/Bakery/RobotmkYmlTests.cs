using Robotmk.Bakery.Rendering;
using Robotmk.Bakery.Rules;
using Robotmk.Config;
using Robotmk.Paths;

namespace Robotmk.Tests.Bakery;

public class YamlEmitterTests
{
    [TestCase("checkout", "checkout")]
    [TestCase("Web Shop", "Web Shop")]
    [TestCase("/usr/lib/robot", "/usr/lib/robot")]
    [TestCase("C.UTF-8", "C.UTF-8")]
    [TestCase("yes", "'yes'")]
    [TestCase("NULL", "'NULL'")]
    [TestCase("~", "'~'")]
    [TestCase("1.6.0", "'1.6.0'")]
    [TestCase("-1", "'-1'")]
    [TestCase("- item", "'- item'")]
    [TestCase("a: b", "'a: b'")]
    [TestCase("a #b", "'a #b'")]
    [TestCase(@"C:\robot", @"'C:\robot'")]
    [TestCase("it's", "'it''s'")]
    [TestCase("", "\"\"")]
    [TestCase(" padded ", "\" padded \"")]
    [TestCase("two\nlines", "\"two\\nlines\"")]
    [TestCase("tab\there", "\"tab\\there\"")]
    [TestCase("y", "'y'")]
    [TestCase("Off", "'Off'")]
    public void Scalars_are_plain_only_when_unambiguous(string value, string expected)
    {
        Assert.That(YamlEmitter.Scalar(value), Is.EqualTo(expected));
    }

    [TestCase("checkout")]
    [TestCase("yes")]
    [TestCase("null")]
    [TestCase("1.6.0")]
    [TestCase("0x1F")]
    [TestCase("a: b # c")]
    [TestCase("[list]")]
    [TestCase("{map}")]
    [TestCase("*alias")]
    [TestCase("&anchor")]
    [TestCase("!tag")]
    [TestCase("%directive")]
    [TestCase("@at")]
    [TestCase("`tick`")]
    [TestCase("'single'")]
    [TestCase("\"double\"")]
    [TestCase(@"back\slash")]
    [TestCase("über ✓ 😀")]
    [TestCase("line\nbreak\r\n")]
    [TestCase("nul\0bell\a")]
    [TestCase("\u2028\u0085\uFEFF")]
    [TestCase("  ")]
    [TestCase("")]
    [TestCase("trailing ")]
    [TestCase("---")]
    [TestCase("...")]
    [TestCase("? key")]
    [TestCase("| block")]
    [TestCase("> folded")]
    public void Every_text_reads_back_as_itself(string value)
    {
        var root = YamlTreeReader.Read($"key: {YamlEmitter.Scalar(value)}\n{YamlEmitter.Scalar(value)}: v\n");
        var map = (YMapping)root!;
        var scalar = (YScalar)map.Entries[0].Value;
        Assert.That(scalar.Value, Is.EqualTo(value));
        Assert.That(scalar.IsNull, Is.False);
        Assert.That(map.Entries[1].Key.Value, Is.EqualTo(value), "as a key too");
    }

    [Test]
    public void Nested_mappings_and_lists_are_indented_by_two()
    {
        var y = new YamlEmitter();
        y.Comment("head");
        using (y.Mapping("a"))
        {
            y.Int("num", 1);
            y.TextList("l", ["x", "z"]);
            using (y.ListItem())
            {
                y.Text("p", "q");
                y.Bool("b", false);
            }
        }
        Assert.That(y.ToString(), Is.EqualTo("# head\na:\n  num: 1\n  l:\n    - x\n    - z\n  - p: q\n    b: false\n"));
    }
}

public class RobotmkYmlTests
{
    private const string FullRule = """
        execution_interval: 600
        expected_runtime: 120
        agent_output_encoding: utf_8
        transmit_html: true
        log_level: WARNING
        log_rotation: 7
        robotmk_version_compat: "1.6.0"
        linux:
          robotdir: /srv/robot
          outputdir: /srv/out
          python: /usr/bin/python3
        windows:
          robotdir: 'D:\robot'
          logdir: 'D:\log'
          robot: 'C:\tools\robot.exe'
        suites:
          - path: web/checkout
            tag: prod
            piggybackhost: shop-frontend
            timeout: 300
            cwd: web
            skipped_as: fail
            env: {LANG: C.UTF-8, "WEIRD VALUE": "a: b # 'c'", EMPTY: ""}
            robot_params:
              name: "Checkout: the happy path"
              suite: [A, B]
              test: ["T 1", "yes"]
              include: [smoke]
              exclude: [slow]
              variable: {USER: alice, URL: "https://shop.example.com/?q=1#top", MULTI: "line1\nline2"}
              variablefile: ["vars.py:prod"]
              argumentfile: [args.txt]
              exitonfailure: true
            failed_handling:
              max_iterations: 3
              strategy:
                name: incremental
                rerun_selection: {include: [flaky], exclude: [nightly]}
          - path: login.robot
          - path: Admin
            failed_handling: {max_iterations: 2, strategy: {name: complete}}
        """;

    private static ConfigResult Load(string yml, TargetOs os) =>
        ConfigParser.Parse(yml, "robotmk.yml",
            HostPaths.Resolve(new AgentEnvironment(new Dictionary<string, string>(), os == TargetOs.Linux ? HostOs.Linux : HostOs.Windows)));

    [TestCase(TargetOs.Linux)]
    [TestCase(TargetOs.Windows)]
    public void The_generated_file_loads_with_the_project_parser_without_any_problem(TargetOs os)
    {
        var rules = TestRules.Valid(FullRule);
        var result = Load(RobotmkYml.Render(rules, os, TestRules.Generator), os);

        Assert.That(result.Problems.Select(p => p.ToString()), Is.Empty);
        Assert.That(result.Config, Is.Not.Null);
    }

    [Test]
    public void Every_setting_arrives_in_the_loaded_config()
    {
        var rules = TestRules.Valid(FullRule);
        var config = Load(RobotmkYml.Render(rules, TargetOs.Linux, TestRules.Generator), TargetOs.Linux).Config!;
        var g = config.Global;

        Assert.Multiple(() =>
        {
            Assert.That(g.ExecutionMode, Is.EqualTo(ExecutionMode.AgentSerial));
            Assert.That(g.Encoding, Is.EqualTo(OutputEncoding.Utf8));
            Assert.That(g.TransmitHtml, Is.True);
            Assert.That(g.LogLevel, Is.EqualTo(RobotmkLogLevel.Warning));
            Assert.That(g.LogRotation, Is.EqualTo(7));
            Assert.That(g.RobotDir, Is.EqualTo("/srv/robot"));
            Assert.That(g.OutputDir, Is.EqualTo("/srv/out"));
            Assert.That(g.LogDir, Is.EqualTo("/srv/out"), "logdir follows outputdir, as in v1");
            Assert.That(g.ExecutionInterval, Is.EqualTo(600));
            Assert.That(g.CacheTime, Is.EqualTo(600 + 120 + 60));
            Assert.That(g.RunTimeout, Is.EqualTo(540));
            Assert.That(g.RobotmkVersionCompat, Is.EqualTo("1.6.0"));
            Assert.That(g.Python, Is.EqualTo("/usr/bin/python3"));
            Assert.That(g.Robot, Is.Null);
        });

        Assert.That(config.Suites.Select(s => s.Key), Is.EqualTo(new[] { "admin", "login.robot", "web_checkout_prod" }));
        Assert.That(config.Suites.Select(s => s.Id), Is.EqualTo(config.Suites.Select(s => s.Key)), "keys are the computed ids");

        var loaded = config.Suites.Single(s => s.Id == "web_checkout_prod");
        var rule = rules.Suites.Single(s => s.Id == "web_checkout_prod");
        Assert.Multiple(() =>
        {
            Assert.That(loaded.Path, Is.EqualTo(rule.Path));
            Assert.That(loaded.Tag, Is.EqualTo("prod"));
            Assert.That(loaded.PiggybackHost, Is.EqualTo("shop-frontend"));
            Assert.That(loaded.Timeout, Is.EqualTo(300));
            Assert.That(loaded.Cwd, Is.EqualTo("web"));
            Assert.That(loaded.SkippedAs, Is.EqualTo(SkippedAs.Fail));
            Assert.That(loaded.Env, Is.EquivalentTo(rule.Env));
            Assert.That(loaded.RobotParams.Name, Is.EqualTo("Checkout: the happy path"));
            Assert.That(loaded.RobotParams.Suite, Is.EqualTo(rule.RobotParams.Suite));
            Assert.That(loaded.RobotParams.Test, Is.EqualTo(new[] { "T 1", "yes" }));
            Assert.That(loaded.RobotParams.Include, Is.EqualTo(rule.RobotParams.Include));
            Assert.That(loaded.RobotParams.Exclude, Is.EqualTo(rule.RobotParams.Exclude));
            Assert.That(loaded.RobotParams.Variable, Is.EqualTo(rule.RobotParams.Variable));
            Assert.That(loaded.RobotParams.VariableFile, Is.EqualTo(new[] { "vars.py:prod" }));
            Assert.That(loaded.RobotParams.ArgumentFile, Is.EqualTo(rule.RobotParams.ArgumentFile));
            Assert.That(loaded.RobotParams.ExitOnFailure, Is.True);
            Assert.That(loaded.FailedHandling, Is.EqualTo(rule.FailedHandling).Using<FailedHandling>(SameFailedHandling));
        });
        var admin = config.Suites.Single(s => s.Id == "admin");
        Assert.That(admin.FailedHandling.MaxIterations, Is.EqualTo(2));
        Assert.That(admin.FailedHandling.Strategy, Is.EqualTo(RerunStrategy.Complete));
    }

    private static bool SameFailedHandling(FailedHandling a, FailedHandling b) =>
        a.MaxIterations == b.MaxIterations && a.Strategy == b.Strategy
        && a.RerunInclude.SequenceEqual(b.RerunInclude) && a.RerunExclude.SequenceEqual(b.RerunExclude);

    [Test]
    public void Each_system_gets_its_own_folders_and_launcher()
    {
        var rules = TestRules.Valid(FullRule);
        var g = Load(RobotmkYml.Render(rules, TargetOs.Windows, TestRules.Generator), TargetOs.Windows).Config!.Global;
        Assert.That(g.RobotDir, Is.EqualTo(@"D:\robot"));
        Assert.That(g.OutputDir, Is.EqualTo(@"C:\ProgramData\checkmk\agent\log\robotmk"), "unset folders keep the runner's default");
        Assert.That(g.LogDir, Is.EqualTo(@"D:\log"));
        Assert.That(g.Robot, Is.EqualTo(@"C:\tools\robot.exe"));
        Assert.That(g.Python, Is.Null);
    }

    [Test]
    public void The_output_is_byte_stable_and_independent_of_the_suite_order_in_the_rule()
    {
        var rules = TestRules.Valid(FullRule);
        var reversed = rules with { Suites = [.. rules.Suites.Reverse()] };
        var first = RobotmkYml.Render(rules, TargetOs.Linux, TestRules.Generator);

        Assert.That(RobotmkYml.Render(rules, TargetOs.Linux, TestRules.Generator), Is.EqualTo(first));
        Assert.That(RobotmkYml.Render(reversed, TargetOs.Linux, TestRules.Generator), Is.EqualTo(first));
    }

    [Test]
    public void The_header_names_generator_version_and_rule_file()
    {
        var rules = TestRules.Valid("suites:\n  - path: a\n");
        var text = RobotmkYml.Render(rules, TargetOs.Linux, new GeneratorInfo("9.8.7"));
        Assert.That(text, Does.StartWith("# robotmk.yml for Linux, generated by robotmk-bakery 9.8.7 from rules.yml.\n"));
    }

    [Test]
    public void Unset_options_are_left_out_rather_than_written_empty()
    {
        var text = RobotmkYml.Render(TestRules.Valid("suites:\n  - path: a\n"), TargetOs.Linux, TestRules.Generator);
        Assert.That(text, Does.Not.Contain("robot_params").And.Not.Contain("failed_handling").And.Not.Contain("robotdir")
            .And.Not.Contain("tag").And.Not.Contain("env").And.Not.Contain("skipped_as"));
        Assert.That(text, Does.EndWith("suites:\n  a:\n    path: a\n"));
    }
}
