using Robotmk.Config;
using static Robotmk.Tests.Config.ConfigTestSupport;

namespace Robotmk.Tests.Config;

/// <summary>The spellings of values that v1 files use and that the parser must read the same way.</summary>
public class ValueFormsTests
{
    [TestCase("true", true)]
    [TestCase("True", true)]
    [TestCase("yes", true)]
    [TestCase("on", true)]
    [TestCase("'true'", true)]
    [TestCase("false", false)]
    [TestCase("FALSE", false)]
    [TestCase("no", false)]
    [TestCase("off", false)]
    public void Booleans_as_yaml_1_1_wrote_them(string spelled, bool expected)
    {
        var r = Parse($"global:\n  transmit_html: {spelled}\nsuites:\n  a:\n    path: a\n    robot_params: {{exitonfailure: {spelled}}}\n");
        Assert.That(r.Problems, Is.Empty, r.Describe());
        Assert.That(r.Config!.Global.TransmitHtml, Is.EqualTo(expected));
        Assert.That(r.Suite("a").RobotParams.ExitOnFailure, Is.EqualTo(expected));
    }

    [TestCase("900", 900)]
    [TestCase("'900'", 900)]
    [TestCase("+900", 900)]
    public void Whole_numbers_may_be_quoted_as_the_v1_bakery_sometimes_did(string spelled, int expected)
    {
        var r = Parse($"global:\n  execution_interval: {spelled}\n  cache_time: 960\n");
        Assert.That(r.HasErrors, Is.False, r.Describe());
        Assert.That(r.Config!.Global.ExecutionInterval, Is.EqualTo(expected));
    }

    [Test]
    public void Variables_as_a_list_split_at_the_first_colon()
    {
        var r = Parse("suites:\n  a:\n    path: a\n    robot_params:\n      variable: ['URL:https://x.example:8443/a', 'EMPTY:', SINGLE:v]\n");
        Assert.That(r.Problems, Is.Empty, r.Describe());
        Assert.That(r.Suite("a").RobotParams.Variable, Is.EqualTo(new KeyValuePair<string, string>[]
        {
            new("URL", "https://x.example:8443/a"), new("EMPTY", ""), new("SINGLE", "v"),
        }));
    }

    [Test]
    public void Variables_as_a_map_keep_values_as_written_and_null_as_empty()
    {
        var r = Parse("suites:\n  a:\n    path: a\n    robot_params:\n      variable: {PORT: 8080, FLAG: true, NONE: ~, TEXT: 'a b'}\n");
        Assert.That(r.Problems, Is.Empty, r.Describe());
        Assert.That(r.Suite("a").RobotParams.Variable, Is.EqualTo(new KeyValuePair<string, string>[]
        {
            new("PORT", "8080"), new("FLAG", "true"), new("NONE", ""), new("TEXT", "a b"),
        }));
    }

    [Test]
    public void Optional_texts_written_as_null_are_unset()
    {
        var r = Parse("global:\n  python: ~\n  robot:\nsuites:\n  a:\n    path: a\n    tag:\n    piggybackhost: ~\n    cwd:\n    robot_params: {name: ~}\n");
        Assert.That(r.Problems, Is.Empty, r.Describe());
        var s = r.Suite("a");
        Assert.That(new object?[] { r.Config!.Global.Python, r.Config.Global.Robot, s.Tag, s.PiggybackHost, s.Cwd, s.RobotParams.Name },
            Is.All.Null);
    }

    [Test]
    public void Env_values_are_text_and_null_is_empty()
    {
        var r = Parse("suites:\n  a:\n    path: a\n    env: {RETRIES: 3, EMPTY: ~}\n");
        Assert.That(r.Suite("a").Env, Is.EqualTo(new Dictionary<string, string> { ["EMPTY"] = "", ["RETRIES"] = "3" }));
    }

    [Test]
    public void Quoted_keys_are_the_same_keys()
    {
        var r = Parse("'global':\n  \"log_rotation\": 7\n\"suites\": {'a': {'path': a}}\n");
        Assert.That(r.Problems, Is.Empty, r.Describe());
        Assert.That(r.Config!.Global.LogRotation, Is.EqualTo(7));
    }

    [Test]
    public void Windows_line_endings_are_read_like_unix_ones()
    {
        var r = Parse("global:\r\n  log_rotation: 7\r\nsuites:\r\n  a:\r\n    path: a\r\n    tag: x\r\n");
        Assert.That(r.Errors, Is.Empty, r.Describe());
        Assert.That(r.Suite("a").Tag, Is.EqualTo("x"));
        Assert.That(r.Config!.PositionOf("suites.a.tag"), Is.EqualTo(new SourcePosition(6, 10)));
    }
}
