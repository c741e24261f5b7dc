using Robotmk.Runner.Results;
using Robotmk.Tests.Support;

namespace Robotmk.Tests.Results;

public class RunStatisticsTests
{
    private static RunStatistics Fixture(string name) =>
        RunStatistics.ParseText(File.ReadAllText(Path.Join(TestPaths.Fixtures, name, "output.xml")));

    [Test]
    public void Counts_and_lists_the_tests_of_nested_suites_as_RF_7_writes_them()
    {
        var stats = Fixture("multi_suite");
        Assert.That(stats.Suites.Select(s => (s.Name, s.Id, s.Pass, s.Fail, s.Skip)), Is.EqualTo(new[]
        {
            ("Shop Checkout", "s1", 3, 1, 0),
            ("Shop Checkout.Login", "s1-s1", 2, 0, 0),
            ("Shop Checkout.Cart", "s1-s2", 1, 1, 0),
        }));
        Assert.That(stats.Top!.Status, Is.EqualTo("FAIL"));
        Assert.That(stats.Tests, Has.Length.EqualTo(4));
        Assert.That(stats.Tests.Select(t => t.Suite).Distinct(), Is.EqualTo(new[] { "Shop Checkout.Login", "Shop Checkout.Cart" }));
        Assert.That(stats.Tests.Where(t => t.Status == "FAIL").Select(t => t.Message), Has.All.Not.Empty);
        Assert.That(stats.Tests.Select(t => t.Duration), Has.All.Not.Null);
    }

    [Test]
    public void A_test_status_and_message_come_from_the_test_not_from_its_keywords()
    {
        var stats = Fixture("fail");
        Assert.That(stats.Tests.Select(t => (t.Name, t.Status, t.Message)), Is.EqualTo(new[]
        {
            ("Passing Before", "PASS", ""),
            ("Failing Comparison", "FAIL", "expected value != actual value"),
            ("Passing After", "PASS", ""),
        }));
        Assert.That(stats.Top!.Duration, Is.EqualTo(0.036).Within(0.0005));
    }

    [Test]
    public void Skipped_tests_are_counted_as_skip_with_their_reason()
    {
        var stats = Fixture("skip");
        Assert.That((stats.Top!.Pass, stats.Top.Fail, stats.Top.Skip), Is.EqualTo((1, 0, 4)));
        Assert.That(stats.Tests.Where(t => t.Status == "SKIP").Select(t => t.Message), Does.Contain("Not ready on this host"));
    }

    [Test]
    public void RF_before_7_gives_durations_from_starttime_and_endtime_and_N_A_gives_none()
    {
        const string xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <robot generator="Robot 3.2.2 (Python 3.11.7 on linux)" generated="20261206 08:13:18.000">
            <suite id="s1" name="Old" source="/x">
            <test id="s1-t1" name="T1">
            <kw name="Log"><msg timestamp="20261206 08:13:18.082" level="INFO">x</msg><status status="PASS" starttime="20261206 08:13:18.082" endtime="20261206 08:13:18.083"></status></kw>
            <status status="FAIL" starttime="20261206 08:13:18.082" endtime="20261206 08:13:19.582" critical="yes">boom</status>
            </test>
            <test id="s1-t2" name="T2">
            <status status="PASS" starttime="N/A" endtime="N/A" critical="yes"></status>
            </test>
            <status status="FAIL" starttime="20261206 08:13:18.000" endtime="20261206 08:13:20.000"></status>
            </suite>
            <statistics><total><stat pass="1" fail="1">Critical Tests</stat></total><suite><stat pass="1" fail="1" id="s1" name="Old">Old</stat></suite></statistics>
            </robot>
            """;
        var stats = RunStatistics.ParseText(xml);
        Assert.That(stats.Suites, Has.Length.EqualTo(1));
        Assert.That(stats.Top, Is.EqualTo(new SuiteStatistics("Old", "s1", "FAIL", 2.0, 1, 1, 0)));
        Assert.That(stats.Tests, Is.EqualTo(new[]
        {
            new TestStatistics("Old", "T1", "s1-t1", "FAIL", 1.5, "boom"),
            new TestStatistics("Old", "T2", "s1-t2", "PASS", null, ""),
        }));
    }

    [Test]
    public void A_truncated_output_gives_no_statistics()
    {
        using var tmp = new TempDir();
        var full = File.ReadAllText(Path.Join(TestPaths.Fixtures, "pass", "output.xml"));
        var file = tmp.File("output.xml", full[..(full.Length / 2)]);
        Assert.That(RunStatistics.Read(file), Is.Null);
        Assert.That(RunStatistics.Read(tmp.File("ok.xml", full)), Is.Not.Null);
    }
}
