using System.Text;
using Robotmk.Config;
using static Robotmk.Tests.Config.ConfigTestSupport;

namespace Robotmk.Tests.Config;

/// <summary>What the YAML layer does with broken, hostile or unusual text: a positioned error, never an exception.</summary>
public class YamlInputTests
{
    private static void AssertGlobalError(ConfigResult r, int line, int column, string messagePart)
    {
        var e = r.SingleError();
        Assert.Multiple(() =>
        {
            Assert.That(r.Config, Is.Null);
            Assert.That(e.Position, Is.EqualTo(new SourcePosition(line, column)), e.ToString());
            Assert.That(e.Message, Does.Contain(messagePart), e.ToString());
        });
    }

    [Test]
    public void Syntax_error_points_at_the_fault()
    {
        var r = Parse("global:\n  execution_mode: agent_serial: x\n");
        AssertGlobalError(r, 2, 31, "YAML syntax error:");
    }

    [Test]
    public void Bad_indentation_points_at_the_line_that_breaks_it()
    {
        var r = Parse("global:\n  log_level: INFO\n log_rotation: 3\n");
        AssertGlobalError(r, 3, 2, "YAML syntax error:");
    }

    [Test]
    public void Unclosed_flow_list_is_a_syntax_error()
    {
        var r = Parse("suites:\n  a:\n    path: a\n    robot_params: {include: [smoke}\n");
        var e = r.SingleError();
        Assert.That(r.Config, Is.Null);
        Assert.That(e.Message, Does.StartWith("YAML syntax error:"));
        Assert.That(e.Position.Line, Is.EqualTo(4));
    }

    [Test]
    public void Unclosed_quote_is_a_syntax_error_at_the_quote()
    {
        var r = Parse("global:\n  robotdir: 'abc\n");
        AssertGlobalError(r, 2, 13, "YAML syntax error:");
    }

    [Test]
    public void Tab_in_indentation_is_reported_at_the_tab()
    {
        var r = Parse("global:\n  log_level: INFO\n\tlog_rotation: 3\n");
        AssertGlobalError(r, 3, 1, "a tab is used for indentation");
    }

    [Test]
    public void Tab_after_spaces_in_indentation_is_reported_at_the_tab()
    {
        var r = Parse("suites:\n  a:\n  \tpath: a\n");
        AssertGlobalError(r, 3, 3, "a tab is used for indentation");
    }

    [Test]
    public void Tab_inside_a_quoted_value_is_just_text()
    {
        var r = Parse("global:\n  robotmk_version_compat: \"1.6.0\tx\"\n");
        Assert.That(r.HasErrors, Is.False, r.Describe());
        Assert.That(r.Config!.Global.RobotmkVersionCompat, Is.EqualTo("1.6.0\tx"));
    }

    [Test]
    public void Duplicate_key_in_global_is_a_global_error_at_the_second_occurrence()
    {
        var r = Parse("global:\n  cache_time: 960\n  log_level: INFO\n  cache_time: 1200\n");
        var e = r.SingleError();
        Assert.That(r.Config, Is.Null);
        Assert.That(e.Position, Is.EqualTo(new SourcePosition(4, 3)));
        Assert.That(e.KeyPath, Is.EqualTo("global.cache_time"));
        Assert.That(e.Message, Does.Contain("duplicate key 'cache_time'; it is already set at line 2"));
    }

    [Test]
    public void Duplicate_top_level_key_is_a_global_error()
    {
        var r = Parse("global: {}\nsuites: {a: {path: a}}\nglobal: {}\n");
        AssertGlobalError(r, 3, 1, "duplicate key 'global'");
    }

    [Test]
    public void Duplicate_key_inside_a_suite_affects_only_that_suite()
    {
        var r = Parse("suites:\n  a:\n    path: a\n    path: b\n  c:\n    path: c\n");
        var e = r.SingleError();
        Assert.That(e.Position, Is.EqualTo(new SourcePosition(4, 5)));
        Assert.That(e.KeyPath, Is.EqualTo("suites.a.path"));
        Assert.That(r.Suite("a").IsRunnable, Is.False);
        Assert.That(r.Suite("c").IsRunnable, Is.True);
    }

