using System.Xml.Linq;
using Robotmk.Config;
using Robotmk.Runner.RobotFramework;
using Robotmk.Tests.Support;

namespace Robotmk.Tests.Runner;

/// <summary>
/// What the runner changes in the output.xml it sends: each rule on the smallest RF-shaped snippet, the exact text
/// around it, and the real fixtures, which must pass through untouched where no rule applies.
/// </summary>
public class OutputXmlAdapterTests
{
    private const string Head = """<?xml version="1.0" encoding="UTF-8"?>""" + "\n";

    /// <summary>RF 7 statuses that no rule is about.</summary>
    private const string Passed = """<status status="PASS" start="2026-12-06T10:07:02.852449" elapsed="0.000100"/>""";
    private const string NotRun = """<status status="NOT RUN" start="2026-12-06T10:07:02.852449" elapsed="0.000012"/>""";

    private static string Pass(string xml) => OutputXmlAdapter.Adapt(xml, SkippedAs.Pass);

    private static string Robot(string suiteBody, string statistics = "<statistics>\n</statistics>\n") =>
        Head + "<robot generator=\"Robot 7.4.2\" schemaversion=\"5\">\n" + suiteBody + statistics + "</robot>\n";

    // ---- HTML messages ----

    [TestCase("true", Description = "RF 4 and later")]
    [TestCase("yes", Description = "RF 3.2")]
    public void The_text_of_an_HTML_message_becomes_the_notice(string html)
    {
        var xml = Robot($"""
            <suite id="s1" name="S">
            <test id="s1-t1" name="T">
            <kw name="Log" library="BuiltIn">
            <msg timestamp="20261206 10:05:57.485" level="INFO" html="{html}">&lt;img src="data:image/png;base64,AAAA"&gt;</msg>
            <status status="PASS" starttime="20261206 10:05:57.485" endtime="20261206 10:05:57.486"></status>
            </kw>
            <status status="PASS" starttime="20261206 10:05:57.485" endtime="20261206 10:05:57.486"></status>
            </test>
            <status status="PASS" starttime="20261206 10:05:57.485" endtime="20261206 10:05:57.486"></status>
            </suite>

            """);

        var adapted = Pass(xml);

        Assert.That(adapted, Is.EqualTo(xml.Replace("&lt;img src=\"data:image/png;base64,AAAA\"&gt;", OutputXmlAdapter.HtmlNotice)));
    }

    [Test]
    public void Plain_messages_and_empty_HTML_messages_stay()
    {
        var xml = Robot($"""
            <suite id="s1" name="S">
            <kw name="Log" owner="BuiltIn" type="SETUP">
            <msg time="2026-12-06T10:06:03.372905" level="INFO">*HTML* is only a marker for Log, not HTML</msg>
            <msg time="2026-12-06T10:06:03.372905" level="INFO" html="true"/>
            <msg time="2026-12-06T10:06:03.372905" level="INFO" html="false">&lt;b&gt;</msg>
            {Passed}
            </kw>
            {Passed}
            </suite>

            """);

        Assert.That(Pass(xml), Is.EqualTo(xml));
    }

    [Test]
    public void HTML_messages_outside_the_result_tree_are_removed_too()
    {
        const string error = """<msg time="2026-12-06T10:06:03.372905" level="ERROR" html="true">&lt;script&gt;alert(1)&lt;/script&gt;</msg>""";
        var xml = Robot($"<suite id=\"s1\" name=\"S\">\n{Passed}\n</suite>\n",
            "<errors>\n" + error + "\n</errors>\n");

        Assert.That(Pass(xml), Does.Contain($">{OutputXmlAdapter.HtmlNotice}</msg>").And.Not.Contain("script"));
    }

    // ---- statuses the 1.6.0 check does not know ----

