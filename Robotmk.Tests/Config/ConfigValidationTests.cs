using Robotmk.Config;
using static Robotmk.Tests.Config.ConfigTestSupport;

namespace Robotmk.Tests.Config;

/// <summary>Each rule of SPEC §3 broken once: the error names the exact line, column and key path.</summary>
public class ConfigValidationTests
{
    private const string SuiteA = "suites:\n  a:\n    path: a\n";

    private static void AssertError(ConfigProblem p, int line, int column, string keyPath, string messagePart)
    {
        Assert.Multiple(() =>
        {
            Assert.That(p.Severity, Is.EqualTo(ProblemSeverity.Error));
            Assert.That(p.File, Is.EqualTo(ConfigFile));
            Assert.That(p.Position, Is.EqualTo(new SourcePosition(line, column)), p.ToString());
            Assert.That(p.KeyPath, Is.EqualTo(keyPath), p.ToString());
            Assert.That(p.Message, Does.Contain(messagePart), p.ToString());
        });
    }

    // ---- unknown keys, at every level, with a suggestion ----

    public static IEnumerable<TestCaseData> UnknownKeys()
    {
        yield return new TestCaseData("suite:\n  a: {path: a}\n", 1, 1, "suite", "suites", true).SetName("Unknown key at the top level");
        yield return new TestCaseData("global:\n  execution_intervall: 900\n" + SuiteA, 2, 3, "global.execution_intervall", "execution_interval", true)
            .SetName("Unknown key in global");
        yield return new TestCaseData("suites:\n  a:\n    path: a\n    tga: prod\n", 4, 5, "suites.a.tga", "tag", false)
            .SetName("Unknown key in a suite");
        yield return new TestCaseData("suites:\n  a:\n    path: a\n    robot_params:\n      includ: [smoke]\n", 5, 7, "suites.a.robot_params.includ", "include", false)
            .SetName("Unknown key in robot_params");
        yield return new TestCaseData("suites:\n  a:\n    path: a\n    failed_handling:\n      max_iteration: 2\n", 5, 7,
            "suites.a.failed_handling.max_iteration", "max_iterations", false).SetName("Unknown key in failed_handling");
        yield return new TestCaseData("suites:\n  a:\n    path: a\n    failed_handling:\n      strategy:\n        nme: complete\n", 6, 9,
            "suites.a.failed_handling.strategy.nme", "name", false).SetName("Unknown key in strategy");
        yield return new TestCaseData(
            "suites:\n  a:\n    path: a\n    failed_handling:\n      strategy:\n        rerun_selection:\n          exclud: [slow]\n", 7, 11,
            "suites.a.failed_handling.strategy.rerun_selection.exclud", "exclude", false).SetName("Unknown key in rerun_selection");
    }

    [TestCaseSource(nameof(UnknownKeys))]
    public void Unknown_key_is_reported_with_a_suggestion(string yaml, int line, int column, string keyPath, string suggestion, bool global)
    {
        var r = Parse(yaml);
        var e = r.SingleError();
        AssertError(e, line, column, keyPath, $"did you mean '{suggestion}'?");
        Assert.That(e.Message, Does.Contain("expected one of:"));
        if (global)
            Assert.That(r.Config, Is.Null, "an unknown global key makes the config unusable");
        else
            Assert.That(r.Suite("a").IsRunnable, Is.False, "an unknown suite key makes only that suite unusable");
    }

    [Test]
    public void Unknown_key_without_a_close_match_lists_the_known_keys_only()
    {
        var e = Parse("global:\n  frobnicate: 1\n" + SuiteA).SingleError();
        Assert.That(e.Message, Does.Not.Contain("did you mean"));
        Assert.That(e.Message, Does.Contain("expected one of: execution_mode, agent_output_encoding"));
    }

    // ---- wrong types ----

