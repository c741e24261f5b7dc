using System.Diagnostics;
using System.Runtime.InteropServices;
using Robotmk.Config;
using Robotmk.Files;
using Robotmk.Paths;
using Robotmk.Runner.Coordination;
using Robotmk.Runner.Logging;
using Robotmk.Runner.RobotFramework;
using Robotmk.State;
using Robotmk.Tests.Controller.Support;
using Robotmk.Tests.Runner;
using Robotmk.Tests.Support;

namespace Robotmk.Tests.Security;

/// <summary>
/// Inputs that are not what they claim to be: a device or a FIFO where a file is expected, a file whose size says
/// nothing about how much it holds. Each is refused with a message, never read without end, never a hang.
/// </summary>
[Category("Security")]
[NonParallelizable]
public class OversizedAndOddFileTests
{
    private static readonly TimeSpan ControllerTimeout = TimeSpan.FromSeconds(5);

    [Test]
    public void Config_that_is_a_device_is_refused_by_validate_and_run_with_exit_2_and_no_stack_trace()
    {
        using var h = new RunnerHarness();
        // Through a link, as --config /dev/zero: the configured path itself may be a link, its target must be a file.
        File.CreateSymbolicLink(h.ConfigFile, "/dev/zero");

        foreach (var command in new[] { "validate", "run" })
        {
            var (rc, _, stderr) = h.Run(command);

            Assert.That(rc, Is.EqualTo(2), $"{command}: {stderr}");
            Assert.That(stderr, Does.Contain("is not a regular file (it is a character device)"), command);
            Assert.That(stderr, Does.Not.Contain("   at "), $"{command}: no stack trace");
        }
    }

    [Test]
    public void Config_that_is_a_FIFO_is_refused_without_waiting_for_a_writer()
    {
        using var tmp = new TempDir();
        var fifo = MakeFifo(Path.Join(tmp.Path, "robotmk.yml"));

        var read = RunBounded(() => ConfigLoader.Load(fifo, new HostPaths(fifo, tmp.Sub("state"), tmp.Sub("robot"), tmp.Sub("out"), tmp.Sub("log"))));

        Assert.That(read.Problems.Single().Message, Does.Contain("is not a regular file (it is a FIFO)"));
    }

    [Test]
    public void Bakery_rule_file_that_is_a_device_is_refused_with_exit_2()
    {
        using var tmp = new TempDir();

        var run = Robotmk.Tests.Bakery.CliRun.Invoke(tmp.Path, "validate", "/dev/zero");

        Assert.That(run.ExitCode, Is.EqualTo(2), run.Stderr);
        Assert.That(run.Stderr, Does.Contain("the rule file is not a regular file (it is a character device)"));
        Assert.That(run.Stderr, Does.Not.Contain("   at "));
    }

    [Test]
    public void Size_limit_is_counted_while_reading_not_taken_from_the_size_the_file_reports()
    {
        // Files of /proc report a size of 0 and hold more: only the bytes read tell.
        Assert.That(new FileInfo("/proc/self/maps").Length, Is.Zero);

        Assert.That(BoundedFile.Read("/proc/self/maps", 16), Is.EqualTo(new BoundedRead.TooLarge(17)));
        Assert.That(BoundedFile.Read("/proc/self/maps", 1 << 20), Is.TypeOf<BoundedRead.Content>());
    }

    [Test]
    public void Controller_prints_a_valid_section_at_once_when_the_runner_state_is_a_FIFO()
    {
        using var host = new StateHost();
        MakeFifo(StateFiles.RunnerFile(host.Paths.StateDir), replace: true);

        var (elapsed, blocks) = host.RunController();

        Assert.That(elapsed, Is.LessThan(ControllerTimeout));
        Assert.That(blocks, Is.Not.Empty);
        Assert.That(host.LastErr, Does.Contain("FIFO"));
    }

    [Test]
    public void Controller_prints_a_valid_section_at_once_with_a_fatal_entry_for_a_suite_whose_state_is_a_FIFO()
    {
        using var host = new StateHost();
        MakeFifo(StateFiles.SuiteFile(host.Paths.StateDir, "a"), replace: true);

        var (elapsed, blocks) = host.RunController();

        Assert.That(elapsed, Is.LessThan(ControllerTimeout));
        var suites = blocks[0].Suites.ToDictionary(s => (string)s["id"]!);
        Assert.That((string)suites["a"]["status"]!, Is.EqualTo("fatal"));
        Assert.That((string)suites["a"]["error"]!, Does.Contain("FIFO"));
        Assert.That((string)suites["b"]["status"]!, Is.EqualTo("nonfatal"), "the other suite is untouched");
    }

