using System.Diagnostics;
using Robotmk.State;
using Robotmk.Tests.Runner;
using Robotmk.Time;

namespace Robotmk.Tests.Reliability;

/// <summary>
/// Suites that hang, ignore the graceful stop, leave a grandchild holding RF's stdout, flood stdout or write a huge
/// output.xml, run by the runner process with the real RF: each is contained by its timeout or a cap, reported with a
/// precise error, leaves no process behind, and the suite after them still runs within the budget.
/// </summary>
[Category("Reliability")]
[NonParallelizable]
public class HostileSuiteTests
{
    /// <summary>Keywords a hostile suite uses; they work below RF (signals, forks, raw file descriptors).</summary>
    private const string HostileLibrary = """
        import os, signal, time

        def ignore_sigterm_and_sleep():
            signal.signal(signal.SIGTERM, signal.SIG_IGN)
            time.sleep(3600)

        def fork_grandchild_holding_stdout(pidfile):
            # Double fork: the grandchild is orphaned at once, leaves RF's session and keeps RF's stdout and stderr
            # (the runner's pipes) open, ignoring SIGTERM.
            pid = os.fork()
            if pid == 0:
                os.setsid()
                if os.fork() != 0:
                    os._exit(0)
                signal.signal(signal.SIGTERM, signal.SIG_IGN)
                with open(pidfile + '.tmp', 'w') as f:
                    f.write(str(os.getpid()))
                os.rename(pidfile + '.tmp', pidfile)
                time.sleep(3600)
                os._exit(0)
            os.waitpid(pid, 0)
            while not os.path.exists(pidfile):
                time.sleep(0.01)

        def flood_stdout(megabytes):
            # Straight to file descriptor 1: RF captures sys.stdout into the log, not what a subprocess prints.
            chunk = b'y' * (1024 * 1024)
            for _ in range(int(megabytes)):
                os.write(1, chunk)
        """;

    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(3);
    private const int KillGrace = 10;

    private ChaosHost _host = null!;

    [SetUp]
    public void SetUp() => _host = new ChaosHost();

    [TearDown]
    public void TearDown() => _host.Dispose();

    private string GrandchildPidFile => Path.Join(_host.Harness.Root, "grandchild.pid");

    private static (string, string) Suite(string file, string settings, string body) =>
        (file, $"*** Settings ***\nLibrary    {Path.Join("..", "hostile.py")}\n{settings}\n*** Test Cases ***\nT\n{body}\n");

    [Test]
    public void Hostile_suites_are_contained_reported_precisely_and_do_not_delay_the_next_suite()
    {
        _host.Harness.Suite("hostile.py", HostileLibrary);
        var suites = new List<ChaosSuite>
        {
            new("sleeps_forever", "sleeps_forever", [Suite("sleeps_forever/s.robot", "", "    Sleep    1h")], "timeout: 3"),
            new("ignores_sigterm", "ignores_sigterm", [Suite("ignores_sigterm/s.robot", "", "    Ignore Sigterm And Sleep")], "timeout: 3"),
            new("grandchild", "grandchild", [Suite("grandchild/s.robot", "", $"    Fork Grandchild Holding Stdout    {GrandchildPidFile}")], "timeout: 20"),
            new("floods_stdout", "floods_stdout", [Suite("floods_stdout/s.robot", "", "    Flood Stdout    100")], "timeout: 20"),
            new("huge_output", "huge_output", [Suite("huge_output/s.robot", "",
                "    ${chunk}=    Evaluate    'x' * (1024 * 1024)\n    FOR    ${i}    IN RANGE    200\n        Log    ${chunk}\n    END")], "timeout: 30"),
            new("huge_output_rerun", "huge_output_rerun", [Suite("huge_output_rerun/s.robot", "",
                "    ${chunk}=    Evaluate    'x' * (1024 * 1024)\n    FOR    ${i}    IN RANGE    200\n        Log    ${chunk}\n    END\n    Fail    again")],
                "timeout: 60\nfailed_handling: {max_iterations: 3}"),
            new("after_them", "after_them", [("after_them/s.robot", "*** Test Cases ***\nT\n    Log    still on time\n")], "timeout: 20"),
        };
        _host.Configure(suites, "run_timeout: 200");

        var runner = RunnerProcess.Start(_host.Harness);
        var peak = new PeakRss(runner.Id);
        var sw = Stopwatch.StartNew();
        var (rc, stdout, stderr) = RunnerProcess.Finish(runner, Limit);
        sw.Stop();
        var peakKib = peak.Stop();

        var failures = new List<string>();
        Assert.That(rc, Is.Zero, stderr);
        Assert.That(RunnerHarness.SectionJson(stdout)["status"], Is.EqualTo("completed"));
        SuiteResult R(string id) => StateFiles.ReadSuite(StateFiles.SuiteFile(_host.StateDir, id)).Result!;
        void Expect(string id, ResultStatus status, string? errorStart, int maxSeconds)
        {
            var r = R(id);
            var took = Duration(r);
            if (r.Status != status || (errorStart is not null && r.Error?.StartsWith(errorStart, StringComparison.Ordinal) != true))
                failures.Add($"{id}: {r.Status} rc {r.Rc}: {r.Error}");
            if (took > maxSeconds)
                failures.Add($"{id}: took {took:0.0} s, more than {maxSeconds} s");
        }

        // Budgets: the suite's own timeout, plus the kill grace when the graceful stop is ignored, plus RF's start and
        // exit on a loaded machine.
        const int slack = 15;
        Expect("sleeps_forever", SuiteResult.Fatal, "timed out after 3 s: Robot Framework was stopped gracefully", 3 + slack);
        Expect("ignores_sigterm", SuiteResult.Fatal, "timed out after 3 s: Robot Framework did not stop gracefully and its process tree was killed", 3 + KillGrace + slack);
        Expect("grandchild", SuiteResult.NonFatal, null, slack);
        Expect("floods_stdout", SuiteResult.NonFatal, null, slack);
        Expect("huge_output", SuiteResult.Fatal, "output.xml is 200 MiB, more than the limit of 64 MiB", 30);
        Expect("huge_output_rerun", SuiteResult.Fatal, "output.xml is 200 MiB, more than the limit of 64 MiB", 30);
        if (R("huge_output_rerun").Attempts != 1)
            failures.Add($"huge_output_rerun: {R("huge_output_rerun").Attempts} attempts; an output over the limit is not re-run or merged");
        Expect("after_them", SuiteResult.NonFatal, null, slack);
        if (R("grandchild").Rc != 0 || R("floods_stdout").Rc != 0 || R("after_them").Rc != 0)
            failures.Add("a suite that passed in RF is not reported with rc 0");
        var grandchild = Pids.ReadPidFile(GrandchildPidFile);
        if (Pids.IsAlive(grandchild))
            failures.Add($"the grandchild {grandchild} holding RF's stdout is still alive");
        var left = _host.SuiteProcesses();
        if (left.Count > 0)
            failures.Add($"{left.Count} processes left: {string.Join("; ", left.Select(p => $"{p.Pid} {p.CommandLine}"))}");

        Chaos.Report(new ScenarioFigures
        {
            Scenario = "hostile suites: hang, SIGTERM ignored, grandchild holding stdout, 100 MB stdout, 200 MB output.xml",
            Count = suites.Count - 1,
            Unit = "hostile suites",
            Failures = failures,
            Figures = new Dictionary<string, object>
            {
                ["run_seconds"] = Math.Round(sw.Elapsed.TotalSeconds, 1),
                ["runner_peak_rss_mib"] = Math.Round(peakKib / 1024.0, 1),
                ["processes_left"] = left.Count,
            },
        });
        Assert.That(failures, Is.Empty);
    }

