using System.Diagnostics;
using Robotmk.Cli;
using Robotmk.Controller.State;
using Robotmk.Tests.Runner;
using Robotmk.Tests.Support;
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

    /// <summary>
    /// Agent runners and runners of an external suite (<c>run --suite desktop</c>, as the scheduler starts it for the
    /// desktop user) started at the same instant, round after round: one of each kind runs, neither blocks the other,
    /// both deliver a new complete result in every round, no result is torn or lost in either folder, and the
    /// controller polled the whole time always prints a valid section that holds both suites. (The user is the test's
    /// own uid; the paths, the lock and the checks are those of a user's folder.)
    /// </summary>
    [Test]
    public void An_agent_runner_and_an_external_suites_runner_started_at_the_same_instant_both_deliver()
    {
        var random = Chaos.Random("concurrency-external");
        var rounds = Chaos.Count(8);
        using var host = new ChaosHost();
        host.Configure([.. Suites, new("desktop", "desktop.robot", [("desktop.robot", "*** Test Cases ***\nDesktop\n    Sleep    0.5s\n")], "execution_mode: external")],
            $"max_parallel: {maxParallel}");
        Directory.CreateDirectory(host.StateDir);
        var folder = ExternalSuiteInstall.Create(host.StateDir, "desktop");

        var agentSuites = Suites.Select(s => s.Id).ToList();
        var agentAudit = new StateAudit(host.StateDir, agentSuites);
        var userAudit = new StateAudit(folder, ["desktop"]);
        var reader = new ControllerReader(host.Harness.VarDir, host.StateDir, [.. agentSuites, "desktop"]) { ExternalFolders = { ["desktop"] = folder } };
        var readerTask = Task.Run(reader.Loop);
        var failures = new List<string>();
        var runnersStarted = 0;
        var overlapping = 0;
        try
        {
            for (var round = 1; round <= rounds; round++)
            {
                var (agents, users) = (random.Next(1, 3), random.Next(1, 3));
                runnersStarted += agents + users;
                var (agentNew, userNew) = (agentAudit.NewResults, userAudit.NewResults);
                using var gate = new StartingGate(host.Harness.Root);
                var agentRunners = Enumerable.Range(0, agents).Select(_ => gate.Enqueue(host.Harness)).ToList();
                var userRunners = Enumerable.Range(0, users).Select(_ => gate.Enqueue(host.Harness, "run", "--suite", "desktop")).ToList();
                gate.Open([.. agentRunners, .. userRunners]);
                var agentResults = agentRunners.Select(r => RunnerProcess.Finish(r, TimeSpan.FromMinutes(2))).ToList();
                var userResults = userRunners.Select(r => RunnerProcess.Finish(r, TimeSpan.FromMinutes(2))).ToList();

                var statuses = agentResults.Select(r => (string?)RunnerHarness.SectionJson(r.Out)["status"]).ToList();
                if (statuses.Count(s => s == "completed") != 1 || statuses.Count(s => s == "already_running") != agents - 1)
                    failures.Add($"round {round}: {agents} agent runners reported {string.Join(", ", statuses)}");
                var userCodes = userResults.Select(r => r.Rc).ToList();
                if (userCodes.Count(c => c == ExitCode.Success) != 1 || userCodes.Count(c => c == ExitCode.Busy) != users - 1)
                    failures.Add($"round {round}: {users} runners of the external suite exited {string.Join(", ", userCodes)}: {string.Join(" | ", userResults.Select(r => r.Err.Trim()))}");

                agentAudit.Check($"round {round}");
                userAudit.Check($"round {round}");
                if (agentAudit.NewResults != agentNew + agentSuites.Count || userAudit.NewResults != userNew + 1)
                    failures.Add($"round {round}: new results: agent suites {agentAudit.NewResults - agentNew} (expected {agentSuites.Count}), external suite {userAudit.NewResults - userNew} (expected 1)");
                else if (Overlap(agentAudit.Known["slow.robot"]!, userAudit.Known["desktop"]!))
                    overlapping++;
                var (_, output, _) = ControllerProbe.Run(host.Harness.VarDir, SystemClock.Instance);
                var entries = Robotmk.Tests.Controller.Support.SectionContract.Validate(output).Blocks[0].Suites;
                failures.AddRange(entries.Where(e => ControllerProbe.Status(e) != "nonfatal").Select(e => $"round {round}: suite {e["id"]} is {ControllerProbe.Status(e)}: {e["error"]}"));
            }
        }
        finally
        {
            reader.Stop();
            readerTask.GetAwaiter().GetResult();
        }
        failures.AddRange(reader.Failures);
        failures.AddRange(agentAudit.Failures);
        failures.AddRange(userAudit.Failures);

        Chaos.Report(new ScenarioFigures
        {
            Scenario = "concurrency: agent runners and external suite runners started at the same instant" + (maxParallel == 1 ? "" : $" (max_parallel {maxParallel})"),
            Count = rounds,
            Unit = "rounds",
            Failures = failures,
            Figures = new Dictionary<string, object>
            {
                ["runners_started"] = runnersStarted,
                ["new_results_agent_suites"] = agentAudit.NewResults,
                ["new_results_external_suite"] = userAudit.NewResults,
                ["rounds_with_both_suites_running_at_once"] = overlapping,
                ["torn"] = agentAudit.Torn + userAudit.Torn,
                ["lost"] = agentAudit.Lost + userAudit.Lost,
                ["state_file_reads"] = reader.Reads,
                ["controller_sections"] = reader.Sections,
                ["unparsable_reads_or_invalid_sections"] = reader.Failures.Count,
            },
        });
        Assert.That(failures, Is.Empty);
        Assert.That(agentAudit.Torn + userAudit.Torn + agentAudit.Lost + userAudit.Lost, Is.Zero);
        Assert.That(overlapping, Is.Positive, "the suites of the two runners ran at the same time (neither waited for the other)");
        Assert.That(reader.Reads, Is.GreaterThan(rounds * 10), "the reader really read during the rounds");
    }

    private static bool Overlap(Robotmk.State.SuiteResult a, Robotmk.State.SuiteResult b) =>
        Iso8601.TryParse(a.StartTime, out var aStart) && Iso8601.TryParse(a.EndTime, out var aEnd)
        && Iso8601.TryParse(b.StartTime, out var bStart) && Iso8601.TryParse(b.EndTime, out var bEnd)
        && aStart < bEnd && bStart < aEnd;

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

        /// <summary>External suites: read from their user's folder, as the agent runner's snapshot says.</summary>
        public Dictionary<string, string> ExternalFolders { get; } = [];

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
                    var read = ExternalFolders.TryGetValue(id, out var external) ? folder.ReadExternalSuite(id, external) : folder.ReadSuite(id);
                    if (read is SuiteStateRead.Unreadable bad)
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