    [Test]
    public void Duplicate_suite_key_makes_that_suite_unusable_and_keeps_the_others()
    {
        var r = Parse("suites:\n  a:\n    path: a\n  b:\n    path: b\n  a:\n    path: a\n    tag: x\n");
        var e = r.SingleError();
        Assert.That(e.Position, Is.EqualTo(new SourcePosition(6, 3)));
        Assert.That(e.KeyPath, Is.EqualTo("suites.a"));
        Assert.That(e.Message, Does.Contain("already defined at line 2"));
        Assert.That(r.Config!.Suites.Select(s => s.Key), Is.EqualTo(new[] { "a", "b" }));
        Assert.That(r.Suite("a").IsRunnable, Is.False);
        Assert.That(r.Suite("b").IsRunnable, Is.True);
    }

    [Test]
    public void Duplicate_variable_name_is_a_suite_error()
    {
        var r = Parse("suites:\n  a:\n    path: a\n    robot_params:\n      variable:\n        USER: a\n        USER: b\n");
        var e = r.SingleError();
        Assert.That(e.Position, Is.EqualTo(new SourcePosition(7, 9)));
        Assert.That(e.KeyPath, Is.EqualTo("suites.a.robot_params.variable.USER"));
    }

    [TestCase("")]
    [TestCase("\n\n")]
    [TestCase("# only a comment\n")]
    [TestCase("---\n")]
    [TestCase("~\n")]
    public void Empty_document_is_an_error(string text)
    {
        AssertGlobalError(Parse(text), 1, 1, "the file is empty");
    }

    [Test]
    public void Second_document_is_an_error_at_its_marker()
    {
        AssertGlobalError(Parse("suites: {a: {path: a}}\n---\nsuites: {b: {path: b}}\n"), 2, 1, "only one YAML document is allowed");
    }

    [Test]
    public void A_single_document_with_start_and_end_markers_is_fine()
    {
        var r = Parse("---\nsuites: {a: {path: a}}\n...\n");
        Assert.That(r.Problems, Is.Empty, r.Describe());
    }

    [Test]
    public void Byte_order_mark_at_the_start_of_the_text_is_ignored()
    {
        var r = Parse("\uFEFFglobal:\n  log_rotation: 3\nsuites: {a: {path: a}}\n");
        Assert.That(r.Problems, Is.Empty, r.Describe());
        Assert.That(r.Config!.Global.LogRotation, Is.EqualTo(3));
    }

    [Test]
    public void Control_character_is_an_error_at_its_position()
    {
        AssertGlobalError(Parse("global:\n  robotdir: /opt/ro\0bot\n"), 2, 20, "control character U+0000");
    }

    [Test]
    public void Nesting_deeper_than_the_limit_is_an_error_not_a_stack_overflow()
    {
        var text = "suites: " + new string('[', 10_000) + new string(']', 10_000) + "\n";
        var r = Parse(text);
        var e = r.SingleError();
        Assert.That(r.Config, Is.Null);
        Assert.That(e.Message, Does.Contain($"nesting deeper than {YamlTreeReader.MaxDepth} levels"));
        Assert.That(e.Position, Is.EqualTo(new SourcePosition(1, 9 + YamlTreeReader.MaxDepth - 1)));
    }

    [Test]
    public void Nesting_in_block_style_is_limited_too()
    {
        var sb = new StringBuilder();
        for (var i = 0; i < 70; i++)
            sb.Append(new string(' ', i * 2)).Append("k:\n");
        var r = Parse(sb.ToString());
        Assert.That(r.SingleError().Message, Does.Contain("nesting deeper than"));
        Assert.That(r.SingleError().Position.Line, Is.EqualTo(YamlTreeReader.MaxDepth + 1));
    }

    [Test]
    public void Nesting_up_to_the_limit_is_read()
    {
        var ok = new string('[', YamlTreeReader.MaxDepth) + new string(']', YamlTreeReader.MaxDepth);
        Assert.That(YamlTreeReader.Read(ok), Is.InstanceOf<YSequence>());
        var tooDeep = "[" + ok + "]";
        Assert.That(() => YamlTreeReader.Read(tooDeep), Throws.TypeOf<YamlTreeException>());
    }

