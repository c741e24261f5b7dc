using System.Collections.Immutable;
using System.Security.Cryptography;
using Robotmk.Config;
using Robotmk.Files;
using Robotmk.Paths;
using Robotmk.Runner.Logging;
using Robotmk.Runner.Processes;
using Robotmk.Runner.Results;
using Robotmk.Runner.RobotFramework;
using Robotmk.Runner.State;
using Robotmk.Sections;
using Robotmk.State;
using Robotmk.Time;

namespace Robotmk.Runner.Coordination;

/// <summary>
/// One run of the runner (SPEC §4): lock, runner state, every suite in order within the run budget, suite states,
/// retention. A failure in one suite never stops the next one and never touches another suite's last good result.
/// </summary>
public sealed class RunCoordinator(
    HostPaths paths, IProcessRunner processes, IClock clock, RunnerLimits limits, RunnerLog log,
    Func<GlobalConfig, RobotLauncher> chooseLauncher)
{
    public RunProgress Progress { get; init; } = RunProgress.None;

    /// <summary>Cancelled on SIGTERM/SIGINT: the running suite is stopped, no further suite starts, the state is written.</summary>
    public CancellationToken Stop { get; init; }

    /// <summary>
    /// The agent runner's state folder, beside which the external suites' folders are (<see cref="ExternalSuiteFolders"/>):
    /// the state folder itself, except for the run of an external suite, whose state folder is that suite's folder.
    /// </summary>
    public string AgentStateDir { get; init; } = paths.StateDir;

    public RunReport Run(ConfigResult configResult, IReadOnlySet<string>? onlySuites = null)
    {
        var start = clock.UtcNow;
        var started = clock.Monotonic;
        var runId = NewRunId(start);
        if (PrepareStateFolder(runId, start) is { } unusable)
            return unusable;
        var (runLock, refused) = AcquireLock(runId, start);
        if (refused is not null)
            return refused;
        using var heldLock = runLock;
        var (marker, previous, store) = CleanUpAfterKilledRun(start);

        var config = configResult.Config;
        if (config is null)
            return RecordConfigError(configResult, runId, start, previous);

        LogConfigWarnings(configResult);
        foreach (var warning in FolderCheck.Exposed(WrittenFolders(paths, config.Global)))
            log.Warning(warning);
        using var writer = StartRunnerState(config, runId, start, previous);
        using var export = new ResultsExport(config.Global, processes, clock, log, limits.Export, started + TimeSpan.FromSeconds(config.Global.EffectiveRunTimeout), marker);
        var suites = RunSuites(config, runId, started, marker, store, onlySuites, export, writer);
        suites = suites with { Errors = suites.Errors.AddRange(export.Finish()) };
        if (onlySuites is null)
            RemoveUnconfiguredStates(config, store);
        ApplyRetention(config.Global);
        return FinishRunnerState(writer, runId, start, started, suites);
    }

    private RunReport? PrepareStateFolder(string runId, DateTimeOffset start)
    {
        try
        {
            OwnerOnly.CreateOwnDirectory(paths.StateDir);
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            log.Error($"state folder '{paths.StateDir}' cannot be created: {ex.Message}");
            return new RunReport(RunStatus.StateDirUnusable, runId, start, clock.UtcNow) { Message = $"state folder '{paths.StateDir}' cannot be created: {ex.Message}" };
        }
    }

    /// <returns>The held lock, or the report of a run that must not go on (another runner holds the lock, or it cannot be opened).</returns>
    private (RunLock? Lock, RunReport? Refused) AcquireLock(string runId, DateTimeOffset start)
    {
        var lockFile = Path.Join(paths.StateDir, StateFiles.LockFileName);
        RunLock? runLock;
        try
        {
            runLock = RunLock.TryAcquire(lockFile);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A read-only or broken state folder: nothing can be recorded, the previous state stays as it is.
            var msg = $"state folder '{paths.StateDir}' is unusable: cannot open the run lock '{lockFile}': {ex.Message}";
            log.Error(msg);
            return (null, new RunReport(RunStatus.StateDirUnusable, runId, start, clock.UtcNow) { Message = msg });
        }
        if (runLock is null)
        {
            var holder = ReadPreviousRunner();
            var msg = holder is null ? "another runner holds the lock" : $"another runner (pid {holder.Pid}, run {holder.RunId}, heartbeat {holder.Heartbeat}) is running";
            log.Info(msg + "; exiting");
            return (null, new RunReport(RunStatus.AlreadyRunning, runId, start, clock.UtcNow) { Message = msg });
        }
        return (runLock, null);
    }

    /// <summary>What a killed run left behind (temp files, processes, suites marked running) is cleaned up; call it holding the lock.</summary>
    /// <returns>The marker of this state folder's processes, the previous runner state and the suite states.</returns>
    private (ProcessMarker Marker, RunnerState? Previous, SuiteStateStore Store) CleanUpAfterKilledRun(DateTimeOffset start)
    {
        // Holding the lock, no other runner writes here: a temp file whose writer is gone was left by a killed run.
        var orphans = AtomicFile.CleanupOrphans(paths.StateDir, TimeSpan.FromMinutes(5), start, ProcessIsAlive);
        if (orphans > 0)
            log.Info($"removed {orphans} temp files of a writer that did not finish");
        var marker = ProcessMarker.ForStateDir(paths.StateDir);
        var previous = ReadPreviousRunner();
        EndLeftoversOfKilledRun(marker, previous);
        var store = new SuiteStateStore(paths.StateDir, clock, log.Warning);
        RecoverInterruptedSuites(store);
        return (marker, previous, store);
    }

    /// <summary>An unusable configuration runs nothing: the runner state records the error and keeps the last snapshot.</summary>
    private RunReport RecordConfigError(ConfigResult configResult, string runId, DateTimeOffset start, RunnerState? previous)
    {
        var error = string.Join(" | ", configResult.Errors.Select(e => e.ToString()));
        log.Error("configuration is unusable: " + error);
        using var w = new RunnerStateWriter(paths.StateDir, BaseState(runId, start, previous) with
        {
            Status = RunnerState.StatusIdle,
            EndTime = Iso8601.Format(clock.UtcNow),
            ConfigError = SectionText.OneLine(error),
            Config = previous?.Config,
            LastRun = previous?.LastRun,
        }, clock, TimeSpan.Zero, log.Error);
        return new RunReport(RunStatus.ConfigError, runId, start, clock.UtcNow) { Errors = [.. configResult.Errors.Select(e => e.ToString())] };
    }

    /// <summary>The folders the runner writes into, with what they are for (see <see cref="FolderCheck"/>).</summary>
    public static IEnumerable<(string Role, string Path)> WrittenFolders(HostPaths paths, GlobalConfig global) =>
        [("state folder", paths.StateDir), ("outputdir", global.OutputDir), ("logdir", global.LogDir)];

    private void LogConfigWarnings(ConfigResult configResult)
    {
        foreach (var p in configResult.Problems.Where(p => !p.IsError))
            log.Warning(p.ToString());
    }

    /// <summary>The runner state of a run in progress, with the configuration snapshot; its heartbeat runs until disposed.</summary>
    private RunnerStateWriter StartRunnerState(RobotmkConfig config, string runId, DateTimeOffset start, RunnerState? previous)
    {
        var snapshot = Snapshot(config, AgentStateDir);
        return new RunnerStateWriter(paths.StateDir, BaseState(runId, start, previous) with
        {
            Status = RunnerState.StatusRunning,
            Config = snapshot,
            LastRun = previous?.LastRun,
            // Until this run chooses how RF starts (only when a suite is due), the last known way stands.
            RfStart = previous?.RfStart,
        }, clock, limits.HeartbeatInterval, log.Error);
    }

    /// <summary>What the suites of one run gave.</summary>
    /// <param name="Errors">Results that could not be written, suites that wait too long for room in the budget.</param>
    /// <param name="SuitesTime">Time in which suites ran, the rest of the run is the runner's own.</param>
    private sealed record SuitesOutcome(ImmutableArray<SuiteResult> Results, ImmutableArray<string> Skipped, ImmutableArray<string> Errors, TimeSpan SuitesTime)
    {
        public ImmutableArray<string> Deferred { get; init; } = [];
        public ImmutableArray<string> NotDue { get; init; } = [];
    }

    /// <summary>The due suites (or the selected ones), most overdue first, side by side by their groups, within the run budget.</summary>
    private SuitesOutcome RunSuites(RobotmkConfig config, string runId, TimeSpan started, ProcessMarker marker, SuiteStateStore store,
        IReadOnlySet<string>? onlySuites, ResultsExport export, RunnerStateWriter writer)
    {
        var global = config.Global;
        // The whole run, including the kill of a suite that ignores its graceful stop, ends within the budget:
        // graceful stops are due a grace period before it (at most a quarter of the budget).
        var budget = TimeSpan.FromSeconds(global.EffectiveRunTimeout);
        var grace = TimeSpan.FromTicks(Math.Min(limits.KillGrace.Ticks, budget.Ticks / 4));
        // Real time (monotonic): a change of the wall clock during the run neither stretches nor eats the budget.
        var deadline = started + budget - grace;
        var privateRoot = Path.Join(paths.StateDir, "private");
        DeleteLeftoverPrivateFolders(privateRoot);

        var run = new SuitesRun();
        var plan = PlanRun(config, store, onlySuites, run);
        log.Info($"run {runId} starts: {plan.Due.Length} of {config.Suites.Length} suites due, budget {global.EffectiveRunTimeout} s, " +
                 $"up to {global.MaxParallel} at once");
        if (plan.Due.IsEmpty)
            return new SuitesOutcome([], run.Skipped.ToImmutable(), run.Errors.ToImmutable(), TimeSpan.Zero) { NotDue = plan.NotDue };
        // Chosen only when a suite is due: a tick with nothing to run starts no Python and imports no RF.
        var launcher = chooseLauncher(global);
        writer.Update(s => s with { RfStart = launcher.Start });
        // A warm launcher tells each child's usage. Where RF is spawned, the growth of the reaped children's totals is
        // one suite's usage only when suites run one at a time; side by side the result documents say it is unknown.
        run.MeasuresUsage = global.MaxParallel == 1 && launcher.Robot.Warm is null && launcher.Rebot.Warm is null;
        var scheduler = new SuiteScheduler<SuiteRunOutcome>(global.MaxParallel, clock);
        scheduler.Run(plan.Due,
            (due, slot) => Admit(due, global, runId, deadline, store, run, () => new SuiteExecutor(
                global, launcher, processes, clock, limits with { KillGrace = grace }, log.Info)
            {
                Marker = marker,
                Stop = Stop,
                // Side by side, one folder per slot: two suites running at once never share one, and a new suite
                // in a slot may delete what a killed one left there.
                PrivateRoot = global.MaxParallel == 1 ? privateRoot : Path.Join(privateRoot, slot.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            }),
            (due, outcome) =>
            {
                run.Finished(outcome, Progress, log);
                if (outcome.Result is { } result)
                    run.Errors.AddRange(export.SuiteFinished(due.Suite, result, run.UsageOf(due.Suite.Id, outcome)));
            });
        if (global.MaxParallel > 1)
            DeleteLeftoverPrivateFolders(privateRoot);
        return new SuitesOutcome(run.Results.ToImmutable(), run.Skipped.ToImmutable(), run.Errors.ToImmutable(), scheduler.BusyTime)
        {
            Deferred = run.Deferred.ToImmutable(),
            NotDue = plan.NotDue,
        };
    }

    /// <summary>What a run collects about its suites; touched only on the coordinating thread.</summary>
    private sealed class SuitesRun
    {
        public ImmutableArray<SuiteResult>.Builder Results { get; } = ImmutableArray.CreateBuilder<SuiteResult>();
        public ImmutableArray<string>.Builder Skipped { get; } = ImmutableArray.CreateBuilder<string>();
        public ImmutableArray<string>.Builder Deferred { get; } = ImmutableArray.CreateBuilder<string>();
        public ImmutableArray<string>.Builder Errors { get; } = ImmutableArray.CreateBuilder<string>();
        /// <summary>Whether <see cref="UsageBefore"/> is taken (see <see cref="ChildResourceUsage"/>).</summary>
        public bool MeasuresUsage { get; set; }
        /// <summary>The reaped children's resource totals right before each suite started.</summary>
        public Dictionary<string, ChildResourceUsage> UsageBefore { get; } = new(StringComparer.Ordinal);
        /// <summary>What a finished suite used: as its programs' runs told it, else the growth of the children's totals where taken.</summary>
        public ResourceUsage UsageOf(string suiteId, SuiteRunOutcome outcome) =>
            outcome.Usage.IsKnown ? outcome.Usage
            : MeasuresUsage ? ChildResourceUsage.Between(UsageBefore.GetValueOrDefault(suiteId), ChildResourceUsage.Now())
            : ResourceUsage.Unknown;

        /// <summary>How long each suite's last complete run took (<see cref="LastDuration"/>).</summary>
        public Dictionary<string, TimeSpan?> LastDurations { get; } = new(StringComparer.Ordinal);

        public void Finished(SuiteRunOutcome outcome, RunProgress progress, RunnerLog log)
        {
            if (outcome.Result is { } result)
            {
                Results.Add(result);
                progress.Finished(result, outcome.Elapsed);
            }
            if (outcome.Error is { } error)
            {
                log.Error(error);
                Errors.Add(error);
            }
        }
    }

    /// <summary>What one suite's work gave: its result, or why none could be written.</summary>
    /// <param name="Usage">What the suite's programs used, where each one's was told (<see cref="SuiteExecutor.ProgramsUsage"/>).</param>
    private sealed record SuiteRunOutcome(SuiteResult? Result, string? Error, TimeSpan Elapsed, ResourceUsage Usage);

    /// <summary>
    /// The suites this run starts, in order: those selected on the command line, else the due ones
    /// (<see cref="DueSuites"/>) that the agent's runner runs (a suite in external mode is run by
    /// <c>robotmk-runner run --suite</c>, and its state is left alone).
    /// </summary>
    private TickPlan PlanRun(RobotmkConfig config, SuiteStateStore store, IReadOnlySet<string>? onlySuites, SuitesRun run)
    {
        var global = config.Global;
        var candidates = new List<(SuiteConfig, SuiteHistory)>();
        foreach (var suite in config.Suites)
        {
            if (onlySuites is not null && !onlySuites.Contains(suite.Id))
                continue;
            if (onlySuites is null && ExternalSuiteFolders.IsExternal(suite, global))
            {
                log.Debug($"suite {suite.Id} is not run here: its execution_mode is external (robotmk-runner run --suite {suite.Id})");
                continue;
            }
            var state = suite.IsRunnable && SuiteId.IsUsable(suite.Id) ? store.TryRead(suite.Id) : null;
            run.LastDurations[suite.Id] = LastDuration(state?.Result);
            candidates.Add((suite, new SuiteHistory(Time(state?.LastStart), Time(state?.DeferredSince))));
        }
        if (onlySuites is not null)
            return new TickPlan([.. candidates.Select(c => new DueSuite(c.Item1, null, null))], []);
        var plan = DueSuites.Select(candidates, global, clock.UtcNow);
        foreach (var id in plan.NotDue)
            log.Debug($"suite {id} is not due yet");
        return plan;
    }

    private static DateTimeOffset? Time(string? iso) => Iso8601.TryParse(iso, out var t) ? t : null;

    /// <summary>
    /// What a killed run left in the state folder's <c>private</c> folder (argument files with passwords) is deleted
    /// before any suite starts: later, suites running side by side each clean only their own slot's folder.
    /// </summary>
    private void DeleteLeftoverPrivateFolders(string privateRoot)
    {
        try
        {
            // Creating a private folder there deletes whatever else is in it; the new one goes when disposed.
            PrivateFolder.Create(privateRoot).Dispose();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            log.Error($"cannot clean the private folder '{privateRoot}': {ex.Message}");
        }
    }

    private void RemoveUnconfiguredStates(RobotmkConfig config, SuiteStateStore store)
    {
        foreach (var removed in store.RemoveUnconfigured(config.Suites.Select(s => s.Id).ToHashSet(StringComparer.Ordinal)))
            log.Info($"removed the state of suite {removed}, which is no longer configured");
    }

    private void ApplyRetention(GlobalConfig global)
    {
        var deleted = Retention.Apply([global.OutputDir, global.LogDir], global.LogRotation, clock.UtcNow, log);
        if (deleted > 0)
            log.Info($"retention: deleted {deleted} files older than {global.LogRotation} days");
    }

    /// <summary>The runner state goes idle with the summary of this run; returns the run's report.</summary>
    private RunReport FinishRunnerState(RunnerStateWriter writer, string runId, DateTimeOffset start, TimeSpan started, SuitesOutcome suites)
    {
        var end = clock.UtcNow;
        var total = clock.Monotonic - started;
        var all = suites.Results;
        var suitesTime = suites.SuitesTime;
        writer.Update(s => s with
        {
            Status = RunnerState.StatusIdle,
            EndTime = Iso8601.Format(end),
            LastRun = new RunSummary
            {
                RunId = runId,
                StartTime = Iso8601.Format(start),
                EndTime = Iso8601.Format(end),
                RuntimeTotal = Math.Round(total.TotalSeconds, 3),
                RuntimeSuites = Math.Round(suitesTime.TotalSeconds, 3),
                RuntimeRobotmk = Math.Round((total - suitesTime).TotalSeconds, 3),
                SuitesRun = all.Length,
                SuitesFatal = all.Count(r => r.Status == SuiteResult.Fatal),
                BudgetExhausted = suites.Skipped.Length > 0,
            },
        });
        log.Info($"run {runId} ends: {all.Length} suites, {all.Count(r => r.Status == SuiteResult.Fatal)} fatal, {suites.Skipped.Length} skipped ({suites.Deferred.Length} deferred), {suites.NotDue.Length} not due, {total.TotalSeconds:0.0} s");
        return new RunReport(RunStatus.Completed, runId, start, end)
        {
            Results = all, Skipped = suites.Skipped, Errors = suites.Errors, Deferred = suites.Deferred, NotDue = suites.NotDue,
        };
    }

    /// <summary>
    /// Whether a due suite starts now, decided and recorded on the coordinating thread; its work (RF, the result) is
    /// returned to run beside the others. A suite that does not fit into what is left of the budget is deferred: it
    /// keeps its result and goes first at the next run.
    /// </summary>
    private Func<SuiteRunOutcome>? Admit(DueSuite due, GlobalConfig global, string runId, TimeSpan deadline, SuiteStateStore store,
        SuitesRun run, Func<SuiteExecutor> newExecutor)
    {
        var suite = due.Suite;
        if (Stop.IsCancellationRequested)
        {
            log.Warning($"suite {suite.Id} not started: the runner was asked to stop");
            run.Skipped.Add(suite.Id);
            return null;
        }
        if (!suite.IsRunnable)
        {
            var executor = newExecutor();
            return () => Guarded(suite, store, executor, () =>
            {
                var result = executor.NotRunnable(suite, runId, "configuration error: " + string.Join(" | ", suite.Errors));
                // An id that cannot name a suite (empty, the reserved "runner"…) has no state file: the snapshot carries its error.
                if (SuiteId.IsUsable(suite.Id))
                    store.WriteDone(result);
                log.Error($"suite {suite.Id} not run: {result.Error}");
                return result;
            });
        }

        if (DisabledMarker(suite, global) is { } marker && File.Exists(marker))
        {
            log.Info($"suite {suite.Id} skipped: '{marker}' exists; its last result ages out on the server");
            run.Skipped.Add(suite.Id);
            return null;
        }

        var remaining = deadline - clock.Monotonic;
        var estimate = Estimate(suite.Id, run.LastDurations.GetValueOrDefault(suite.Id), TimeSpan.FromSeconds(global.EffectiveRunTimeout), run);
        if (remaining <= TimeSpan.FromSeconds(1) || (estimate is { } e && e > remaining))
        {
            Defer(due, store, run, $"{remaining.TotalSeconds:0} s left in the run budget, it needs about {estimate?.TotalSeconds:0} s");
            return null;
        }

        Progress.Starting(suite);
        string lastStart;
        try
        {
            lastStart = store.MarkRunning(suite.Id, runId);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Disk full, read-only state folder…: its previous state file is untouched (atomic writes).
            var msg = $"suite {suite.Id}: cannot write its result: {ex.Message}";
            log.Error(msg);
            run.Errors.Add(msg);
            TryRestore(store, suite.Id);
            return null;
        }
        var suiteDeadline = suite.Timeout is { } t ? Min(deadline, clock.Monotonic + TimeSpan.FromSeconds(t)) : deadline;
        var suiteExecutor = newExecutor();
        if (run.MeasuresUsage)
            run.UsageBefore[suite.Id] = ChildResourceUsage.Now();
        return () => Guarded(suite, store, suiteExecutor, () =>
        {
            SuiteResult outcome;
            try
            {
                outcome = suiteExecutor.Execute(suite, runId, suiteDeadline).Result;
            }
            catch (Exception ex)
            {
                // The boundary of one suite: whatever went wrong (unwritable outputdir, a bug) becomes this suite's fatal
                // result, and the other suites still run.
                log.Error($"suite {suite.Id}: failed with an internal error: {ex}");
                outcome = suiteExecutor.Crashed(suite, runId, ex);
            }
            store.WriteDone(outcome, lastStart);
            return outcome;
        });
    }

    /// <summary>A suite's work, with what it cannot write turned into an error of the run; its running mark is always reset.</summary>
    private SuiteRunOutcome Guarded(SuiteConfig suite, SuiteStateStore store, SuiteExecutor executor, Func<SuiteResult> work)
    {
        var start = clock.Monotonic;
        try
        {
            var result = work();
            return new SuiteRunOutcome(result, null, clock.Monotonic - start, executor.ProgramsUsage);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Disk full, read-only state folder…: this suite's previous state file is untouched (atomic writes).
            return new SuiteRunOutcome(null, $"suite {suite.Id}: cannot write its result: {ex.Message}", clock.Monotonic - start, executor.ProgramsUsage);
        }
        finally
        {
            TryRestore(store, suite.Id);
        }
    }

    /// <summary>
    /// The suite waits for the next run, where it goes first. One that was deferred before and still does not fit is
    /// an error of the run, so a suite that never fits is seen, not left waiting in silence.
    /// </summary>
    private void Defer(DueSuite due, SuiteStateStore store, SuitesRun run, string why)
    {
        var id = due.Suite.Id;
        log.Warning($"suite {id} deferred to the next run: {why}");
        run.Skipped.Add(id);
        run.Deferred.Add(id);
        try
        {
            var since = store.MarkDeferred(id);
            if (due.WasDeferred)
                run.Errors.Add(SectionText.OneLine($"suite {id} is deferred again (waiting since {since}): {why}; raise run_timeout, or run suites side by side (max_parallel)"));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            run.Errors.Add($"suite {id}: cannot record that it was deferred: {ex.Message}");
        }
    }

    /// <summary>v1: a DISABLED file in a suite's folder skips it; a single-file suite is disabled by "&lt;file&gt;.DISABLED".</summary>
    private static string? DisabledMarker(SuiteConfig suite, GlobalConfig global)
    {
        var target = ConfigLoader.ResolveSuitePath(global.RobotDir, suite.Path);
        return Directory.Exists(target) ? Path.Join(target, "DISABLED") : target + ".DISABLED";
    }

    /// <summary>
    /// How long the suite's last complete run took: its measured duration, else (state of an older runner) its
    /// end − start; null when it has no complete run.
    /// </summary>
    private static TimeSpan? LastDuration(SuiteResult? previous)
    {
        if (previous is null || previous.Status != SuiteResult.NonFatal)
            return null;
        return previous.Duration is { } d
            ? double.IsFinite(d) && d >= 0 ? TimeSpan.FromSeconds(Math.Min(d, TimeSpan.MaxValue.TotalSeconds / 2)) : null
            : Iso8601.TryParse(previous.StartTime, out var s) && Iso8601.TryParse(previous.EndTime, out var e) && e > s ? e - s : null;
    }

    /// <summary>
    /// What the suite is expected to need of the budget. A last run longer than the whole budget is not believed (a
    /// clock change during that run, a corrupt file, a budget made smaller since): no run could ever fit it, so it
    /// would never start. It starts like a suite without a history, and the run reports that it may not fit.
    /// </summary>
    private TimeSpan? Estimate(string suiteId, TimeSpan? lastDuration, TimeSpan budget, SuitesRun run)
    {
        if (lastDuration is not { } took || took <= budget)
            return lastDuration;
        var msg = $"suite {suiteId} took {took.TotalSeconds:0} s last time, more than the whole run budget of {budget.TotalSeconds:0} s: " +
                  "it is started anyway and stopped at the end of the budget; raise run_timeout or execution_interval";
        log.Warning(msg);
        run.Errors.Add(msg);
        return null;
    }

    private void TryRestore(SuiteStateStore store, string suiteId)
    {
        try
        {
            store.MarkNotRunning(suiteId);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            log.Error($"suite {suiteId}: cannot reset its running state: {ex.Message}");
        }
    }

    /// <summary>
    /// A runner killed while a suite ran (SIGKILL, the agent's timeout) leaves RF running in its own process group,
    /// with whatever RF started. Only after such a death are they looked for, and only processes of this runner's own
    /// user that carry this state folder's marker are ended (see <see cref="IProcessRunner.EndMarked"/>).
    /// </summary>
    private void EndLeftoversOfKilledRun(ProcessMarker marker, RunnerState? previous)
    {
        if (!PreviousRunnerDied(previous))
            return;
        var ended = processes.EndMarked(marker);
        if (ended.Count == 0)
            return;
        log.Warning($"ended {ended.Count} processes that run {previous!.RunId} (pid {previous.Pid}), which did not finish, left running: " +
                    string.Join("; ", ended.Select(e => e.Length > 200 ? e[..197] + "..." : e)));
    }

    /// <summary>
    /// Whether the previous runner died in its run. A runner writes "running" when its run starts and "idle" when it
    /// ends; this runner holds the lock and has not written its own state yet, so "running" here was written by a
    /// runner that no longer holds the lock: it died (its pid is gone, or now names another process). Idle, missing
    /// or unreadable: no run was cut short that this runner can tell of, and nothing is ended.
    /// </summary>
    private static bool PreviousRunnerDied(RunnerState? previous) => previous is { Status: RunnerState.StatusRunning };

    private void RecoverInterruptedSuites(SuiteStateStore store)
    {
        try
        {
            foreach (var id in store.RecoverInterrupted())
                log.Info($"suite {id} was left marked running by a run that did not finish; its previous result is kept");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            log.Error($"cannot reset suites left marked running: {ex.Message}");
        }
    }

    private static bool ProcessIsAlive(int pid)
    {
        if (pid == Environment.ProcessId)
            return true;
        try
        {
            using var p = System.Diagnostics.Process.GetProcessById(pid);
            return !p.HasExited;
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
        {
            return false;
        }
    }

    private RunnerState? ReadPreviousRunner()
    {
        var path = StateFiles.RunnerFile(paths.StateDir);
        if (!File.Exists(path))
            return null;
        try
        {
            return StateFiles.ReadRunner(path);
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or StateFormatException or IOException or UnauthorizedAccessException)
        {
            log.Warning($"previous runner state '{path}' is unreadable and will be replaced: {ex.Message}");
            return null;
        }
    }

    private RunnerState BaseState(string runId, DateTimeOffset start, RunnerState? previous) => new()
    {
        ProductVersion = ProductInfo.Version,
        Status = RunnerState.StatusRunning,
        Pid = Environment.ProcessId,
        RunId = runId,
        StartTime = Iso8601.Format(start),
        Heartbeat = Iso8601.Format(start),
        LastRun = previous?.LastRun,
    };

    /// <param name="agentStateDir">The agent runner's state folder: the external suites' folders are beside it.</param>
    public static ConfigSnapshot Snapshot(RobotmkConfig config, string agentStateDir) => new()
    {
        ExecutionMode = config.Global.ExecutionMode,
        Encoding = config.Global.Encoding,
        TransmitHtml = config.Global.TransmitHtml,
        RobotmkVersion = config.Global.RobotmkVersionCompat,
        ExecutionInterval = config.Global.ExecutionInterval,
        CacheTime = config.Global.CacheTime,
        RunTimeout = config.Global.EffectiveRunTimeout,
        Suites =
        [
            .. config.Suites.Select(s => new SuiteSnapshot
            {
                Id = s.Id, Path = s.Path, Tag = s.Tag, PiggybackHost = s.PiggybackHost,
                MaxExecutions = s.FailedHandling.MaxIterations,
                Error = s.IsRunnable ? null : SectionText.OneLine(string.Join(" | ", s.Errors)),
                ExecutionInterval = SuiteSchedule.IntervalOf(s, config.Global),
                CacheTime = SuiteSchedule.CacheTimeOf(s, config.Global),
                Group = s.Group,
                ExecutionMode = SuiteSchedule.ModeOf(s, config.Global),
                ExternalDir = ExternalSuiteFolders.IsExternal(s, config.Global) && ExternalSuiteFolders.Problem(s.Id) is null
                    ? ExternalSuiteFolders.Of(agentStateDir, s.Id) : null,
                Disabled = DisabledMarker(s, config.Global) is { } marker && File.Exists(marker),
            }),
        ],
    };

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static string NewRunId(DateTimeOffset start) =>
        start.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", System.Globalization.CultureInfo.InvariantCulture) + "-" +
        Convert.ToHexString(RandomNumberGenerator.GetBytes(3)).ToLowerInvariant();
}
