using Robotmk.Config;
using Robotmk.Runner.RobotFramework;
using Robotmk.Tests.Support;

namespace Robotmk.Tests.Compat;

/// <summary>The checker finds what the 1.6.0 check fails on, in real outputs as RF writes them.</summary>
public class ServerCheckXmlTests
{
    private static string Fixture(string name) => File.ReadAllText(Path.Join(TestPaths.Fixtures, name, "output.xml"));

    [Test]
    public void RFs_own_output_with_skipped_tests_fails_and_the_adapted_one_passes()
    {
        var xml = Fixture("skip");

        Assert.That(ServerCheckXml.Problems(xml), Is.EqualTo(new[]
        {
            "/suite['Skip']/test['Skipped By Keyword']: status 'SKIP' is neither PASS nor FAIL",
            "/suite['Skip']/test['Skipped By Condition']: status 'SKIP' is neither PASS nor FAIL",
            "/suite['Skip']/test['Skipped By Tag']: status 'SKIP' is neither PASS nor FAIL",
            "/suite['Skip']/test['Failure Turned Into Skip']: status 'SKIP' is neither PASS nor FAIL",
        }), "keywords with SKIP and NOT RUN are no problem");
        Assert.That(ServerCheckXml.Problems(OutputXmlAdapter.Adapt(xml, SkippedAs.Pass)), Is.Empty);
    }

    [Test]
    public void A_suite_without_a_name_fails()
    {
        var xml = Fixture("pass").Replace("<suite id=\"s1\" name=\"Pass\"", "<suite id=\"s1\"");

        Assert.That(ServerCheckXml.Problems(xml), Is.EqualTo(new[] { "/suite[no name]: no name attribute" }));
    }

    [TestCase("<kw name=\"Log\" owner=\"BuiltIn\">", "<kw owner=\"BuiltIn\">", "no name attribute")]
    [TestCase("<test id=\"s1-t1\" name=\"First Test Passes\" line=\"5\">", "<test name=\"First Test Passes\" line=\"5\">", "no id attribute")]
    [TestCase("elapsed=\"0.000349\"", "elapsed=\"soon\"", "elapsed 'soon' is not a number")]
    [TestCase("start=\"2026-11-23T07:31:55.793246\"", "start=\"N/A\"", "start 'N/A' is not an ISO 8601 time")]
    [TestCase("<status status=\"PASS\" start=\"2026-11-23T07:31:55.793246\" elapsed=\"0.000349\"/>", "", "no status element")]
    public void Each_attribute_the_check_indexes_is_required(string find, string replace, string problem)
    {
        var xml = Fixture("pass");
        Assert.That(ServerCheckXml.Problems(xml), Is.Empty, "precondition");
        Assert.That(xml, Does.Contain(find), "precondition");

        var problems = ServerCheckXml.Problems(ReplaceFirst(xml, find, replace));

        Assert.That(problems, Has.Some.Contains(problem));
    }

    [TestCase("starttime=\"20261206 10:05:57.888\" endtime=\"20261206 10:05:57.888\"", true, Description = "equal times are not parsed")]
    [TestCase("starttime=\"N/A\" endtime=\"N/A\"", true)]
    [TestCase("starttime=\"20261206 10:05:57.888\" endtime=\"20261206 10:05:57.891\"", true)]
    [TestCase("starttime=\"N/A\" endtime=\"20261206 10:05:57.891\"", false, Description = "the check parses both and fails on N/A")]
    [TestCase("starttime=\"20261206 10:05:57.888\"", false)]
    public void Times_before_RF_7_are_timestamps_unless_equal(string times, bool readable)
    {
        var xml = $"""
            <robot generator="Robot 3.2.2">
            <suite id="s1" name="S">
            <status status="PASS" {times}></status>
            </suite>
            </robot>
            """;

        Assert.That(ServerCheckXml.Problems(xml), readable ? Is.Empty : Is.Not.Empty);
    }

    private static string ReplaceFirst(string text, string find, string replace)
    {
        var i = text.IndexOf(find, StringComparison.Ordinal);
        return text[..i] + replace + text[(i + find.Length)..];
    }
}