    /// <summary>Nine levels of nine aliases: 9^9 (387 million) leaves if expanded by copying.</summary>
    private static string BillionLaughs(string useAt)
    {
        var sb = new StringBuilder("x-lol0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (var i = 1; i <= 8; i++)
            sb.Append($"x-lol{i}: &l{i} [{string.Join(", ", Enumerable.Repeat($"*l{i - 1}", 9))}]\n");
        return sb.Append(useAt).ToString();
    }

    [Test]
    public void Alias_bomb_is_read_by_reference_and_costs_almost_no_memory()
    {
        var text = "lols: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" +
                   string.Concat(Enumerable.Range(1, 8).Select(i => $"l{i}: &l{i} [{string.Join(", ", Enumerable.Repeat($"*l{i - 1}", 9))}]\n"));
        var before = GC.GetAllocatedBytesForCurrentThread();
        var root = (YMapping)YamlTreeReader.Read(text)!;
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.That(root.Entries, Has.Count.EqualTo(9));
        // Walking one path down shows the full depth is there, shared rather than copied.
        var top = (YSequence)root.Entries[8].Value;
        Assert.That(((YSequence)top.Items[0]).Items, Has.Count.EqualTo(9));
        Assert.That(allocated, Is.LessThan(5_000_000), "the aliases must not be expanded");
    }

    [Test]
    public void Alias_bomb_under_a_suite_value_gives_a_bounded_number_of_errors()
    {
        var text = BillionLaughs("suites:\n  a:\n    path: a\n    robot_params:\n      test: *l8\n");
        var before = GC.GetAllocatedBytesForCurrentThread();
        var r = Parse(text);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.That(r.Config, Is.Null, "the x-lol keys are unknown top-level keys");
        Assert.That(r.Errors.Count(e => e.KeyPath.StartsWith("suites.a.robot_params.test[", StringComparison.Ordinal)), Is.EqualTo(9));
        Assert.That(r.Errors.Count(e => e.KeyPath.StartsWith("x-lol", StringComparison.Ordinal)), Is.EqualTo(9));
        Assert.That(allocated, Is.LessThan(20_000_000));
    }

    [Test]
    public void Merge_keys_cannot_multiply_the_document_beyond_the_node_limit()
    {
        var sb = new StringBuilder("base: &b {");
        sb.AppendJoin(", ", Enumerable.Range(0, 1000).Select(i => $"k{i}: {i}"));
        sb.Append("}\n");
        for (var i = 0; i < 300; i++)
            sb.Append($"m{i}: {{<<: *b}}\n");
        var r = Parse(sb.ToString());
        Assert.That(r.Config, Is.Null);
        Assert.That(r.SingleError().Message, Does.Contain($"more than {YamlTreeReader.MaxNodes} nodes"));
        Assert.That(r.SingleError().Position.Line, Is.GreaterThan(1));
    }

    [Test]
    public void Anchors_and_merge_keys_share_settings_between_suites()
    {
        var r = Parse("""
            suites:
              shop_prod:
                path: shop
                tag: prod
                robot_params: &common
                  include: [smoke]
                  variable: {URL: "https://shop"}
              shop_test:
                path: shop
                tag: test
                robot_params:
                  <<: *common
                  variable: {URL: "https://test.shop"}
            """);
        Assert.That(r.Problems, Is.Empty, r.Describe());
        var test = r.Suite("shop_test").RobotParams;
        Assert.That(test.Include, Is.EqualTo(new[] { "smoke" }));
        Assert.That(test.Variable.Single().Value, Is.EqualTo("https://test.shop"));
        Assert.That(r.Suite("shop_prod").RobotParams.Variable.Single().Value, Is.EqualTo("https://shop"));
    }

    [Test]
    public void Merge_key_with_a_text_value_is_an_error()
    {
        var r = Parse("suites:\n  a:\n    <<: nothing\n    path: a\n");
        Assert.That(r.Config, Is.Null);
        Assert.That(r.SingleError().Message, Does.Contain("merge key '<<'"));
        Assert.That(r.SingleError().Position, Is.EqualTo(new SourcePosition(3, 9)));
    }

    [Test]
    public void Alias_to_an_unknown_anchor_is_an_error_at_the_alias()
    {
        AssertGlobalError(Parse("suites:\n  a:\n    path: *nowhere\n"), 3, 11, "alias '*nowhere' refers to an unknown anchor");
    }

    [Test]
    public void Problems_inside_an_aliased_value_point_at_the_alias()
    {
        var r = Parse("global:\n  robotdir: &d [x]\n  outputdir: *d\n");
        Assert.That(r.Errors.Select(e => e.Position), Is.EquivalentTo(new[] { new SourcePosition(2, 13), new SourcePosition(3, 14) }));
    }

    [Test]
    public void Mapping_as_a_key_is_an_error()
    {
        var r = Parse("suites:\n  ? {a: 1}\n  : {path: a}\n");
        Assert.That(r.Config, Is.Null);
        Assert.That(r.SingleError().Message, Does.Contain("mapping keys must be plain text, found a mapping"));
        Assert.That(r.SingleError().Position.Line, Is.EqualTo(2));
    }
}
