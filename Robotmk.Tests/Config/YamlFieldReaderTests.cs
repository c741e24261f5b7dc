using Robotmk.Config;

namespace Robotmk.Tests.Config;

/// <summary>
/// The typed field reader shared by robotmk.yml and the bakery's rule file: what each reading refuses, how it says so,
/// and what each option changes.
/// </summary>
public class YamlFieldReaderTests
{
    private static (YamlFieldReader Fields, YMapping Root) Read(string yaml, YamlFieldOptions? options = null)
    {
        var fields = new YamlFieldReader("f.yml", options);
        var root = fields.RootMapping(yaml, "a mapping");
        Assert.That(root, Is.Not.Null, string.Join("\n", fields.Problems));
        return (fields, root!);
    }

    private static YNode Value(YMapping map, string key) => map.Entries.First(e => e.Key.Value == key).Value;

    private static string Messages(YamlFieldReader fields) => string.Join("\n", fields.Problems.Select(p => p.Message));

    [Test]
    public void A_problem_names_file_position_key_path_and_what_was_expected()
    {
        var (fields, root) = Read("a: 1\nn: [x]\n");

        Assert.That(fields.Int(Value(root, "n"), "top.n", 1, 9), Is.Null);

        var problem = fields.Problems.Single();
        Assert.That(problem.ToString(), Is.EqualTo("f.yml:2:4: error: top.n: expected a whole number between 1 and 9, found a list"));
    }

    [TestCase("", "the file is empty; expected a mapping")]
    [TestCase("~\n", "the file is empty; expected a mapping")]
    [TestCase("[a]\n", "expected a mapping, found a list")]
    [TestCase("a: [\n", "YAML syntax error")]
    public void The_root_must_be_a_mapping(string yaml, string expected)
    {
        var fields = new YamlFieldReader("f.yml");

        Assert.That(fields.RootMapping(yaml, "a mapping"), Is.Null);
        Assert.That(Messages(fields), Does.StartWith(expected));
    }

    [Test]
    public void Entries_keep_the_first_of_a_repeated_key_and_report_the_second()
    {
        var (fields, root) = Read("a: 1\nb: 2\na: 3\n");

        var entries = fields.Entries(root, "", ["a", "b"]);

        Assert.That(((YScalar)entries["a"]).Value, Is.EqualTo("1"));
        Assert.That(fields.Problems.Single().ToString(),
            Is.EqualTo("f.yml:3:1: error: a: duplicate key 'a'; it is already set at line 1, remove one of them"));
    }

    [Test]
    public void Entries_record_where_each_known_value_is_by_key_path()
    {
        var (fields, root) = Read("top:\n  a: 1\n  zz: 2\n");

        fields.Entries((YMapping)Value(root, "top"), "top", ["a"]);

        Assert.That(fields.Positions, Is.EquivalentTo(new Dictionary<string, SourcePosition> { ["top.a"] = new(2, 6) }));
    }

    [Test]
    public void An_unknown_key_is_quoted_and_a_near_miss_suggested_by_default()
    {
        var (fields, root) = Read("pathh: x\n");

        fields.Entries(root, "", ["path", "tag"]);

        Assert.That(Messages(fields), Is.EqualTo("unknown key 'pathh' at the top level; did you mean 'path'? expected one of: path, tag"));
    }

    [Test]
    public void Without_quoting_the_key_path_alone_names_an_unknown_key()
    {
        var (fields, root) = Read("s:\n  pathh: x\n", new YamlFieldOptions { QuoteUnknownKeys = false });

        fields.Entries((YMapping)Value(root, "s"), "s", ["path", "tag"]);

        Assert.That(fields.Problems.Single().KeyPath, Is.EqualTo("s.pathh"));
        Assert.That(Messages(fields), Is.EqualTo("unknown key in 's'; did you mean 'path'? expected one of: path, tag"));
    }

    [TestCase(false, "unknown key 'execution' at the top level; expected one of: execution_mode, tag")]
    [TestCase(true, "unknown key 'execution' at the top level; did you mean 'execution_mode'? expected one of: execution_mode, tag")]
    public void A_shortened_key_is_suggested_only_when_asked_for(bool byPrefix, string expected)
    {
        var (fields, root) = Read("execution: x\n", new YamlFieldOptions { SuggestKeysByPrefix = byPrefix });

        fields.Entries(root, "", ["execution_mode", "tag"]);

        Assert.That(Messages(fields), Is.EqualTo(expected));
    }

    [Test]
    public void A_retired_key_is_refused_with_its_reason()
    {
        var options = new YamlFieldOptions { RetiredKeys = new Dictionary<string, string> { ["old"] = "use 'new' instead" } };
        var (fields, root) = Read("old: 1\n", options);

        Assert.That(fields.Entries(root, "", ["new"]), Is.Empty);
        Assert.That(Messages(fields), Is.EqualTo("'old' is no longer supported: use 'new' instead"));
    }

