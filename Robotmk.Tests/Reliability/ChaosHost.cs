using System.Diagnostics;
using Robotmk.State;
using Robotmk.Tests.Runner;

namespace Robotmk.Tests.Reliability;

/// <summary>
/// A runner host for the storms: real suites run by the real RF, each suite marked with a unique environment variable
/// so every process a suite starts is found afterwards, and helpers to watch a runner process take over.
/// </summary>
public sealed class ChaosHost : IDisposable
{
    public const string MarkerVariable = "ROBOTMK_CHAOS_MARKER";

    /// <summary>
    /// RF through the peers' shell wrapper (<c>python3 -m robot</c>), so always spawned: the storms find a suite's
    /// processes by the marker in /proc/PID/environ and RF by its command line, and a warm-started RF (a fork) shows
    /// neither, only what it starts does. Warm starts are covered by the runner's behaviour tests and <see cref="RobotStartTests"/>.
    /// </summary>
    public RunnerHarness Harness { get; } = new() { Robot = Support.TestPaths.Robot };
    public string Marker { get; } = Guid.NewGuid().ToString("N");

    public string StateDir => Harness.StateDir;

    /// <summary>Writes the suites and robotmk.yml: every suite gets the marker in its environment.</summary>
    public void Configure(IReadOnlyList<ChaosSuite> suites, string extraGlobal = "")
    {
        foreach (var s in suites)
            foreach (var (file, content) in s.Files)
                Harness.Suite(file, content);
        Harness.Config(string.Join('\n', suites.Select(s =>
            $"{s.Id}:\n  path: {s.Path}\n  env: {{{MarkerVariable}: {Marker}}}" + (s.Extra.Length > 0 ? "\n  " + s.Extra.Replace("\n", "\n  ") : ""))),
            extraGlobal);
    }

    /// <summary>Processes started by the suites of this host that are still alive.</summary>
    public List<HostProcess> SuiteProcesses() => HostProcesses.WithEnvironment(MarkerVariable, Marker);

    /// <summary>Suite processes that no living runner owns: left behind.</summary>
    public List<HostProcess> Orphans(Process? liveRunner) =>
        SuiteProcesses().Where(p => liveRunner is null || liveRunner.HasExited || !HostProcesses.DescendsFrom(p.Pid, liveRunner.Id)).ToList();

    public RunnerState? TryReadRunnerState()
    {
        try
        {
            return File.Exists(StateFiles.RunnerFile(StateDir)) ? StateFiles.ReadRunner(StateFiles.RunnerFile(StateDir)) : null;
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or StateFormatException)
        {
            return null;
        }
    }

    /// <summary>
    /// Waits until the runner process has taken the lock and started its run (its pid is in the runner state),
    /// or has exited. Returns false when it exited without taking over.
    /// </summary>
    public bool WaitForTakeover(Process runner, TimeSpan limit)
    {
        var sw = Stopwatch.StartNew();
        while (sw.Elapsed < limit)
        {
            if (TryReadRunnerState() is { Pid: var pid, Status: RunnerState.StatusRunning } && pid == runner.Id)
                return true;
            if (runner.HasExited)
                return TryReadRunnerState()?.Pid == runner.Id;
            Thread.Sleep(5);
        }
        throw new TimeoutException($"runner {runner.Id} neither took over nor exited within {limit}");
    }

    /// <summary>Temp files of atomic writes whose writer is not the given process: left by a killed writer.</summary>
    public List<string> ForeignTempFiles(int ownPid) =>
        Directory.Exists(StateDir)
            ? Directory.GetFiles(StateDir, "*" + AtomicFile.TempMarker + "*")
                .Where(f => !Path.GetFileName(f).Contains(AtomicFile.TempMarker + ownPid + "-", StringComparison.Ordinal)).ToList()
            : [];

    public void Dispose()
    {
        HostProcesses.Kill(SuiteProcesses());
        Harness.Dispose();
    }
}

/// <summary>A suite of a chaos host: its files below robotdir, its path and id, extra suite settings (YAML).</summary>
public sealed record ChaosSuite(string Id, string Path, IReadOnlyList<(string File, string Content)> Files, string Extra = "");
