using Robotmk.Config;
using static Robotmk.Tests.Config.ConfigTestSupport;

namespace Robotmk.Tests.Config;

/// <summary>A problem prints as one line, the way compilers do: file:line:col: severity: key.path: message.</summary>
public class ConfigProblemTests
{
    [TestCase(ProblemSeverity.Error, "error")]
    [TestCase(ProblemSeverity.Warning, "warning")]
    [TestCase(ProblemSeverity.Notice, "notice")]
    public void Problem_is_one_line_with_file_position_severity_key_path_and_message(ProblemSeverity severity, string word)
    {
        var p = new ConfigProblem(severity, "/etc/check_mk/robotmk.yml", new SourcePosition(3, 5), "global.cache_time", "too small");
        Assert.That(p.ToString(), Is.EqualTo($"/etc/check_mk/robotmk.yml:3:5: {word}: global.cache_time: too small"));
    }

    [Test]
    public void Without_key_path_the_message_follows_the_severity()
    {
        var p = new ConfigProblem(ProblemSeverity.Error, "robotmk.yml", new SourcePosition(1, 1), "", "the file is empty");
        Assert.That(p.ToString(), Is.EqualTo("robotmk.yml:1:1: error: the file is empty"));
    }

    [Test]
    public void Without_position_only_the_file_is_named()
    {
        var p = new ConfigProblem(ProblemSeverity.Error, "robotmk.yml", default, "", "'robotmk.yml' does not exist");
        Assert.That(p.ToString(), Is.EqualTo("robotmk.yml: error: 'robotmk.yml' does not exist"));
    }

    [Test]
    public void Line_breaks_in_a_message_become_spaces()
    {
        var p = new ConfigProblem(ProblemSeverity.Error, "f", new SourcePosition(2, 1), "k", "one\ntwo\r\nthree");
        Assert.That(p.ToString(), Is.EqualTo("f:2:1: error: k: one two  three"));
    }

    [Test]
    public void A_real_problem_reads_like_a_compiler_message()
    {
        var e = Parse("global:\n  execution_intervall: 900\n").Errors.Single();
        Assert.That(e.ToString(), Is.EqualTo(
            "/etc/check_mk/robotmk.yml:2:3: error: global.execution_intervall: unknown key 'execution_intervall' in 'global'; " +
            "did you mean 'execution_interval'? expected one of: " + string.Join(", ", ConfigParser.KnownKeys[ConfigLevel.Global])));
    }

    [Test]
    public void A_hostile_value_cannot_break_the_line()
    {
        var r = Parse("global:\n  log_level: \"INFO\\n<<<robotmk>>>\\n\"\n");
        Assert.That(r.SingleError().ToString(), Does.Not.Contain('\n'));
    }
}
