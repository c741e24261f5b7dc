using System.Xml.Linq;
using Robotmk.Runner.RobotFramework;
using Robotmk.Sections;
using Robotmk.State;
using Robotmk.Tests.Runner;
using Robotmk.Tests.Support;

namespace Robotmk.Tests.Compat;

/// <summary>
/// The suites under Compat/suites, run once per Robot Framework version a user may have (3.2 to 7) by the real runner:
/// skipped tests and suites, suites without a name, keywords that did not run, --exitonfailure, failing setups and
/// teardowns, templates, non-ASCII text and HTML messages, one suite re-run and merged by that version's rebot. What
/// the runner sends must be readable by the 1.6.0 check (<see cref="ServerCheckXml"/>) and differ from RF's own
/// output.xml, which stays on disk as RF wrote it, only where the runner adapts it (<see cref="OutputXmlAdapter"/>).
/// </summary>
[Category("Integration")]
[TestFixtureSource(nameof(Versions))]
public sealed class RobotFrameworkVersionTests(string version, string robot)
{
    private static readonly string SuitesFolder = Path.Join(TestPaths.RepoRoot, "Robotmk.Tests", "Compat", "suites");

    public static IEnumerable<TestFixtureData> Versions() =>
    [
        .. new[] { "3.2.2", "4.1.3", "5.0.1", "6.1.1" }.Select(v =>
            new TestFixtureData(v, Path.Join(TestPaths.Shared, "peers", "robotframework-versions", v, "bin", "robot")).SetArgDisplayNames("RF " + v)),
        new TestFixtureData("7.4.2", TestPaths.Robot).SetArgDisplayNames("RF 7.4.2"),
    ];

    private const string Corpus = "corpus";
    private const string AllSkipped = "all_skipped.robot";
    private const string ExitOnFailure = "exitonfailure.robot";
    private const string Nameless = "_.robot";

    private const string SuitesYaml = """
        corpus:
          path: corpus
          failed_handling:
            max_iterations: 2
        all_skipped.robot:
          path: all_skipped.robot
        exitonfailure.robot:
          path: exitonfailure.robot
          skipped_as: fail
          robot_params:
            exitonfailure: true
        _.robot:
          path: _.robot
        """;

    /// <summary>The status each suite's skipped tests are sent with, as the config above says.</summary>
    private static string SkippedStatus(string id) => id == ExitOnFailure ? "FAIL" : "PASS";

    private sealed record Run(SuiteResult Result, XDocument Sent, XDocument OnDisk);

    private RunnerHarness _h = null!;
    private readonly Dictionary<string, Run> _runs = [];

    /// <summary>RF 4 added SKIP (and NOT RUN keywords); RF 5 stopped giving x__.robot an empty name.</summary>
    private int Major => int.Parse(version.Split('.')[0], System.Globalization.CultureInfo.InvariantCulture);

    [OneTimeSetUp]
    public void RunTheCorpusOnce()
    {
        _h = new RunnerHarness { Robot = robot };
        CopyFolder(SuitesFolder, _h.RobotDir);
        _h.Config(SuitesYaml);

        var (rc, stdout, stderr) = _h.Run("run");

        Assert.That(rc, Is.EqualTo(1), "run exits 1 when a suite failed\n" + stdout + stderr);
        // RF's own outputs, by the file or folder they came from (rebot keeps it in the merged output).
        var onDisk = Directory.GetFiles(_h.OutputDir, "*_output.xml")
            .Where(f => !Path.GetFileName(f).Contains("_attempt-", StringComparison.Ordinal))
            .Select(f => XDocument.Load(f))
            .ToDictionary(d => Path.GetFileName((string)d.Root!.Element("suite")!.Attribute("source")!));
        foreach (var id in new[] { Corpus, AllSkipped, ExitOnFailure, Nameless })
        {
            var result = _h.SuiteState(id).Result!;
            Assert.That(result.Status, Is.EqualTo(SuiteResult.NonFatal), $"{id}: {result.Error}");
            var sent = XDocument.Parse(System.Text.Encoding.UTF8.GetString(PayloadCodec.Decode(result.Xml!.Value.Text(), "zlib_codec")));
            _runs[id] = new Run(result, sent, onDisk[id]);
        }
    }

    [OneTimeTearDown]
    public void TearDown() => _h?.Dispose();

    [Test]
    public void Every_result_sent_can_be_read_by_the_1_6_0_check()
    {
        Assert.Multiple(() =>
        {
            foreach (var (id, run) in _runs)
                Assert.That(ServerCheckXml.Problems(run.Sent), Is.Empty, id);
        });
    }