    [Test]
    public void Runner_replaces_state_files_that_are_FIFOs_instead_of_waiting_for_a_writer()
    {
        using var host = new StateHost();
        MakeFifo(StateFiles.RunnerFile(host.Paths.StateDir), replace: true);
        MakeFifo(StateFiles.SuiteFile(host.Paths.StateDir, "a"), replace: true);

        var report = RunBounded(host.RunRunner);

        Assert.That(report.Status, Is.EqualTo(RunStatus.Completed));
        Assert.That(StateFiles.ReadRunner(StateFiles.RunnerFile(host.Paths.StateDir)).LastRun?.RunId, Is.EqualTo(report.RunId));
        Assert.That(StateFiles.ReadSuite(StateFiles.SuiteFile(host.Paths.StateDir, "a")).Result?.RunId, Is.EqualTo(report.RunId));
    }

    [Test]
    public void Log_html_larger_than_the_limit_makes_the_suite_fatal_without_reading_it_whole()
    {
        using var host = new StateHost(transmitHtml: true, limits: new RunnerLimits { HeartbeatInterval = TimeSpan.Zero, MaxLogHtmlBytes = 1024 });
        host.Robot.During = spec =>
        {
            var args = spec.Arguments.ToList();
            File.WriteAllBytes(Path.Join(args[args.IndexOf("--outputdir") + 1], args[args.IndexOf("--log") + 1]), new byte[4096]);
        };

        var report = host.RunRunner();

        var a = report.Results.Single(r => r.Id == "a");
        Assert.That(a.Status, Is.EqualTo(SuiteResult.Fatal));
        Assert.That(a.Error, Does.Contain("log.html is").And.Contain("more than the limit"));
    }

    /// <summary>A state folder with a complete run of suites a and b, and the controller as the agent starts it.</summary>
    private sealed class StateHost : IDisposable
    {
        private readonly TempDir _tmp = new();
        private readonly ConfigResult _config;
        private readonly RunnerLimits _limits;
        private readonly FakeClock _clock;

        public HostPaths Paths { get; }
        public FakeRobot Robot { get; }
        public string LastErr { get; private set; } = "";

        public StateHost(bool transmitHtml = false, RunnerLimits? limits = null)
        {
            _clock = new FakeClock(DateTimeOffset.UtcNow);
            Robot = new FakeRobot(_clock);
            _limits = limits ?? new RunnerLimits { HeartbeatInterval = TimeSpan.Zero };
            Paths = new HostPaths(Path.Join(_tmp.Path, "robotmk.yml"), Path.Join(_tmp.Path, "var", "robotmk"), Path.Join(_tmp.Path, "robot"),
                Path.Join(_tmp.Path, "out"), Path.Join(_tmp.Path, "log"));
            foreach (var s in new[] { "a", "b" })
                _tmp.File(Path.Join("robot", s, "s.robot"), "*** Test Cases ***\nT\n    Log    x\n");
            _config = ConfigParser.Parse($"global:\n  robotdir: {Paths.RobotDir}\n  outputdir: {Paths.OutputDir}\n  logdir: {Paths.LogDir}\n" +
                                         $"  execution_interval: 300\n  cache_time: 600\n  transmit_html: {(transmitHtml ? "true" : "false")}\n" +
                                         "suites:\n  a: {path: a}\n  b: {path: b}\n", "robotmk.yml", Paths);
            if (!transmitHtml)
                RunRunner();
        }

        public RunReport RunRunner() =>
            new RunCoordinator(Paths, Robot, _clock, _limits, new RunnerLog(null, RobotmkLogLevel.Off, _clock, TextWriter.Null),
                _ => new RobotLauncher(new LaunchCommand("robot", []), new LaunchCommand("rebot", []))).Run(_config);

        /// <summary>The controller program in a process of its own, killed after the timeout: a hang fails the test, not the run.</summary>
        public (TimeSpan Elapsed, IReadOnlyList<SectionBlock> Blocks) RunController()
        {
            var sw = Stopwatch.StartNew();
            var outcome = ChildProcess.RunDll(TestPaths.ProgramDll("robotmk"), [],
                new Dictionary<string, string?> { ["MK_VARDIR"] = Path.GetDirectoryName(Paths.StateDir)! }, ControllerTimeout);
            var elapsed = sw.Elapsed;
            Assert.That(outcome.ExitCode, Is.Zero, outcome.Stderr);
            LastErr = outcome.Stderr + System.Text.Encoding.UTF8.GetString(outcome.Stdout);
            return (elapsed, SectionContract.Check(outcome.Stdout));
        }

        public void Dispose() => _tmp.Dispose();
    }

    /// <summary>Runs a call that must not block, on a thread of its own, failing the test when it does.</summary>
    private static T RunBounded<T>(Func<T> call)
    {
        var task = Task.Run(call);
        Assert.That(task.Wait(ControllerTimeout), Is.True, "the call blocked");
        return task.Result;
    }

    private static string MakeFifo(string path, bool replace = false)
    {
        if (replace)
            File.Delete(path);
        Assert.That(mkfifo(path, 0b110_000_000), Is.Zero, $"mkfifo {path}");
        return path;
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int mkfifo(string path, uint mode);
}
