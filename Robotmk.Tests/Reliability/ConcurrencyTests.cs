using System.Diagnostics;
using Robotmk.Controller.State;
using Robotmk.Tests.Runner;
using Robotmk.Time;

namespace Robotmk.Tests.Reliability;

/// <summary>
/// 2–4 runners started at the same instant, round after round: exactly one runs the suites, the others exit 0 at
/// once saying so; the controller polled the whole time never meets a file it cannot parse and always prints a valid section.
/// </summary>
/// <param name="maxParallel">1: one suite after another, as v1; 2: the suites run side by side.</param>
[Category("Reliability")]
[NonParallelizable]
[TestFixture(1)]
[TestFixture(2)]
public class ConcurrencyTests(int maxParallel)
{
    private static readonly IReadOnlyList<ChaosSuite> Suites =
    [
        new("slow.robot", "slow.robot", [("slow.robot", "*** Test Cases ***\nSlow\n    Sleep    1.2s\n")]),
        new("quick.robot", "quick.robot", [("quick.robot", "*** Test Cases ***\nQuick\n    Log    ok\n")]),
    ];

    [Test]
    public void Runners_started_at_the_same_instant_run_the_suites_exactly_once_per_round()
    {
        var random = Chaos.Random("concurrency");
        var rounds = Chaos.Count(10);
        using var host = new ChaosHost();
        host.Configure(Suites, $"max_parallel: {maxParallel}");
        Directory.CreateDirectory(host.StateDir);

        var reader = new ControllerReader(host.Harness.VarDir, host.StateDir, [.. Suites.Select(s => s.Id)]);
        var readerTask = Task.Run(reader.Loop);
        var failures = new List<string>();
        var runnersStarted = 0;
        try
        {
            for (var round = 1; round <= rounds; round++)
            {
                var n = random.Next(2, 5);
                runnersStarted += n;
                var outputsBefore = RobotOutputs(host);
                using var gate = new StartingGate(host.Harness.Root);
                var runners = Enumerable.Range(0, n).Select(_ => gate.Enqueue(host.Harness)).ToList();
                gate.Open(runners);
                var results = runners.Select(r => RunnerProcess.Finish(r, TimeSpan.FromMinutes(2))).ToList();

                var statuses = results.Select(r => (string?)RunnerHarness.SectionJson(r.Out)["status"]).ToList();
                if (results.Any(r => r.Rc != 0))
                    failures.Add($"round {round}: exit codes {string.Join(",", results.Select(r => r.Rc))}");
                if (statuses.Count(s => s == "completed") != 1 || statuses.Count(s => s == "already_running") != n - 1)
                    failures.Add($"round {round}: {n} runners reported {string.Join(", ", statuses)}");
                var ran = RobotOutputs(host).Except(outputsBefore).Count();
                if (ran != Suites.Count)
                    failures.Add($"round {round}: RF ran {ran} times for {Suites.Count} suites");
            }
        }
        finally
        {
            reader.Stop();
            readerTask.GetAwaiter().GetResult();
        }
        failures.AddRange(reader.Failures);

        Chaos.Report(new ScenarioFigures
        {
            Scenario = "concurrency: runners started at the same instant" + (maxParallel == 1 ? "" : $" (max_parallel {maxParallel})"),
            Count = rounds,
            Unit = "rounds",
            Failures = failures,
            Figures = new Dictionary<string, object>
            {
                ["runners_started"] = runnersStarted,
                ["state_file_reads"] = reader.Reads,
                ["controller_sections"] = reader.Sections,
                ["unparsable_reads_or_invalid_sections"] = reader.Failures.Count,
            },
        });
        Assert.That(failures, Is.Empty);
        Assert.That(reader.Reads, Is.GreaterThan(rounds * 10), "the reader really read during the rounds");
    }

    private static HashSet<string> RobotOutputs(ChaosHost host) =>
        Directory.Exists(host.Harness.OutputDir)
            ? Directory.GetFiles(host.Harness.OutputDir, "*_attempt-1_output.xml").ToHashSet()
            : [];

    /// <summary>
    /// The controller polled in a tight loop, as an agent poll could come at any moment: its reads of the state files
    /// (the controller's own parsers) and the section it prints.
    /// </summary>
    private sealed class ControllerReader(string varDir, string stateDir, IReadOnlyList<string> suiteIds)
    {
        private volatile bool _stop;

        public long Reads { get; private set; }
        public long Sections { get; private set; }
        public List<string> Failures { get; } = [];

        public void Stop() => _stop = true;

        public void Loop()
        {
            while (!_stop)
            {
                var folder = new StateFolder(stateDir, 64L * 1024 * 1024);
                var runner = folder.ReadRunner();
                if (runner is RunnerStateRead.Unreadable u)
                    Failures.Add($"runner state: {u.Reason}");
                foreach (var id in suiteIds)
                {
                    if (folder.ReadSuite(id) is SuiteStateRead.Unreadable bad)
                        Failures.Add($"suite {id}: {bad.Reason}");
                    Reads++;
                }
                Reads++;
                Failures.AddRange(ControllerProbe.Check(varDir, SystemClock.Instance, runner is RunnerStateRead.Loaded ? suiteIds : []));
                Sections++;
            }
        }
    }
}