    /// <summary>The runner reads RF's stdout through a fixed-size tail: 100 MB of output cost no more memory than none.</summary>
    [Test]
    public void Runner_memory_stays_bounded_while_a_suite_prints_100_MB_to_stdout()
    {
        _host.Harness.Suite("hostile.py", HostileLibrary);
        _host.Configure(
        [
            new("quiet", "quiet", [Suite("quiet/s.robot", "", "    Flood Stdout    0")]),
            new("flood", "flood", [Suite("flood/s.robot", "", "    Flood Stdout    100")]),
        ]);

        var baseline = PeakOf("run", "--suite", "quiet");
        var flood = PeakOf("run", "--suite", "flood");

        var r = StateFiles.ReadSuite(StateFiles.SuiteFile(_host.StateDir, "flood")).Result!;
        var growth = (flood - baseline) / 1024.0;
        var failures = new List<string>();
        if (r is not { Status: SuiteResult.NonFatal, Rc: 0 })
            failures.Add($"flood: {r.Status} rc {r.Rc}: {r.Error}");
        if (growth > 32)
            failures.Add($"100 MB of stdout grew the runner's peak RSS by {growth:0.0} MiB");
        Chaos.Report(new ScenarioFigures
        {
            Scenario = "memory: 100 MB on RF's stdout",
            Count = 1,
            Unit = "flood",
            Failures = failures,
            Figures = new Dictionary<string, object>
            {
                ["runner_peak_rss_mib_quiet_suite"] = Math.Round(baseline / 1024.0, 1),
                ["runner_peak_rss_mib_100_mb_stdout"] = Math.Round(flood / 1024.0, 1),
            },
        });
        Assert.That(failures, Is.Empty);
    }

    private long PeakOf(params string[] args)
    {
        var runner = RunnerProcess.Start(_host.Harness, args);
        var peak = new PeakRss(runner.Id);
        var (rc, _, stderr) = RunnerProcess.Finish(runner, Limit);
        Assert.That(rc, Is.Zero, stderr);
        return peak.Stop();
    }

    private static double Duration(SuiteResult r) =>
        Iso8601.TryParse(r.StartTime, out var s) && Iso8601.TryParse(r.EndTime, out var e) ? (e - s).TotalSeconds : double.MaxValue;

    /// <summary>Samples VmHWM (the kernel's peak RSS) of a process until it exits; the last reading is its peak.</summary>
    private sealed class PeakRss
    {
        private readonly Task<long> _sampler;
        private volatile bool _stop;

        public PeakRss(int pid) => _sampler = Task.Run(() =>
        {
            long peak = 0;
            while (!_stop && HostProcesses.PeakRssKib(pid) is { } kib)
            {
                peak = Math.Max(peak, kib);
                Thread.Sleep(5);
            }
            return peak;
        });

        public long Stop()
        {
            _stop = true;
            return _sampler.GetAwaiter().GetResult();
        }
    }
}
