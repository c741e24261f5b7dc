using System.Text.Json;
using Robotmk.Runner.Results;
using Robotmk.Tests.Runner;

namespace Robotmk.Tests.Results;

public class HistoryCommandTests
{
    private RunnerHarness _h = null!;
    private readonly List<byte[]> _written = [];

    [SetUp]
    public void SetUp()
    {
        _written.Clear();
        _h = new RunnerHarness();
        _h.Config("checkout: {path: checkout}\nlogin: {path: login}");
        var store = new ResultStore(_h.OutputDir);
        var ids = new RunIds();
        var t = new DateTimeOffset(2026, 12, 6, 8, 0, 0, TimeSpan.Zero);
        foreach (var (suite, state, minutes, pass, fail) in new[]
                 {
                     ("checkout", RunState.Passed, 0, 3, 0), ("login", RunState.Failed, 1, 1, 1),
                     ("checkout", RunState.Timeout, 15, -1, -1), ("checkout", RunState.Passed, 30, 3, 0),
                 })
        {
            var start = t.AddMinutes(minutes);
            var doc = new ResultDocument
            {
                RunId = ids.Next(start), Host = "h", SuiteId = suite, State = state, Attempts = fail > 0 ? 2 : 1, MaxAttempts = 2,
                StartTime = Robotmk.Time.Iso8601.Format(start), Duration = 12.34,
                Statistics = pass < 0 ? null : new RunStatistics([new SuiteStatistics("S", "s1", "PASS", 1, pass, fail, 0)], [], 0),
            };
            var json = doc.ToJsonBytes();
            store.Write(doc, json);
            _written.Add(json);
        }
    }

    [TearDown]
    public void TearDown() => _h.Dispose();

    [Test]
    public void The_table_lists_every_run_oldest_first()
    {
        var (rc, output, _) = _h.Run("history");
        Assert.That(rc, Is.Zero);
        Assert.That(output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => string.Join(' ', l.Split(' ', StringSplitOptions.RemoveEmptyEntries))), Is.EqualTo(new[]
        {
            "TIME SUITE STATE DURATION PASS FAIL SKIP ATTEMPTS",
            "2026-12-06 08:00:00Z checkout passed 12.3 s 3 0 0 1",
            "2026-12-06 08:01:00Z login failed 12.3 s 1 1 0 2",
            "2026-12-06 08:15:00Z checkout timeout 12.3 s - - - 1",
            "2026-12-06 08:30:00Z checkout passed 12.3 s 3 0 0 1",
        }));
    }

    [Test]
    public void Suite_and_last_select_runs()
    {
        var (_, output, _) = _h.Run("history", "--suite", "checkout", "--last", "2");
        var rows = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).ToList();
        Assert.That(rows, Has.Count.EqualTo(2));
        Assert.That(rows[0], Does.StartWith("2026-12-06 08:15:00Z").And.Contain("timeout"));
        Assert.That(rows[1], Does.StartWith("2026-12-06 08:30:00Z"));
        Assert.That(_h.Run("history", "--suite", "nothing").Out, Does.StartWith("no results in"));
    }

    [Test]
    public void Json_prints_each_document_on_one_line()
    {
        var (rc, output, _) = _h.Run("history", "--json");
        Assert.That(rc, Is.Zero);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines, Is.EqualTo(_written.Select(b => System.Text.Encoding.UTF8.GetString(b)).ToArray()));
        foreach (var line in lines)
            ResultSchema.AssertValid(line);
    }

    [Test]
    public void A_bad_last_is_invalid_input()
    {
        var (rc, _, err) = _h.Run("history", "--last", "0");
        Assert.That(rc, Is.EqualTo(Robotmk.Cli.ExitCode.InvalidInput));
        Assert.That(err, Does.Contain("--last must be at least 1"));
    }
}