    public static IEnumerable<TestCaseData> WrongTypes()
    {
        yield return new TestCaseData("global:\n  execution_interval: [1, 2]\n" + SuiteA, 2, 23, "global.execution_interval", "expected a whole number between 1 and 604800, found a list")
            .SetName("List where a number is expected");
        yield return new TestCaseData("global:\n  robotdir: {a: b}\n" + SuiteA, 2, 13, "global.robotdir", "expected a text value, found a mapping")
            .SetName("Mapping where a text is expected");
        yield return new TestCaseData("global:\n  robotdir:\n" + SuiteA, 2, 12, "global.robotdir", "expected a text value, found nothing (null)")
            .SetName("Nothing where a folder is expected");
        yield return new TestCaseData("global:\n  outputdir: ''\n" + SuiteA, 2, 14, "global.outputdir", "expected a text value, found an empty text")
            .SetName("Empty text where a folder is expected");
        yield return new TestCaseData("global:\n  transmit_html: maybe\n" + SuiteA, 2, 18, "global.transmit_html", "expected true or false, found 'maybe'")
            .SetName("Text where a boolean is expected");
        yield return new TestCaseData("global:\n  cache_time: 960.5\n" + SuiteA, 2, 15, "global.cache_time", "found '960.5'")
            .SetName("Fraction where a whole number is expected");
        yield return new TestCaseData("global:\n  log_rotation: '14 days'\n" + SuiteA, 2, 17, "global.log_rotation", "found '14 days'")
            .SetName("Words where a number is expected");
        yield return new TestCaseData("global: [agent_serial]\n" + SuiteA, 1, 9, "global", "expected a mapping, found a list")
            .SetName("List where the global mapping is expected");
        yield return new TestCaseData("suites:\n  - a\n", 2, 3, "suites", "expected a mapping of suite id to suite settings, found a list")
            .SetName("List where the suites mapping is expected");
        yield return new TestCaseData("- global\n", 1, 1, "", "expected a mapping with 'global' and 'suites', found a list")
            .SetName("List as the whole document");
        yield return new TestCaseData("just some text\n", 1, 1, "", "found 'just some text'")
            .SetName("Text as the whole document");
    }

    [TestCaseSource(nameof(WrongTypes))]
    public void Wrong_type_in_global_or_structure_makes_the_config_unusable(string yaml, int line, int column, string keyPath, string message)
    {
        var r = Parse(yaml);
        AssertError(r.SingleError(), line, column, keyPath, message);
        Assert.That(r.Config, Is.Null);
    }

    public static IEnumerable<TestCaseData> WrongSuiteTypes()
    {
        const string head = "suites:\n  a:\n    path: a\n";
        yield return new TestCaseData(head + "    tag: [x]\n", 4, 10, "suites.a.tag", "expected a text value, found a list").SetName("List as tag");
        yield return new TestCaseData(head + "    piggybackhost: {h: 1}\n", 4, 20, "suites.a.piggybackhost", "found a mapping").SetName("Mapping as piggyback host");
        yield return new TestCaseData(head + "    timeout: ten\n", 4, 14, "suites.a.timeout", "found 'ten'").SetName("Text as timeout");
        yield return new TestCaseData(head + "    env: [A=1]\n", 4, 10, "suites.a.env", "expected a mapping of names to values, found a list").SetName("List as env");
        yield return new TestCaseData(head + "    env: {A: [1]}\n", 4, 14, "suites.a.env.A", "expected a text value, found a list").SetName("List as env value");
        yield return new TestCaseData(head + "    cwd: {x: y}\n", 4, 10, "suites.a.cwd", "found a mapping").SetName("Mapping as cwd");
        yield return new TestCaseData(head + "    robot_params: [name]\n", 4, 19, "suites.a.robot_params", "expected a mapping of robot options, found a list")
            .SetName("List as robot_params");
        yield return new TestCaseData(head + "    robot_params:\n      include: {smoke: 1}\n", 5, 16, "suites.a.robot_params.include",
            "expected a list of texts or a single text, found a mapping").SetName("Mapping as include list");
        yield return new TestCaseData(head + "    robot_params:\n      test: [ok, [nested]]\n", 5, 18, "suites.a.robot_params.test[1]",
            "expected a text value, found a list").SetName("List inside a text list");
        yield return new TestCaseData(head + "    robot_params:\n      exitonfailure: sometimes\n", 5, 22, "suites.a.robot_params.exitonfailure",
            "expected true or false").SetName("Text as exitonfailure");
        yield return new TestCaseData(head + "    robot_params:\n      variable: [USER=alice]\n", 5, 18, "suites.a.robot_params.variable[0]",
            "expected NAME:VALUE, found 'USER=alice'").SetName("Variable without colon");
        yield return new TestCaseData(head + "    robot_params:\n      variable: {'A:B': x}\n", 5, 18, "suites.a.robot_params.variable.A:B",
            "not a valid variable name").SetName("Variable name with colon");
        yield return new TestCaseData(head + "    failed_handling: 3\n", 4, 22, "suites.a.failed_handling", "expected a mapping with 'max_iterations' and 'strategy'")
            .SetName("Number as failed_handling");
        yield return new TestCaseData(head + "    failed_handling:\n      strategy: incremental\n", 5, 17, "suites.a.failed_handling.strategy",
            "expected a mapping with 'name' and 'rerun_selection'").SetName("Text as strategy");
        yield return new TestCaseData(head + "    failed_handling:\n      strategy:\n        rerun_selection: [smoke]\n", 6, 26,
            "suites.a.failed_handling.strategy.rerun_selection", "expected a mapping with 'include' and 'exclude'").SetName("List as rerun_selection");
        yield return new TestCaseData("suites:\n  a: checkout\n", 2, 6, "suites.a", "expected a mapping with at least 'path', found 'checkout'")
            .SetName("Text as a suite");
        yield return new TestCaseData("suites:\n  a:\n    tag: x\n", 3, 5, "suites.a", "missing required key 'path'").SetName("Suite without path");
        yield return new TestCaseData("suites:\n  a:\n    path: ''\n", 3, 11, "suites.a.path", "found an empty text").SetName("Empty path");
        yield return new TestCaseData(head + "    env: {'A=B': x}\n", 4, 11, "suites.a.env.A=B", "not a valid environment variable name")
            .SetName("Env name with equals sign");
        yield return new TestCaseData(head + "    piggybackhost: shop frontend\n", 4, 20, "suites.a.piggybackhost", "not a valid host name")
            .SetName("Piggyback host with a space");
    }