    [Test]
    public void What_is_sent_differs_from_RFs_output_only_by_the_adaptations()
    {
        var total = new Adaptations();
        Assert.Multiple(() =>
        {
            foreach (var (id, run) in _runs)
                Assert.That(Compare(run.OnDisk, run.Sent, SkippedStatus(id), total), Is.Empty, id);
        });

        Assert.That(total.Skipped, Major >= 4 ? Is.GreaterThanOrEqualTo(10) : Is.Zero, "skipped tests and suites (RF 3.2 has no SKIP)");
        Assert.That(total.Named, Is.EqualTo(Major >= 5 ? 1 : 2), "_.robot, and in RF 3.2 and 4.x suite_with_double_underscore__.robot");
        Assert.That(total.Html, Is.EqualTo(Major >= 4 ? 4 : 3), "the HTML messages of html_messages.robot, and since RF 4 that of Skip *HTML*");
    }

    [Test]
    public void Skipped_tests_and_suites_are_sent_as_passed_with_their_reason()
    {
        var suite = _runs[AllSkipped].Sent.Root!.Element("suite")!;

        if (Major < 4)
        {
            Assert.That(Tests(suite).Select(t => t.Text), Is.All.EqualTo("No keyword with name 'Skip' found.").Or.EqualTo("No keyword with name 'Skip If' found."),
                "RF 3.2 has no Skip keyword: the tests fail and nothing is adapted");
            return;
        }
        Assert.That(Status(suite), Is.EqualTo(("PASS", "SKIPPED")));
        Assert.That(Tests(suite), Is.EqualTo(new[]
        {
            ("Skipped With A Reason", "PASS", "SKIPPED: Not ready on this host"),
            ("Skipped By Condition", "PASS", "SKIPPED: Condition was true"),
            ("Skipped With An HTML Reason", "PASS", "*HTML* SKIPPED: <b>maintenance</b> window"),
        }));
        Assert.That(_runs[AllSkipped].Result.Rc, Is.Zero, "RF counts skipped tests as no failures");
        Assert.That(Tests(SuiteNamed(_runs[Corpus].Sent, "Mixed Skip")), Is.SupersetOf(new[]
        {
            ("Passes", "PASS", ""),
            ("Skipped Among Passing Tests", "PASS", "SKIPPED: skipped among passing tests"),
            ("Skipped In Setup", "PASS", "SKIPPED: setup decided to skip"),
        }));
    }

    [Test]
    public void With_skipped_as_fail_a_skipped_test_is_sent_as_failed()
    {
        var tests = Tests(_runs[ExitOnFailure].Sent.Root!.Element("suite")!).ToList();

        Assert.That(tests.Select(t => t.Name), Is.EqualTo(new[] { "Skipped First", "First Failure", "Stopped One", "Stopped Two" }));
        Assert.That(tests[0], Is.EqualTo(Major >= 4
            ? ("Skipped First", "FAIL", "SKIPPED: not on this host")
            : ("Skipped First", "FAIL", "No keyword with name 'Skip' found.")));
        Assert.That(tests.Skip(2).Select(t => (t.Status, t.Text)), Is.All.Matches<(string Status, string Text)>(
            t => t.Status == "FAIL" && t.Text.Contains("exit-on-failure mode is in use", StringComparison.Ordinal)),
            "--exitonfailure reached RF: the tests after the failure were not run");
    }

    [Test]
    public void Suites_without_a_name_are_sent_with_an_empty_one()
    {
        var nameless = _runs[Nameless];
        Assert.That(nameless.OnDisk.Root!.Element("suite")!.Attribute("name"), Is.Null, "RF writes no name for the suite of _.robot");
        Assert.That((string?)nameless.Sent.Root!.Element("suite")!.Attribute("name"), Is.Empty);

        var underscores = _runs[Corpus].Sent.Descendants("suite")
            .Single(s => ((string?)s.Attribute("source"))?.EndsWith("suite_with_double_underscore__.robot", StringComparison.Ordinal) == true);
        Assert.That((string?)underscores.Attribute("name"), Is.EqualTo(Major >= 5 ? "Suite With Double Underscore" : ""));
    }

    [Test]
    public void Keywords_that_did_not_run_are_sent_as_RF_wrote_them()
    {
        var test = _runs[Corpus].Sent.Descendants("test").Single(t => (string?)t.Attribute("name") == "Keywords After A Failure");

        Assert.That(test.Elements("kw").Select(k => (string?)k.Element("status")?.Attribute("status")),
            Is.EqualTo(Major >= 4 ? new[] { "PASS", "FAIL", "NOT RUN", "NOT RUN" } : new[] { "PASS", "FAIL" }),
            "RF 4 and later list them as NOT RUN, which the check passes over; RF 3.2 leaves them out");
    }

    [Test]
    public void A_failed_suite_is_rerun_and_merged_by_that_versions_rebot()
    {
        var corpus = _runs[Corpus];

        Assert.That(corpus.Result.Attempts, Is.EqualTo(2));
        Assert.That((string?)corpus.Sent.Root!.Attribute("generator"), Does.StartWith("Rebot " + version));
    }