    [TestCase(SkippedAs.Pass, "PASS")]
    [TestCase(SkippedAs.Fail, "FAIL")]
    public void A_skipped_test_gets_the_configured_status_and_keeps_its_reason(SkippedAs skippedAs, string status)
    {
        var xml = Robot($"""
            <suite id="s1" name="S">
            <test id="s1-t1" name="T" line="7">
            <kw name="Skip" owner="BuiltIn">
            <status status="SKIP" start="2026-11-23T07:31:56.673164" elapsed="0.000310">Not ready on this host</status>
            </kw>
            <kw name="Fail" owner="BuiltIn">
            {NotRun}
            </kw>
            <status status="SKIP" start="2026-11-23T07:31:56.672966" elapsed="0.000675">Not ready on this host</status>
            </test>
            <status status="SKIP" start="2026-11-23T07:31:56.638708" elapsed="0.036706"/>
            </suite>

            """);

        var adapted = OutputXmlAdapter.Adapt(xml, skippedAs);

        Assert.That(adapted, Is.EqualTo(xml
            .Replace("""<status status="SKIP" start="2026-11-23T07:31:56.672966" elapsed="0.000675">Not ready on this host</status>""",
                $"""<status status="{status}" start="2026-11-23T07:31:56.672966" elapsed="0.000675">SKIPPED: Not ready on this host</status>""")
            .Replace("""<status status="SKIP" start="2026-11-23T07:31:56.638708" elapsed="0.036706"/>""",
                $"""<status status="{status}" start="2026-11-23T07:31:56.638708" elapsed="0.036706">SKIPPED</status>""")),
            "only the test and the suite change; keywords keep SKIP and NOT RUN, which the check passes over");
    }

    [Test]
    public void A_status_without_text_gets_the_word_alone()
    {
        const string status = """<status status="SKIP" starttime="20261206 10:05:59.399" endtime="20261206 10:05:59.445">""";
        var xml = Robot($"<suite id=\"s1\" name=\"S\">\n{status}</status>\n</suite>\n");

        Assert.That(Pass(xml), Does.Contain("""<status status="PASS" starttime="20261206 10:05:59.399" endtime="20261206 10:05:59.445">SKIPPED</status>"""));
    }

    [Test]
    public void An_HTML_status_text_keeps_its_marker_first()
    {
        // The check renders a text that starts with "*HTML* " as plain text (rebot's merge messages, Skip *HTML* …).
        var xml = Robot("""
            <suite id="s1" name="S">
            <test id="s1-t1" name="T">
            <status status="SKIP" starttime="20261206 10:05:59.445" endtime="20261206 10:05:59.445">*HTML* &lt;b&gt;maintenance&lt;/b&gt; window</status>
            </test>
            <status status="SKIP" starttime="20261206 10:05:59.399" endtime="20261206 10:05:59.445"/>
            </suite>

            """);

        Assert.That(Pass(xml), Does.Contain(""">*HTML* SKIPPED: &lt;b&gt;maintenance&lt;/b&gt; window</status>"""));
    }

    [Test]
    public void Any_other_unknown_status_of_a_test_is_mapped_and_named()
    {
        var xml = Robot("""
            <suite id="s1" name="S">
            <test id="s1-t1" name="T">
            <status status="NOT RUN" start="2026-11-23T07:31:56.672966" elapsed="0.0">set by a pre-rebot modifier</status>
            </test>
            <status status="PASS" start="2026-11-23T07:31:56.638708" elapsed="0.036706"/>
            </suite>

            """);

        Assert.That(OutputXmlAdapter.Adapt(xml, SkippedAs.Fail), Does.Contain("""<status status="FAIL" start="2026-11-23T07:31:56.672966" elapsed="0.0">NOT RUN: set by a pre-rebot modifier</status>"""));
    }

    [Test]
    public void Statuses_of_keywords_and_outside_the_result_tree_stay()
    {
        var xml = Robot($"""
            <suite id="s1" name="S">
            <kw name="Skip" owner="BuiltIn" type="SETUP">
            <status status="SKIP" start="2026-12-06T10:07:02.852449" elapsed="0.000487">the whole file is skipped</status>
            </kw>
            <test id="s1-t1" name="T">
            <for flavor="IN RANGE">
            <iter>
            <kw name="Log" owner="BuiltIn">
            {NotRun}
            </kw>
            {NotRun}
            </iter>
            {NotRun}
            </for>
            <status status="FAIL" start="2026-12-06T10:07:02.852449" elapsed="0.0">earlier failure</status>
            </test>
            <status status="FAIL" start="2026-12-06T10:07:02.812358" elapsed="0.041275"/>
            </suite>

            """, "<statistics>\n<status status=\"SKIP\"/>\n</statistics>\n");

        Assert.That(Pass(xml), Is.EqualTo(xml));
    }

    // ---- missing names ----

    [Test]
    public void A_suite_without_a_name_gets_an_empty_one_after_its_id()
    {
        var xml = Robot("""
            <suite id="s1" source="/robot/_.robot">
            <test id="s1-t1" name="T">
            <status status="PASS" starttime="20261206 10:05:59.399" endtime="20261206 10:05:59.445"></status>
            </test>
            <status status="PASS" starttime="20261206 10:05:59.399" endtime="20261206 10:05:59.445"></status>
            </suite>

            """, "<statistics>\n<suite>\n<stat pass=\"1\" fail=\"0\" id=\"s1\"></stat>\n</suite>\n</statistics>\n");

        var adapted = Pass(xml);

        Assert.That(adapted, Is.EqualTo(xml.Replace("""<suite id="s1" source""", """<suite id="s1" name="" source""")),
            "the suite of the statistics is no result and keeps having no attributes");
        Assert.That(XDocument.Parse(adapted).Root!.Element("suite")!.Attribute("name")!.Value, Is.Empty);
    }

