using Robotmk.State;
using Robotmk.Time;

namespace Robotmk.Tests.Runner;

/// <summary>Suites side by side with the real Robot Framework: groups overlap, a group's suites do not, nothing collides.</summary>
[Category("Integration")]
public class ParallelRunTests
{
    private RunnerHarness _h = null!;

    [SetUp]
    public void SetUp() => _h = new RunnerHarness();

    [TearDown]
    public void TearDown() => _h.Dispose();

    private static string Sleeping(string seconds) => $"*** Test Cases ***\nSleeps\n    Sleep    {seconds}\n";

    private (DateTimeOffset Start, DateTimeOffset End) Span(string id)
    {
        var r = _h.SuiteState(id).Result!;
        var parsed = Iso8601.TryParse(r.StartTime, out var start);
        parsed &= Iso8601.TryParse(r.EndTime, out var end);
        Assert.That(parsed, Is.True, id);
        return (start, end);
    }

    private static bool Overlap((DateTimeOffset Start, DateTimeOffset End) x, (DateTimeOffset Start, DateTimeOffset End) y) =>
        x.Start < y.End && y.Start < x.End;

    [Test]
    public void Two_groups_run_side_by_side_and_the_suites_of_a_group_one_after_another()
    {
        foreach (var id in new[] { "a1", "a2", "b1", "b2" })
            _h.Suite(id + ".robot", Sleeping("2s"));
        _h.Config("a1: {path: a1.robot, group: a}\na2: {path: a2.robot, group: a}\nb1: {path: b1.robot, group: b}\nb2: {path: b2.robot, group: b}",
            "max_parallel: 2");

        var (rc, stdout, _) = _h.Run();

        Assert.That(rc, Is.Zero);
        Assert.That(RunnerHarness.SectionJson(stdout)["passed"], Is.EqualTo(4L));
        var (a1, a2, b1, b2) = (Span("a1"), Span("a2"), Span("b1"), Span("b2"));
        var spans = new[] { a1, a2, b1, b2 };
        TestContext.Progress.WriteLine($"[parallel] 4 suites sleeping 2 s in 2 groups, max_parallel 2: " +
                                       $"{(spans.Max(x => x.End) - spans.Min(x => x.Start)).TotalSeconds:0.0} s from the first start to the last end, " +
                                       $"{spans.Sum(x => (x.End - x.Start).TotalSeconds):0.0} s in suites");
        Assert.Multiple(() =>
        {
            Assert.That(Overlap(a1, a2), Is.False, "a group's suites never overlap");
            Assert.That(Overlap(b1, b2), Is.False, "a group's suites never overlap");
            Assert.That(Overlap(a1, b1) && Overlap(a2, b2), Is.True, "the two groups run side by side");
        });
        // No collision: each suite has its own output files, holding its own suite.
        foreach (var id in new[] { "a1", "a2", "b1", "b2" })
        {
            var outputs = Directory.GetFiles(_h.OutputDir, $"robotframework_{id}_*_output.xml");
            Assert.That(outputs, Has.Length.EqualTo(2), id + ": attempt and final output"); 
            Assert.That(File.ReadAllText(outputs[0]), Does.Contain($"name=\"{id.ToUpperInvariant()[0]}{id[1..]}\""), id);
            Assert.That(_h.SuiteState(id).Result!.Status, Is.EqualTo(SuiteResult.NonFatal));
        }
        Assert.That(Directory.Exists(Path.Join(_h.StateDir, "private")) ? Directory.GetFileSystemEntries(Path.Join(_h.StateDir, "private")) : [], Is.Empty,
            "the slots' private folders are gone");
    }

    [Test]
    public void Run_prints_whole_progress_lines_of_interleaved_suites_and_one_summary()
    {
        _h.Suite("left.robot", Sleeping("1s"));
        _h.Suite("right.robot", Sleeping("1s"));
        _h.Config("left: {path: left.robot}\nright: {path: right.robot}", "max_parallel: 2");

        var (rc, stdout, _) = _h.Run("run");

        Assert.That(rc, Is.Zero, stdout);
        var lines = stdout.Split('\n');
        var starts = lines.Where(l => l.StartsWith("> ", StringComparison.Ordinal)).ToList();
        var ends = lines.Where(l => l.StartsWith("  left: PASS", StringComparison.Ordinal) || l.StartsWith("  right: PASS", StringComparison.Ordinal)).ToList();
        Assert.That(starts, Is.EqualTo(new[] { "> left: running left.robot (up to 1 attempt)", "> right: running right.robot (up to 1 attempt)" }));
        Assert.That(ends, Has.Count.EqualTo(2));
        Assert.That(Array.IndexOf(lines, starts[1]), Is.LessThan(Array.IndexOf(lines, ends[0])), "both started before the first ended");
        Assert.That(lines, Has.One.StartWith("run ").And.Contains(": 2 passed, 0 failed, 0 fatal, 0 skipped"));
    }

    [Test]
    public void A_timeout_in_one_group_kills_only_that_suites_process_tree()
    {
        var pidFile = Path.Join(_h.Root, "child.pid");
        _h.Suite("hangs.robot", $$"""
            *** Settings ***
            Library    Process
            Library    OperatingSystem
            *** Test Cases ***
            Hangs With A Child
                ${p}=    Start Process    sleep    300
                ${pid}=    Get Process Id    ${p}
                Create File    {{pidFile}}    ${pid}
                Sleep    300s
            """);
        _h.Suite("steady.robot", """
            *** Settings ***
            Library    Process
            *** Test Cases ***
            Keeps Its Child
                ${p}=    Start Process    sleep    300
                Sleep    8s
                Process Should Be Running    ${p}
                Terminate Process    ${p}
            """);
        _h.Config("hangs: {path: hangs.robot, timeout: 3}\nsteady: {path: steady.robot}", "max_parallel: 2");

        var (rc, _, _) = _h.Run();

        Assert.That(rc, Is.Zero);
        var hangs = _h.SuiteState("hangs").Result!;
        var steady = _h.SuiteState("steady").Result!;
        Assert.That((hangs.Status, hangs.TimedOut), Is.EqualTo((SuiteResult.Fatal, true)));
        Assert.That((steady.Status, steady.Rc), Is.EqualTo((SuiteResult.NonFatal, 0)), steady.Error);
        Assert.That(Span("steady").End, Is.GreaterThan(Span("hangs").End), "steady ran on while hangs was killed, and its child lived");
        var child = int.Parse(File.ReadAllText(pidFile).Trim(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.That(Directory.Exists($"/proc/{child}"), Is.False, "the timed-out suite's child is gone");
    }
}