    [Test]
    public void Non_ascii_names_and_messages_arrive_intact()
    {
        var suite = SuiteNamed(_runs[Corpus].Sent, "Nicht Ascii Prüfung");

        Assert.That(Tests(suite).Select(t => t.Name), Is.EqualTo(new[] { "Grüße Aus Köln 日本語 🚀", "Fehler Mit Ümlaut" }));
        Assert.That(suite.Descendants("msg").Select(m => m.Value), Has.Some.EqualTo("Schöne Grüße ✅ <b>&</b> \"quoted\" ]]> </msg>"));
    }

    // ---- reading results ----

    private static XElement SuiteNamed(XDocument doc, string name) => doc.Descendants("suite").Single(s => (string?)s.Attribute("name") == name);

    private static (string Status, string Text) Status(XElement item) =>
        ((string)item.Element("status")!.Attribute("status")!, item.Element("status")!.Value);

    private static IEnumerable<(string Name, string Status, string Text)> Tests(XElement suite) =>
        suite.Elements("test").Select(t => ((string)t.Attribute("name")!, Status(t).Status, Status(t).Text));

    // ---- comparing RF's output with what is sent ----

    private sealed class Adaptations
    {
        public int Skipped { get; set; }
        public int Named { get; set; }
        public int Html { get; set; }
    }

    /// <summary>
    /// Element by element: the same tree, the same attributes and texts, except for the three adaptations, which are
    /// counted in <paramref name="found"/>.
    /// </summary>
    /// <returns>Every other difference.</returns>
    private static List<string> Compare(XDocument onDisk, XDocument sent, string skippedStatus, Adaptations found)
    {
        var unexpected = new List<string>();
        var before = onDisk.Descendants().ToList();
        var after = sent.Descendants().ToList();
        if (before.Count != after.Count)
            return [$"{before.Count} elements on disk, {after.Count} sent"];
        for (var i = 0; i < before.Count; i++)
        {
            var (a, b) = (before[i], after[i]);
            var where = $"element {i} <{a.Name}> ({(string?)a.Attribute("name") ?? (string?)a.Parent?.Attribute("name")})";
            if (a.Name != b.Name)
            {
                unexpected.Add($"{where}: sent as <{b.Name}>");
                continue;
            }
            var inResults = a.Ancestors("statistics").Concat(a.Ancestors("errors")).Count() == 0;
            var attributesA = a.Attributes().ToDictionary(x => x.Name.LocalName, x => x.Value);
            var attributesB = b.Attributes().ToDictionary(x => x.Name.LocalName, x => x.Value);
            var textA = OwnText(a);
            var textB = OwnText(b);

            if (inResults && a.Name.LocalName is "suite" or "test" or "kw" && !attributesA.ContainsKey("name") && attributesB.Remove("name", out var name))
            {
                if (name == "")
                    found.Named++;
                else
                    unexpected.Add($"{where}: sent with name '{name}'");
            }
            if (inResults && a.Name == "status" && a.Parent!.Name.LocalName is "suite" or "test" && attributesA["status"] is not ("PASS" or "FAIL"))
            {
                if (attributesB["status"] != skippedStatus || textB != WithSkippedWord(textA))
                    unexpected.Add($"{where}: {attributesA["status"]} '{textA}' sent as {attributesB["status"]} '{textB}'");
                attributesB["status"] = attributesA["status"];
                textB = textA;
                found.Skipped++;
            }
            if (a.Name == "msg" && (string?)a.Attribute("html") is "true" or "yes" && !a.IsEmpty)
            {
                if (textB != OutputXmlAdapter.HtmlNotice)
                    unexpected.Add($"{where}: HTML message sent as '{textB}'");
                textB = textA;
                found.Html++;
            }
            if (!attributesA.OrderBy(x => x.Key).SequenceEqual(attributesB.OrderBy(x => x.Key)) || textA != textB)
                unexpected.Add($"{where}: changed");
        }
        return unexpected;
    }

    /// <summary>What the 1.6.0 check is to show for a skipped item: RF's reason after the word, behind a leading *HTML* marker.</summary>
    private static string WithSkippedWord(string text)
    {
        const string htmlMarker = "*HTML* ";
        var marker = text.StartsWith(htmlMarker, StringComparison.Ordinal) ? htmlMarker : "";
        var reason = text[marker.Length..];
        return marker + (reason.Length == 0 ? "SKIPPED" : "SKIPPED: " + reason);
    }

    private static string OwnText(XElement e) => string.Concat(e.Nodes().OfType<XText>().Select(t => t.Value));

    private static void CopyFolder(string from, string to)
    {
        foreach (var dir in Directory.GetDirectories(from, "*", SearchOption.AllDirectories))
            Directory.CreateDirectory(Path.Join(to, Path.GetRelativePath(from, dir)));
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
            File.Copy(file, Path.Join(to, Path.GetRelativePath(from, file)));
    }
}