    [TestCaseSource(nameof(WrongSuiteTypes))]
    public void Wrong_type_in_a_suite_makes_only_that_suite_unusable(string yaml, int line, int column, string keyPath, string message)
    {
        var r = Parse(yaml);
        AssertError(r.SingleError(), line, column, keyPath, message);
        Assert.That(r.Config, Is.Not.Null);
        Assert.That(r.Suite("a").IsRunnable, Is.False);
        Assert.That(r.Suite("a").Errors.Single(), Is.EqualTo(r.SingleError().ToString()));
    }

    // ---- numbers out of range ----

    public static IEnumerable<TestCaseData> OutOfRange()
    {
        yield return new TestCaseData("global:\n  execution_interval: 0\n" + SuiteA, 2, 23, "global.execution_interval").SetName("Zero interval");
        yield return new TestCaseData("global:\n  execution_interval: -60\n" + SuiteA, 2, 23, "global.execution_interval").SetName("Negative interval");
        yield return new TestCaseData("global:\n  cache_time: 0\n" + SuiteA, 2, 15, "global.cache_time").SetName("Zero cache_time");
        yield return new TestCaseData("global:\n  run_timeout: -1\n" + SuiteA, 2, 16, "global.run_timeout").SetName("Negative run_timeout");
        yield return new TestCaseData("global:\n  log_rotation: -1\n" + SuiteA, 2, 17, "global.log_rotation").SetName("Negative log_rotation");
        yield return new TestCaseData("global:\n  execution_interval: 99999999999\n" + SuiteA, 2, 23, "global.execution_interval").SetName("Huge interval");
    }

    [TestCaseSource(nameof(OutOfRange))]
    public void Global_number_out_of_range_is_an_error(string yaml, int line, int column, string keyPath)
    {
        var r = Parse(yaml);
        AssertError(r.SingleError(), line, column, keyPath, "is out of range; expected a whole number between");
        Assert.That(r.Config, Is.Null);
    }

    [TestCase("timeout: 0", "suites.a.timeout", 14)]
    [TestCase("timeout: -30", "suites.a.timeout", 14)]
    [TestCase("failed_handling: {max_iterations: 0}", "suites.a.failed_handling.max_iterations", 39)]
    [TestCase("failed_handling: {max_iterations: 21}", "suites.a.failed_handling.max_iterations", 39)]
    public void Suite_number_out_of_range_is_a_suite_error(string line, string keyPath, int column)
    {
        var r = Parse("suites:\n  a:\n    path: a\n    " + line + "\n");
        AssertError(r.SingleError(), 4, column, keyPath, "is out of range");
        Assert.That(r.Suite("a").IsRunnable, Is.False);
    }

    // ---- rules between values ----

    [Test]
    public void Cache_time_below_execution_interval_is_an_error_at_cache_time()
    {
        var r = Parse("global:\n  execution_interval: 900\n  cache_time: 600\n" + SuiteA);
        AssertError(r.SingleError(), 3, 15, "global.cache_time", "cache_time (600 s) must be at least execution_interval (900 s)");
        Assert.That(r.Config, Is.Null);
    }