    [TestCase("'  '", false, null)]
    [TestCase("'  '", true, "expected a folder path, found an empty text")]
    [TestCase("''", false, "expected a folder path, found an empty text")]
    [TestCase("~", false, "expected a folder path, found nothing (null)")]
    [TestCase("{a: 1}", false, "expected a folder path, found a mapping")]
    public void Text_refuses_what_is_no_text(string value, bool blankIsEmpty, string? expected)
    {
        var (fields, root) = Read($"v: {value}\n", new YamlFieldOptions { BlankTextIsEmpty = blankIsEmpty });

        var text = fields.Text(Value(root, "v"), "v", "a folder path");

        Assert.That(text, Is.EqualTo(expected is null ? "  " : null));
        Assert.That(Messages(fields), Is.EqualTo(expected ?? ""));
    }

    [Test]
    public void Optional_text_written_as_null_is_not_set()
    {
        var (fields, root) = Read("v: ~\n");

        Assert.That(fields.OptionalText(Value(root, "v"), "v"), Is.Null);
        Assert.That(fields.Problems, Is.Empty);
    }

    [TestCase(null, "expected one of one, two, found an empty text")]
    [TestCase("''", "expected one of one, two, found ''")]
    public void An_empty_text_is_named_as_the_options_say(string? description, string expected)
    {
        var options = description is null ? null : new YamlFieldOptions { EmptyTextDescription = description };
        var (fields, root) = Read("v: ''\n", options);

        Assert.That(fields.Enum(Value(root, "v"), "v", new WireEnum<RerunStrategy>(("one", RerunStrategy.Incremental), ("two", RerunStrategy.Complete))), Is.Null);
        Assert.That(Messages(fields), Is.EqualTo(expected));
    }

    [TestCase("12", 12, null)]
    [TestCase("abc", null, "expected a whole number of days between 1 and 20, found 'abc'")]
    [TestCase("21", null, "21 is out of range; expected a whole number of days between 1 and 20")]
    public void Int_reads_whole_numbers_in_range(string value, int? expected, string? message)
    {
        var (fields, root) = Read($"v: {value}\n");

        Assert.That(fields.Int(Value(root, "v"), "v", 1, 20, " of days"), Is.EqualTo(expected));
        Assert.That(Messages(fields), Is.EqualTo(message ?? ""));
    }

    [Test]
    public void Enum_suggests_a_near_miss()
    {
        var (fields, root) = Read("v: incremntal\n");

        fields.Enum(Value(root, "v"), "v", WireNames.Strategies);

        Assert.That(Messages(fields), Is.EqualTo("did you mean 'incremental'? expected one of incremental, complete, found 'incremntal'"));
    }

    [Test]
    public void A_single_text_is_a_list_of_one()
    {
        var (fields, root) = Read("v: smoke\n");

        Assert.That(fields.TextList(Value(root, "v"), "v"), Is.EqualTo(new[] { "smoke" }));
    }

    [TestCase(true, new[] { "a", "" }, "expected a text value, found nothing (null)")]
    [TestCase(false, new[] { "a" }, "expected a text value, found an empty text\nexpected a text value, found nothing (null)")]
    public void Empty_list_items_are_kept_only_when_allowed(bool allowEmpty, string[] expected, string messages)
    {
        var (fields, root) = Read("v: [a, '', ~]\n", new YamlFieldOptions { AllowEmptyListItems = allowEmpty });

        Assert.That(fields.TextList(Value(root, "v"), "v"), Is.EqualTo(expected));
        Assert.That(Messages(fields), Is.EqualTo(messages));
        Assert.That(fields.Problems.Last().KeyPath, Is.EqualTo("v[2]"));
    }

    [TestCase(false, new[] { "A=1", "=2", "N=" }, "")]
    [TestCase(true, new[] { "A=1", "N=" }, "v: expected a name, found an empty key")]
    public void A_text_map_refuses_empty_names_only_when_asked_to(bool rejectEmptyNames, string[] expected, string messages)
    {
        var (fields, root) = Read("v: {A: 1, '': 2, N: ~}\n", new YamlFieldOptions { RejectEmptyNames = rejectEmptyNames });

        var map = fields.TextMap(Value(root, "v"), "v");

        Assert.That(map.Select(e => $"{e.Name}={e.Value}"), Is.EqualTo(expected));
        Assert.That(string.Join("\n", fields.Problems.Select(p => $"{p.KeyPath}: {p.Message}")), Is.EqualTo(messages));
    }

    [Test]
    public void Problems_read_for_a_suite_are_tagged_with_it_and_shared()
    {
        var (fields, root) = Read("v: x\n");

        fields.ForSuite("s1").Bool(Value(root, "v"), "suites.s1.v");
        fields.Error(default, "", "global");

        Assert.That(fields.Problems.Select(p => p.SuiteKey), Is.EqualTo(new[] { "s1", null }));
    }

    [Test]
    public void Quoted_values_are_cut_to_one_short_line()
    {
        Assert.That(YamlFieldReader.Shorten("a\nb\rc"), Is.EqualTo("a b c"));
        Assert.That(YamlFieldReader.Shorten(new string('x', 61)), Is.EqualTo(new string('x', 57) + "..."));
        Assert.That(YamlFieldReader.Shorten(new string('x', 60)), Is.EqualTo(new string('x', 60)));
    }
}
