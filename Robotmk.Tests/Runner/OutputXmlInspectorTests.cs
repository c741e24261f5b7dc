using Robotmk.Runner.RobotFramework;
using Robotmk.Tests.Support;

namespace Robotmk.Tests.Runner;

public class OutputXmlInspectorTests
{
    /// <summary>Every output.xml of the real RF fixtures with the state and counts the fixture manifest records.</summary>
    public static IEnumerable<TestCaseData> ManifestOutputs() =>
        File.ReadLines(Path.Join(TestPaths.Fixtures, "MANIFEST.tsv")).Skip(1)
            .Select(l => l.Split('\t'))
            .Where(c => c[0].EndsWith("output.xml", StringComparison.Ordinal))
            .Select(c => new TestCaseData(c[0], c[2], c[3], c[4], c[5]).SetName($"Inspect({c[0]})"));

    [TestCaseSource(nameof(ManifestOutputs))]
    public void Classifies_every_real_RF_output_like_the_manifest(string file, string state, string pass, string fail, string skip)
    {
        var report = OutputXmlInspector.Inspect(Path.Join(TestPaths.Fixtures, file));

        if (state == "well-formed")
        {
            Assert.That(report.State, Is.EqualTo(OutputXmlState.Ok), report.Detail);
            Assert.That((report.Passed, report.Failed, report.Skipped), Is.EqualTo((int.Parse(pass), int.Parse(fail), int.Parse(skip))));
            Assert.That(report.TopSuiteName, Is.Not.Null.And.Not.Empty);
        }
        else
        {
            Assert.That(report.IsUsable, Is.False, $"{file} is {state} and must not be used");
            Assert.That(report.Detail, Does.Contain(Path.Join(TestPaths.Fixtures, file)));
        }
    }

    [Test]
    public void Sigkill_leaves_an_empty_file_which_is_reported_as_empty()
    {
        var report = OutputXmlInspector.Inspect(Path.Join(TestPaths.Fixtures, "sigkill", "output.xml"));
        Assert.That(report.State, Is.EqualTo(OutputXmlState.Empty));
        Assert.That(report.Detail, Does.Contain("0 bytes"));
    }

    [Test]
    public void Forced_stop_output_ending_with_robot_close_tag_is_still_rejected()
    {
        var file = Path.Join(TestPaths.Fixtures, "sigterm_twice", "output.xml");
        Assert.That(File.ReadAllText(file).TrimEnd(), Does.EndWith("</robot>"), "precondition: the fixture looks complete at its end");
        Assert.That(OutputXmlInspector.Inspect(file).IsUsable, Is.False);
    }

    [Test]
    public void Missing_file_is_reported_as_not_created()
    {
        using var tmp = new TempDir();
        var report = OutputXmlInspector.Inspect(Path.Join(tmp.Path, "nope.xml"));
        Assert.That(report.State, Is.EqualTo(OutputXmlState.Missing));
        Assert.That(report.Detail, Does.Contain("was not created"));
    }

    [Test]
    public void Well_formed_xml_without_statistics_is_incomplete()
    {
        using var tmp = new TempDir();
        var f = tmp.File("o.xml", "<robot><suite name=\"S\"/></robot>");
        Assert.That(OutputXmlInspector.Inspect(f).State, Is.EqualTo(OutputXmlState.Incomplete));
    }

    [Test]
    public void Other_xml_root_is_rejected()
    {
        using var tmp = new TempDir();
        var f = tmp.File("o.xml", "<html><statistics/></html>");
        Assert.That(OutputXmlInspector.Inspect(f).State, Is.EqualTo(OutputXmlState.Malformed));
    }

    [Test]
    public void Doctype_is_refused_so_entity_expansion_cannot_happen()
    {
        using var tmp = new TempDir();
        var f = tmp.File("o.xml", "<!DOCTYPE robot [<!ENTITY a \"aaaa\">]><robot><statistics/></robot>");
        Assert.That(OutputXmlInspector.Inspect(f).IsUsable, Is.False);
    }
}