    [Test]
    public void Cache_time_below_the_default_interval_says_that_the_interval_is_the_default()
    {
        var r = Parse("global:\n  cache_time: 300\n" + SuiteA);
        AssertError(r.SingleError(), 2, 15, "global.cache_time", "execution_interval (900 s, the default)");
    }

    [Test]
    public void An_invalid_interval_does_not_cause_a_second_error_about_cache_time()
    {
        var r = Parse("global:\n  execution_interval: soon\n  cache_time: 600\n" + SuiteA);
        Assert.That(r.SingleError().KeyPath, Is.EqualTo("global.execution_interval"));
    }

    [Test]
    public void Cache_time_with_less_than_a_minute_to_spare_is_a_warning_in_agent_serial_mode()
    {
        var r = Parse("global:\n  execution_interval: 900\n  cache_time: 900\n" + SuiteA);
        Assert.That(r.HasErrors, Is.False, r.Describe());
        var w = r.Problems.Single();
        Assert.That(w.Severity, Is.EqualTo(ProblemSeverity.Warning));
        Assert.That(w.Position, Is.EqualTo(new SourcePosition(3, 15)));
        Assert.That(w.Message, Does.Contain("960 s"));
    }

    [Test]
    public void Cache_time_equal_to_the_interval_is_fine_in_external_mode()
    {
        var r = Parse("global:\n  execution_mode: external\n  execution_interval: 300\n  cache_time: 300\n" + SuiteA);
        Assert.That(r.Problems, Is.Empty, r.Describe());
    }

    [Test]
    public void Run_timeout_at_twice_the_interval_is_an_error_in_agent_serial_mode()
    {
        var r = Parse("global:\n  execution_interval: 300\n  run_timeout: 600\n" + SuiteA);
        AssertError(r.SingleError(), 3, 16, "global.run_timeout", "must be below twice the execution_interval (600 s)");
    }

    [Test]
    public void Suite_timeout_beyond_the_run_budget_is_a_warning()
    {
        var r = Parse("global: {execution_interval: 300}\nsuites:\n  a:\n    path: a\n    timeout: 600\n");
        Assert.That(r.HasErrors, Is.False);
        var w = r.Problems.Single();
        Assert.That(w.Severity, Is.EqualTo(ProblemSeverity.Warning));
        Assert.That(w.KeyPath, Is.EqualTo("suites.a.timeout"));
        Assert.That(w.Message, Does.Contain("run budget (240 s)"));
        Assert.That(r.Suite("a").IsRunnable, Is.True);
    }

    // ---- unknown names of things ----

    public static IEnumerable<TestCaseData> UnknownNames()
    {
        yield return new TestCaseData("global:\n  execution_mode: agent_seriall\n" + SuiteA, 2, 19, "global.execution_mode",
            "did you mean 'agent_serial'? expected one of agent_serial, external, found 'agent_seriall'").SetName("Unknown execution_mode");
        yield return new TestCaseData("global:\n  execution_mode: agent_parallel\n" + SuiteA, 2, 19, "global.execution_mode",
            "expected one of agent_serial, external, found 'agent_parallel'").SetName("v1 agent_parallel is not supported");
        yield return new TestCaseData("global:\n  agent_output_encoding: gzip\n" + SuiteA, 2, 26, "global.agent_output_encoding",
            "expected one of zlib_codec, base64_codec, utf_8, found 'gzip'").SetName("Unknown encoding");
        yield return new TestCaseData("global:\n  agent_output_encoding: utf8\n" + SuiteA, 2, 26, "global.agent_output_encoding",
            "did you mean 'utf_8'?").SetName("Encoding near miss");
        yield return new TestCaseData("global:\n  log_level: info\n" + SuiteA, 2, 14, "global.log_level",
            "did you mean 'INFO'? expected one of OFF, CRITICAL, ERROR, WARNING, INFO, DEBUG").SetName("Log level in lower case");
        yield return new TestCaseData("global:\n  log_level: [INFO]\n" + SuiteA, 2, 14, "global.log_level", "found a list").SetName("Log level as a list");
    }

    [TestCaseSource(nameof(UnknownNames))]
    public void Unknown_global_name_is_an_error(string yaml, int line, int column, string keyPath, string message)
    {
        var r = Parse(yaml);
        AssertError(r.SingleError(), line, column, keyPath, message);
        Assert.That(r.Config, Is.Null);
    }

    [Test]
    public void Unknown_strategy_name_is_a_suite_error()
    {
        var r = Parse("suites:\n  a:\n    path: a\n    failed_handling:\n      strategy:\n        name: incremetal\n");
        AssertError(r.SingleError(), 6, 15, "suites.a.failed_handling.strategy.name", "did you mean 'incremental'? expected one of incremental, complete");
        Assert.That(r.Suite("a").IsRunnable, Is.False);
    }

