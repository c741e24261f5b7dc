using Robotmk.State;
using Robotmk.Tests.Runner;

namespace Robotmk.Tests.Reliability;

/// <summary>
/// Read-only state folder, unwritable or missing output folder, full disk, with the runner process and the real RF:
/// the runner says what is wrong (stderr and its section), writes what it still can, and the previous results stay
/// byte for byte as they were; once the fault is gone the next run recovers.
/// </summary>
[Category("Reliability")]
[NonParallelizable]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public class DiskFaultTests
{
    private static readonly IReadOnlyList<ChaosSuite> Suites =
    [
        new("a", "a", [("a/a.robot", "*** Test Cases ***\nT\n    Log    a\n")]),
        new("b", "b", [("b/b.robot", "*** Test Cases ***\nT\n    Log    b\n")]),
    ];

    private ChaosHost _host = null!;
    private readonly List<TmpfsMount> _mounts = [];
    private readonly List<string> _failures = [];

    [SetUp]
    public void SetUp()
    {
        _host = new ChaosHost();
        _host.Configure(Suites);
        _failures.Clear();
    }

    [TearDown]
    public void TearDown()
    {
        foreach (var m in _mounts)
            m.Dispose();
        _mounts.Clear();
        if (Directory.Exists(_host.StateDir))
            File.SetUnixFileMode(_host.StateDir, Robotmk.State.OwnerOnly.DirectoryMode);
        _host.Dispose();
    }

    private TmpfsMount? Mount(string path, int sizeKib)
    {
        var m = TmpfsMount.TryMount(path, sizeKib);
        if (m is not null)
            _mounts.Add(m);
        return m;
    }

    private Dictionary<string, byte[]> StateFilesNow() =>
        Directory.GetFiles(_host.StateDir).Where(f => Path.GetFileName(f) != StateFiles.LockFileName)
            .ToDictionary(f => Path.GetFileName(f), File.ReadAllBytes);

    private void Check(bool condition, string failure)
    {
        if (!condition)
            _failures.Add(failure);
    }

    /// <summary>The runner told about the fault on stderr and in its section, with the OS's reason.</summary>
    private void ExpectReported((int Rc, string Out, string Err) r, string reason, string fault)
    {
        Check(r.Rc == 0, $"{fault}: exit code {r.Rc} (the agent drops the cache of a plugin that fails): {r.Err}");
        var section = RunnerHarness.SectionJson(r.Out);
        var said = $"{section["status"]} {section["message"]} {section["errors"]}";
        Check(said.Contains(reason, StringComparison.Ordinal), $"{fault}: the section does not say '{reason}': {said}");
        Check(r.Err.Contains(reason, StringComparison.Ordinal), $"{fault}: stderr does not say '{reason}': {r.Err}");
        Check(!said.Contains("another runner", StringComparison.Ordinal), $"{fault}: reported as a lock held by another runner: {said}");
    }

    /// <summary><c>robotmk-runner run</c> (a person, a scheduler) is told too, with exit code 1.</summary>
    private void ExpectRunModeReports((int Rc, string Out, string Err) r, string reason)
    {
        Check(r.Rc == 1, $"full disk, run: exit code {r.Rc}");
        Check(r.Err.Contains(reason, StringComparison.Ordinal), $"full disk, run: stderr does not say '{reason}': {r.Err} (stdout: {r.Out})");
    }

    private void ExpectRecovery(string fault)
    {
        var r = RunnerProcess.Finish(RunnerProcess.Start(_host.Harness), TimeSpan.FromMinutes(2));
        var runId = _host.TryReadRunnerState()?.RunId;
        var audit = new StateAudit(_host.StateDir, ["a", "b"]);
        audit.Check("after " + fault);
        Check(RunnerHarness.SectionJson(r.Out)["status"] as string == "completed", $"{fault}: the run after the fault did not complete: {r.Out}");
        foreach (var id in new[] { "a", "b" })
            Check(audit.Known[id] is { Status: SuiteResult.NonFatal } res && res.RunId == runId, $"{fault}: suite {id} has no good result after recovery");
        Check(_host.ForeignTempFiles(-1).Count == 0, $"{fault}: temp files left: {string.Join(", ", _host.ForeignTempFiles(-1))}");
        _failures.AddRange(audit.Failures);
    }

    private void Report(string scenario, string strategy)
    {
        Chaos.Report(new ScenarioFigures
        {
            Scenario = scenario,
            Count = 1,
            Unit = "injected faults",
            Failures = [.. _failures],
            Figures = new Dictionary<string, object> { ["fault_injected_by"] = strategy },
        });
        Assert.That(_failures, Is.Empty);
    }

    [Test]
    public void Read_only_state_folder_keeps_the_previous_results_and_says_why_nothing_was_written()
    {
        var mount = Mount(_host.StateDir, 4096);
        RunnerProcess.Finish(RunnerProcess.Start(_host.Harness), TimeSpan.FromMinutes(2));
        var before = StateFilesNow();

        (int Rc, string Out, string Err) r;
        string strategy, reason;
        if (mount is not null)
        {
            mount.RemountReadOnly();
            (strategy, reason) = ("read-only tmpfs", "Read-only file system");
            r = RunnerProcess.Finish(RunnerProcess.Start(_host.Harness), TimeSpan.FromMinutes(2));
            mount.RemountWritable();
        }
        else if (!TmpfsMount.IsRoot)
        {
            File.SetUnixFileMode(_host.StateDir, UnixFileMode.UserRead | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute);
            (strategy, reason) = ("chmod 0555", "Access to the path");
            r = RunnerProcess.Finish(RunnerProcess.Start(_host.Harness), TimeSpan.FromMinutes(2));
            File.SetUnixFileMode(_host.StateDir, Robotmk.State.OwnerOnly.DirectoryMode);
        }
        else
        {
            (strategy, reason) = ("file size limit 0 (root without mount rights)", "File too large");
            r = LimitedRunner.Run(_host.Harness, 0);
        }

        ExpectReported(r, reason, "read-only state folder");
        var after = StateFilesNow();
        Check(after.Count == before.Count && before.All(kv => after.TryGetValue(kv.Key, out var b) && b.SequenceEqual(kv.Value)),
            "read-only state folder: the previous state files changed");
        ExpectRecovery("read-only state folder");
        Report("disk: read-only state folder", strategy);
    }

    [Test]
    public void Unwritable_output_folder_makes_each_suite_fatal_with_the_reason_and_a_missing_one_is_created()
    {
        RunnerProcess.Finish(RunnerProcess.Start(_host.Harness), TimeSpan.FromMinutes(2));
        var mount = Mount(_host.Harness.OutputDir, 4096);
        string strategy, reason;
        if (mount is not null)
        {
            mount.RemountReadOnly();
            (strategy, reason) = ("read-only tmpfs", "Read-only file system");
        }
        else
        {
            Directory.Delete(_host.Harness.OutputDir, recursive: true);
            File.WriteAllText(_host.Harness.OutputDir, "a file where the output folder should be");
            (strategy, reason) = ("a file in place of the folder", "cannot be created");
        }

        var r = RunnerProcess.Finish(RunnerProcess.Start(_host.Harness), TimeSpan.FromMinutes(2));

        Check(r.Rc == 0, $"exit code {r.Rc}: {r.Err}");
        var runId = _host.TryReadRunnerState()?.RunId;
        foreach (var id in new[] { "a", "b" })
        {
            var result = StateFiles.ReadSuite(StateFiles.SuiteFile(_host.StateDir, id)).Result!;
            Check(result.Status == SuiteResult.Fatal && result.RunId == runId && result.Error!.Contains(reason, StringComparison.Ordinal),
                $"unwritable output folder: suite {id}: {result.Status} of run {result.RunId}: {result.Error}");
        }

        mount?.Dispose();
        _mounts.Clear();
        if (File.Exists(_host.Harness.OutputDir))
            File.Delete(_host.Harness.OutputDir);
        if (Directory.Exists(_host.Harness.OutputDir))
            Directory.Delete(_host.Harness.OutputDir, recursive: true);
        ExpectRecovery("missing output folder");
        Report("disk: unwritable, then missing output folder", strategy);
    }

    [Test]
    public void Full_disk_keeps_the_previous_results_says_so_and_the_run_after_it_recovers()
    {
        var state = Mount(_host.Harness.VarDir, 2048);
        var output = state is null ? null : Mount(_host.Harness.OutputDir, 2048);
        RunnerProcess.Finish(RunnerProcess.Start(_host.Harness), TimeSpan.FromMinutes(2));
        var before = StateFilesNow();

        (int Rc, string Out, string Err) r;
        string strategy, reason;
        if (state is not null && output is not null)
        {
            var fillers = new[] { state.Fill(), output.Fill() };
            (strategy, reason) = ("full tmpfs", "No space left on device");
            r = RunnerProcess.Finish(RunnerProcess.Start(_host.Harness), TimeSpan.FromMinutes(2));
            ExpectRunModeReports(RunnerProcess.Finish(RunnerProcess.Start(_host.Harness, "run"), TimeSpan.FromMinutes(2)), reason);
            foreach (var f in fillers)
                File.Delete(f);
        }
        else
        {
            (strategy, reason) = ("file size limit of 512 bytes (no mount rights)", "File too large");
            r = LimitedRunner.Run(_host.Harness, 1);
            ExpectRunModeReports(LimitedRunner.Run(_host.Harness, 1, "run"), reason);
        }

        ExpectReported(r, reason, "full disk");
        var after = StateFilesNow();
        foreach (var id in new[] { "a", "b" })
        {
            var name = StateFiles.SuiteFileName(id);
            // Either untouched, or (where a small file still fit) a complete new state; never torn or lost.
            if (after.TryGetValue(name, out var now) && before.TryGetValue(name, out var was) && !now.SequenceEqual(was))
            {
                var s = StateFiles.ReadSuite(StateFiles.SuiteFile(_host.StateDir, id));
                Check(s.Result is not null, $"full disk: suite {id} lost its result");
            }
            Check(after.ContainsKey(name), $"full disk: the state file of suite {id} is gone");
        }
        ExpectRecovery("full disk");
        Report("disk: full", strategy);
    }
}