    [Test]
    public void Tests_and_keywords_without_a_name_get_an_empty_one_first()
    {
        var xml = Robot($"""
            <suite id="s1" name="S">
            <test id="s1-t1">
            <kw library="BuiltIn">
            {Passed}
            </kw>
            {Passed}
            </test>
            {Passed}
            </suite>

            """);

        Assert.That(Pass(xml), Is.EqualTo(xml.Replace("<test id=\"s1-t1\">", "<test id=\"s1-t1\" name=\"\">").Replace("<kw library", "<kw name=\"\" library")));
    }

    [Test]
    public void An_angle_bracket_inside_a_quoted_value_does_not_end_the_tag()
    {
        // RF escapes '>' in attribute values; other writers of the format need not.
        var xml = Robot("""
            <suite id="s1" name='Quoted' source="/robot/a>b.robot">
            <test id="s1-t1" name="a > b">
            <status status="SKIP" start="2026-12-06T10:07:02.852449" elapsed="0.0" note="x>y">why</status>
            </test>
            <status status="SKIP" start="2026-12-06T10:07:02.852449" elapsed="0.0" note='x>y'/>
            </suite>

            """);

        Assert.That(Pass(xml), Is.EqualTo(xml
            .Replace("""note="x>y">why""", """note="x>y">SKIPPED: why""")
            .Replace("""note='x>y'/>""", """note='x>y'>SKIPPED</status>""")
            .Replace("status=\"SKIP\"", "status=\"PASS\"")));
    }

    // ---- the document as a whole ----

    [Test]
    public void Comments_and_processing_instructions_are_not_elements()
    {
        var xml = Head + "<!-- <suite id=\"x\"> <status status=\"SKIP\"/> -->\n<?robot <msg html=\"true\">x</msg> ?>\n"
            + Robot($"<suite id=\"s1\" name=\"S\">\n{Passed}\n</suite>\n")[Head.Length..];

        Assert.That(Pass(xml), Is.EqualTo(xml));
    }

    [TestCase("")]
    [TestCase("<robot><suite id=\"s1\"")]
    [TestCase("<robot><suite id=\"s1\"><test id=\"s1-t1\" name=\"T\"><status status=\"SKIP\">cut here")]
    [TestCase("<robot><suite><!-- never closed")]
    public void An_incomplete_document_is_returned_without_failing(string xml)
    {
        Assert.That(() => Pass(xml), Throws.Nothing);
    }

    public static IEnumerable<TestCaseData> WellFormedFixtures() =>
        File.ReadLines(Path.Join(TestPaths.Fixtures, "MANIFEST.tsv")).Skip(1)
            .Select(l => l.Split('\t'))
            .Where(c => c[0].EndsWith("output.xml", StringComparison.Ordinal) && c[2] == "well-formed")
            .Select(c => new TestCaseData(c[0]).SetName("Fixture {0}"));

    [TestCaseSource(nameof(WellFormedFixtures))]
    public void A_real_output_changes_only_where_a_rule_applies(string file)
    {
        var xml = File.ReadAllText(Path.Join(TestPaths.Fixtures, file));
        var original = XDocument.Parse(xml);

        var adapted = Pass(xml);

        var result = XDocument.Parse(adapted);
        var skipped = ResultStatuses(original).Count(s => s != "PASS" && s != "FAIL");
        var html = original.Descendants("msg").Count(m => m.Attribute("html") is not null);
        if (skipped == 0 && html == 0)
            Assert.That(adapted, Is.EqualTo(xml));
        else
            Assert.That(result.Descendants().Count(), Is.EqualTo(original.Descendants().Count()), "no element is added or removed");
        Assert.That(ResultStatuses(result), Is.All.AnyOf("PASS", "FAIL"));
    }

    /// <summary>The statuses of the suites and tests of the result tree.</summary>
    private static IEnumerable<string?> ResultStatuses(XDocument doc) =>
        doc.Root!.Element("suite")!.DescendantsAndSelf().Where(e => e.Name == "suite" || e.Name == "test")
            .Select(e => (string?)e.Element("status")?.Attribute("status"));
}
