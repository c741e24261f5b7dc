using Robotmk.Config;
using Robotmk.Runner.Results;
using Robotmk.Tests.Runner;

namespace Robotmk.Tests.Results;

/// <summary>The run history through the coordinator with a fake RF and a fake clock: ids and pruning by age.</summary>
public class ResultHistoryFakeTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 6, 10, 0, 0, TimeSpan.Zero);

    private static ConfigResult Config(FakeRunnerHost host, string global = "")
    {
        var p = host.Paths;
        var yaml = $"global:\n  robotdir: {p.RobotDir}\n  outputdir: {p.OutputDir}\n  logdir: {p.LogDir}\n  execution_interval: 300\n{global}" +
                   "suites:\n  a: {path: a.robot}\n  b: {path: b.robot}\n";
        var result = ConfigParser.Parse(yaml, "robotmk.yml", p);
        Assert.That(result.HasErrors, Is.False, string.Join("\n", result.Problems));
        return result;
    }

    private static List<string> Ids(FakeRunnerHost host, string suite) =>
        [.. new ResultStore(host.Paths.OutputDir).All().Where(f => f.SuiteFolder == suite).Select(f => f.RunId)];

    [Test]
    public void Two_runs_in_the_same_second_get_unique_ids_in_run_order()
    {
        using var host = new FakeRunnerHost(Start);
        host.Robot.Behaviour["a.robot"] = (TimeSpan.Zero, "pass", 0);
        host.Robot.Behaviour["b.robot"] = (TimeSpan.Zero, "fail", 1);
        var config = Config(host);

        var run1 = host.Coordinator().Run(config).RunId;
        var run2 = host.Coordinator().Run(config).RunId;

        var a = Ids(host, "a");
        var b = Ids(host, "b");
        Assert.That(a, Has.Count.EqualTo(2));
        Assert.That(a.Concat(b), Is.Unique);
        Assert.That(a.Concat(b).Select(id => id[..15]), Has.All.EqualTo("20261206T100000"), "all in the same second");
        // In run order: the first run's documents have the smaller ids.
        var documents = new ResultStore(host.Paths.OutputDir).All().Select(f => File.ReadAllText(f.File)).ToList();
        Assert.That(documents.Select(d => System.Text.Json.JsonDocument.Parse(d).RootElement.GetProperty("runner_run_id").GetString()),
            Is.EqualTo(new[] { run1, run1, run2, run2 }));
        foreach (var d in documents)
            ResultSchema.AssertValid(d);
    }

    [Test]
    public void Documents_older_than_history_days_are_pruned_at_the_end_of_a_run()
    {
        using var host = new FakeRunnerHost(Start);
        var config = Config(host, "  history_days: 3\n  log_rotation: 30\n");
        host.Coordinator().Run(config);
        var first = Ids(host, "a").Single();

        host.Clock.Advance(TimeSpan.FromDays(2));
        host.Coordinator().Run(config);
        Assert.That(Ids(host, "a"), Has.Count.EqualTo(2), "2 days: kept");

        host.Clock.Advance(TimeSpan.FromDays(2));
        host.Coordinator().Run(config);
        var left = Ids(host, "a");
        Assert.That(left, Has.Count.EqualTo(2));
        Assert.That(left, Does.Not.Contain(first));
    }

    [Test]
    public void Without_history_days_documents_are_kept_for_log_rotation_days()
    {
        using var host = new FakeRunnerHost(Start);
        var config = Config(host, "  log_rotation: 5\n");
        host.Coordinator().Run(config);
        host.Clock.Advance(TimeSpan.FromDays(4));
        host.Coordinator().Run(config);
        Assert.That(Ids(host, "b"), Has.Count.EqualTo(2));
        host.Clock.Advance(TimeSpan.FromDays(2));
        host.Coordinator().Run(config);
        Assert.That(Ids(host, "b"), Has.Count.EqualTo(2));
    }
}