    [Test]
    public void Unknown_skipped_as_value_is_a_suite_error()
    {
        var r = Parse("suites:\n  a:\n    path: a\n    skipped_as: failed\n  b:\n    path: b\n");
        AssertError(r.SingleError(), 4, 17, "suites.a.skipped_as", "did you mean 'fail'? expected one of pass, fail, found 'failed'");
        Assert.That(r.Suite("a").IsRunnable, Is.False);
        Assert.That(r.Suite("b").IsRunnable, Is.True);
    }

    // ---- suite ids and paths ----

    [Test]
    public void Suites_whose_paths_compute_the_same_id_keep_their_own_keys_as_ids()
    {
        // As in Robotmk 1.6.0: the keys are the ids, so paths that the bakery's rule would map to one id do not clash.
        var r = Parse("suites:\n  web_shop:\n    path: web shop\n  web_shop.x:\n    path: web_shop.x\n  web_shop2:\n    path: web-shop\n");
        Assert.That(r.Errors, Is.Empty, r.Describe());
        Assert.That(r.Config!.Suites.Select(s => s.Id), Is.EqualTo(new[] { "web_shop", "web_shop.x", "web_shop2" }));
        Assert.That(r.Config.Suites.All(s => s.IsRunnable));
    }

    [Test]
    public void A_tag_resolves_an_id_clash()
    {
        var r = Parse("suites:\n  shop_prod:\n    path: shop\n    tag: prod\n  shop_test:\n    path: shop\n    tag: test\n");
        Assert.That(r.Problems, Is.Empty, r.Describe());
        Assert.That(r.Config!.Suites.Select(s => s.Id), Is.EqualTo(new[] { "shop_prod", "shop_test" }));
    }

    [TestCase("../other")]
    [TestCase("a/../../other")]
    [TestCase("..\\other")]
    [TestCase("..")]
    public void A_path_leaving_robotdir_through_dot_dot_is_a_suite_error(string path)
    {
        var r = Parse($"suites:\n  a:\n    path: '{path}'\n");
        AssertError(r.SingleError(), 3, 11, "suites.a.path", "leaves robotdir through '..'");
        Assert.That(r.Config!.Suites.Single().IsRunnable, Is.False);
    }

    [TestCase("a/../b")]
    [TestCase("./checkout")]
    [TestCase("/opt/suites/checkout")]
    public void Paths_that_stay_inside_robotdir_or_are_absolute_are_accepted(string path)
    {
        var r = Parse($"suites:\n  x:\n    path: '{path}'\n");
        Assert.That(r.HasErrors, Is.False, r.Describe());
    }

    [Test]
    public void A_path_from_which_no_id_could_be_computed_is_fine_under_a_usable_key()
    {
        var r = Parse("suites:\n  x:\n    path: '.'\n");
        Assert.That(r.Errors, Is.Empty, r.Describe());
        Assert.That(r.Config!.Suites.Single().Id, Is.EqualTo("x"));
    }

    // ---- v1 spellings of failed_handling ----

    [Test]
    public void V1_max_executions_and_flat_rerun_selection_are_accepted()
    {
        var r = Parse("suites:\n  a:\n    path: a\n    failed_handling:\n      max_executions: 3\n      rerun_selection:\n        include: [flaky]\n");
        Assert.That(r.Problems, Is.Empty, r.Describe());
        var f = r.Suite("a").FailedHandling;
        Assert.That(f.MaxIterations, Is.EqualTo(3));
        Assert.That(f.RerunInclude, Is.EqualTo(new[] { "flaky" }));
    }

    [Test]
    public void V1_and_current_spelling_together_are_an_error()
    {
        var r = Parse("suites:\n  a:\n    path: a\n    failed_handling:\n      max_iterations: 2\n      max_executions: 3\n");
        AssertError(r.SingleError(), 6, 23, "suites.a.failed_handling.max_executions", "keep only 'max_iterations'");
    }

    [Test]
    public void V1_flat_rerun_selection_next_to_strategy_rerun_selection_is_an_error()
    {
        var r = Parse("suites:\n  a:\n    path: a\n    failed_handling:\n      strategy: {rerun_selection: {include: [x]}}\n      rerun_selection: {include: [y]}\n");
        AssertError(r.SingleError(), 6, 24, "suites.a.failed_handling.rerun_selection", "keep only 'strategy.rerun_selection'");
    }
}
