using Robotmk.Config;
using Robotmk.Tests.Bakery;
using Robotmk.Tests.Runner;
using static Robotmk.Tests.Config.ConfigTestSupport;

namespace Robotmk.Tests.Security;

/// <summary>
/// A configured value that RF would read as an option (<c>include: ["-A/tmp/x.txt"]</c> makes RF load that argument
/// file, which can name a --prerunmodifier) is refused by validate, in robotmk.yml and in the bakery's rule file, with
/// its key and line, and the suite does not run.
/// </summary>
public class OptionInjectionTests
{
    public static IEnumerable<TestCaseData> OptionLikeValues()
    {
        yield return new TestCaseData("name: -A/tmp/x.txt", "robot_params.name");
        yield return new TestCaseData("suite: [ok, -A/tmp/x.txt]", "robot_params.suite");
        yield return new TestCaseData("test: [--argumentfile=/tmp/x.txt]", "robot_params.test");
        yield return new TestCaseData("include: [-A/tmp/x.txt]", "robot_params.include");
        yield return new TestCaseData("include: [argumentfile]", "robot_params.include");
        yield return new TestCaseData("exclude: [Argument-File=/tmp/x.txt]", "robot_params.exclude");
        yield return new TestCaseData("variable: {-A/tmp/x.txt: v}", "robot_params.variable.-A/tmp/x.txt");
        yield return new TestCaseData("variable: {argumentfile=/tmp/x.txt: v}", "robot_params.variable.argumentfile=/tmp/x.txt");
        yield return new TestCaseData("variable: ['-A/tmp/x.txt:v']", "robot_params.variable.-A/tmp/x.txt");
        yield return new TestCaseData("variablefile: [-A/tmp/x.txt]", "robot_params.variablefile");
        yield return new TestCaseData("argumentfile: [-A/tmp/x.txt]", "robot_params.argumentfile");
    }

    [TestCaseSource(nameof(OptionLikeValues))]
    public void Robot_params_value_RF_would_read_as_an_option_makes_the_suite_unusable(string setting, string key)
    {
        var r = Parse($"suites:\n  a:\n    path: a\n    robot_params:\n      {setting}\n  b:\n    path: b\n");

        var error = r.SingleError();
        Assert.That(error.KeyPath, Is.EqualTo("suites.a." + key));
        Assert.That(error.Position.Line, Is.EqualTo(5));
        Assert.That(r.Suite("a").Errors, Is.Not.Empty);
        Assert.That(r.Suite("b").Errors, Is.Empty);
    }

    [Test]
    public void Rerun_selection_value_RF_would_read_as_an_option_is_refused()
    {
        var r = Parse("suites:\n  a:\n    path: a\n    failed_handling:\n      max_iterations: 2\n      strategy:\n        name: complete\n" +
                      "        rerun_selection:\n          include: [smoke]\n          exclude: [-A/tmp/x.txt]\n");

        var error = r.SingleError();
        Assert.That(error.KeyPath, Is.EqualTo("suites.a.failed_handling.strategy.rerun_selection.exclude"));
        Assert.That(error.Position.Line, Is.EqualTo(10));
    }

    [Test]
    public void The_error_about_a_variable_does_not_quote_its_value()
    {
        var r = Parse("suites:\n  a:\n    path: a\n    robot_params:\n      variable: {-PASSWORD: s3cret}\n");

        Assert.That(r.SingleError().ToString(), Does.Contain("'-PASSWORD:'").And.Not.Contain("s3cret"));
    }

    [Test]
    public void Values_that_stay_values_are_accepted()
    {
        // A variable is one element NAME:VALUE: its value may start with '-'. Dashes inside a value are fine.
        var r = Parse("suites:\n  a:\n    path: a\n    robot_params:\n      variable: {OFFSET: '-1', ARGS: --x}\n" +
                      "      include: [a-b, not-argumentfile]\n      test: ['Login - admin']\n");

        Assert.That(r.Errors, Is.Empty, r.Describe());
        Assert.That(r.Suite("a").RobotParams.Variable.Select(v => v.Value), Is.EqualTo(new[] { "-1", "--x" }));
    }

    [Test]
    public void Validate_refuses_an_include_that_is_an_argument_file_option_with_its_line()
    {
        using var h = new RunnerHarness();
        PassingSuite.Configure(h, "include: [\"-A/tmp/x.txt\"]");

        var (rc, _, stderr) = h.Run("validate");

        Assert.That(rc, Is.EqualTo(2), stderr);
        Assert.That(stderr, Does.Contain("robotmk.yml:12:17:").And.Contain("error: suites.a.robot_params.include: '-A/tmp/x.txt' starts with '-'"));
    }

    /// <summary>Why the rule exists: every supported RF reads an argument file named by a value, RF 7 also by its spellings.</summary>
    [TestCase("robotframework-versions/3.2.2", "-A{0}")]
    [TestCase("robotframework-versions/4.1.3", "-A{0}")]
    [TestCase("robotframework-versions/5.0.1", "-A{0}")]
    [TestCase("robotframework-versions/6.1.1", "--argumentfile={0}")]
    [TestCase("robotframework", "-A{0}")]
    [TestCase("robotframework", "Argument-File={0}")]
    public void RF_reads_an_argument_file_named_by_an_include_value(string release, string value)
    {
        using var dir = new Support.TempDir();
        File.WriteAllText(Path.Join(dir.Path, "s.robot"), "*** Test Cases ***\nT\n    No Operation\n");
        var argumentFile = Path.Join(dir.Path, "injected.args");
        File.WriteAllText(argumentFile, "fromthefile\n");
        var include = string.Format(System.Globalization.CultureInfo.InvariantCulture, value, argumentFile);

        // In "/": RF 7 cuts "Argument-File=/tmp/x" to the relative "tmp/x".
        var (_, output) = PeerRobot.Run(release, "/", "--include", include, "--output", "NONE", "--report", "NONE", "--log", "NONE", Path.Join(dir.Path, "s.robot"));

        Assert.That(output, Does.Contain("no tests matching tag 'fromthefile'"), "the file's content took the value's place");
        Assert.That(RobotOptionValue.Problem(include), Is.Not.Null);
    }

    [Test]
    public void Bakery_refuses_the_same_values_in_the_rule_file()
    {
        var result = TestRules.Check("suites:\n  - path: a\n    robot_params:\n      include: [-A/tmp/x.txt]\n      variable: {-Ax: v}\n");

        Assert.That(TestRules.ErrorText(result), Does.Contain("rules.yml:4:").And.Contain("suites[0].robot_params.include: '-A/tmp/x.txt' starts with '-'")
            .And.Contain("rules.yml:5:").And.Contain("suites[0].robot_params.variable.-Ax: '-Ax:' starts with '-'"));
    }
}
