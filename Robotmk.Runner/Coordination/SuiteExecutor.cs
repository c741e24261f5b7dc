using System.Collections.Immutable;
using Robotmk.Config;
using Robotmk.Files;
using Robotmk.Runner.Processes;
using Robotmk.Runner.RobotFramework;
using Robotmk.Sections;
using Robotmk.State;
using Robotmk.Text;
using Robotmk.Time;

namespace Robotmk.Runner.Coordination;

/// <summary>
/// Runs one suite to its final result: attempts per failed_handling, rebot --merge, classification, encoded payload.
/// Never throws for anything RF or the suite does; every such failure becomes a fatal <see cref="SuiteResult"/>.
/// </summary>
public sealed class SuiteExecutor(
    GlobalConfig global, RobotLauncher launcher, IProcessRunner processes, IClock clock, RunnerLimits limits, Action<string> log)
{
    public sealed record Execution(SuiteResult Result, ImmutableArray<AttemptVerdict> Attempts, string? TopSuiteName);

    /// <summary>Marks RF and rebot, so a later runner can end them if this one is killed.</summary>
    public ProcessMarker? Marker { get; init; }

    /// <summary>Where each suite gets its <see cref="PrivateFolder"/>; the temp folder when null.</summary>
    public string? PrivateRoot { get; init; }

    /// <summary>Set when the runner is asked to stop: the running RF gets its graceful stop, no further attempt starts.</summary>
    public CancellationToken Stop { get; init; }

    /// <summary>
    /// What the suite's programs (attempts, merge) used together, where each one's usage was told
    /// (<see cref="ProcessOutcome.Usage"/>); unknown as soon as one's was not.
    /// </summary>
    public ResourceUsage ProgramsUsage { get; private set; } = ResourceUsage.None;

    /// <param name="deadline">
    /// A reading of <see cref="IClock.Monotonic"/> by which the suite must be finished (its own timeout and the run
    /// budget, whichever is first).
    /// </param>
    public Execution Execute(SuiteConfig suite, string runId, TimeSpan deadline)
    {
        PrivateFolder work;
        try
        {
            work = PrivateFolder.Create(PrivateRoot);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return new Execution(NotRunnable(suite, runId, $"the runner's private folder cannot be created: {ex.Message}"), [], null);
        }
        using (work)
            return ExecuteIn(work, suite, runId, deadline);
    }

    /// <param name="work">Holds the argument file with the variables; rebot's working directory.</param>
    private Execution ExecuteIn(PrivateFolder work, SuiteConfig suite, string runId, TimeSpan deadline)
    {
        var start = Now();
        var names = new OutputNames(suite.Id, start.Wall.ToUnixTimeSeconds());
        var outputDir = global.OutputDir;
        try
        {
            OwnerOnly.CreateDirectory(outputDir);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return new Execution(Fatal(suite, runId, start, $"outputdir '{outputDir}' cannot be created: {ex.Message}", -1, 0, false), [], null);
        }

        var target = ConfigLoader.ResolveSuitePath(global.RobotDir, suite.Path);
        var cwd = suite.Cwd is { } c ? ConfigLoader.ResolveSuitePath(global.RobotDir, c)
            : Directory.Exists(target) ? target : Path.GetDirectoryName(target)!;
        var env = RobotEnvironment.Added(suite.Env);
        var variables = VariableArgumentFile.Text(suite.RobotParams.Variable);

        var verdicts = ImmutableArray.CreateBuilder<AttemptVerdict>();
        var max = suite.FailedHandling.MaxIterations;
        for (var attempt = 1; attempt <= max; attempt++)
        {
            if (attempt > 1 && Stop.IsCancellationRequested)
                break;
            var remaining = deadline - clock.Monotonic;
            if (remaining <= TimeSpan.FromSeconds(1))
            {
                if (attempt == 1)
                    verdicts.Add(new AttemptVerdict(1, false, -1, "not started: no time left in the suite's timeout or the run budget", TimedOut: true));
                break;
            }
            var rerunFrom = attempt > 1 && suite.FailedHandling.Strategy == RerunStrategy.Incremental
                ? Path.Join(outputDir, names.AttemptOutput(attempt - 1))
                : null;
            var variablesFile = variables is null ? null : work.WriteFile(VariableArgumentFile.FileName, variables);
            var args = RobotArguments.ForAttempt(suite, target, outputDir, names, attempt, rerunFrom, variablesFile);
            var spec = new ProcessSpec(launcher.Robot.FileName, [.. launcher.Robot.Prefix, .. args], cwd)
            {
                Environment = env, Unset = RobotEnvironment.RemovedFromRunner(), Timeout = remaining, KillGrace = limits.KillGrace, Marker = Marker,
                Warm = launcher.Robot.Warm,
            };
            log($"suite {suite.Id}: attempt {attempt}/{max}: {spec.CommandLine}");
            var outcome = processes.Run(spec, Stop);
            ProgramsUsage = ProgramsUsage.Then(outcome.Usage);
            if (variablesFile is not null)
                PrivateFolder.DeleteFile(variablesFile);
            RestrictToOwner(Path.Join(outputDir, names.AttemptLog(attempt)));
            var report = OutputXmlInspector.Inspect(Path.Join(outputDir, names.AttemptOutput(attempt)));
            var verdict = AttemptClassifier.Classify(attempt, launcher.Robot.ToString(), outcome, report, remaining);
            verdicts.Add(verdict);
            log($"suite {suite.Id}: attempt {attempt} rc {verdict.Rc} in {outcome.Duration.TotalSeconds:0.0} s: {verdict.Error ?? "usable output"}");
            // An output over the limit cannot be sent whatever follows: no re-run and no merge (rebot would load it
            // whole into memory).
            if (verdict.Usable && report.Bytes > limits.MaxOutputXmlBytes)
                return new Execution(Fatal(suite, runId, start, TooLarge(report.Bytes), verdict.Rc, attempt, false), verdicts.ToImmutable(), report.TopSuiteName);
            if (!verdict.Usable || verdict.Rc == 0)
                break;
        }

        var all = verdicts.ToImmutable();
        var executions = all.Length;
        if (!all[^1].Usable && all.Length > 1)
        {
            // A re-run that produced nothing usable (nothing matched rerun_selection: rc 252; timed out; crashed) does
            // not erase the complete attempts before it: the suite is reported from those.
            log($"suite {suite.Id}: re-run attempt {all[^1].Attempt} dropped, the result comes from the attempts before it: {all[^1].Error}");
            all = all.RemoveAt(all.Length - 1);
        }
        var last = all[^1];
        if (!last.Usable)
            return new Execution(Fatal(suite, runId, start, last.Error!, last.Rc, all.Length, last.TimedOut), all, last.Output?.TopSuiteName);

        var (finalXml, rc, mergeError) = Finalize(all, outputDir, names, deadline, work.FullPath);
        if (mergeError is not null)
            return new Execution(Fatal(suite, runId, start, mergeError, rc, all.Length, false), all, last.Output?.TopSuiteName);

        // Read back without following links and only as the runner's own regular file: a link swapped in for it
        // would put a file of someone else's choosing into the agent output.
        string xml;
        try
        {
            var (xmlBytes, xmlSize) = NoFollowFile.ReadAllBytes(finalXml, limits.MaxOutputXmlBytes);
            if (xmlBytes is null)
                return new Execution(Fatal(suite, runId, start, TooLarge(xmlSize), rc, all.Length, false), all, last.Output?.TopSuiteName);
            xml = OutputXmlAdapter.Adapt(Utf8.NoBom.GetString(xmlBytes.AsSpan(xmlBytes.AsSpan().StartsWith("\uFEFF"u8) ? 3 : 0)), suite.SkippedAs);
        }
        catch (UnsafeFileException ex)
        {
            return new Execution(Fatal(suite, runId, start, $"RF output {ex.Message}", rc, all.Length, false), all, last.Output?.TopSuiteName);
        }

        string? htmllog = null;
        var logFile = Path.Join(outputDir, all.Length > 1 ? names.FinalLog : names.AttemptLog(1));
        if (global.TransmitHtml)
        {
            // Read up to a limit, and only a regular file: a suite controls what RF writes into its outputdir.
            switch (BoundedFile.Read(logFile, limits.MaxLogHtmlBytes, followLink: false))
            {
                case BoundedRead.Content log:
                    htmllog = PayloadCodec.Encode(log.Bytes, global.Encoding);
                    break;
                case BoundedRead.NotFound:
                    break;
                case BoundedRead.TooLarge large:
                    return new Execution(Fatal(suite, runId, start,
                        $"log.html is {Size(large.Bytes)}, more than the limit of {Size(limits.MaxLogHtmlBytes)}; reduce logging in the suite or switch off transmit_html",
                        rc, all.Length, false), all, last.Output?.TopSuiteName);
                case var unusable:
                    return new Execution(Fatal(suite, runId, start, $"log.html '{logFile}' cannot be read: {Unusable(unusable)}",
                        rc, all.Length, false), all, last.Output?.TopSuiteName);
            }
        }

        var encodedXml = PayloadCodec.Encode(Utf8.NoBom.GetBytes(xml), global.Encoding);
        var encodedBytes = (long)encodedXml.Length + (htmllog?.Length ?? 0);
        if (encodedBytes > limits.MaxEncodedPayloadBytes)
            return new Execution(Fatal(suite, runId, start,
                $"the encoded result is {Size(encodedBytes)}, more than the limit of {Size(limits.MaxEncodedPayloadBytes)} for the agent output; reduce logging in the suite{(htmllog is null ? "" : " or switch off transmit_html")}",
                rc, all.Length, false), all, last.Output?.TopSuiteName);

        var result = Base(suite, runId, start) with
        {
            Status = SuiteResult.NonFatal,
            Xml = RawJsonString.FromText(encodedXml),
            HtmlLog = htmllog is null ? null : RawJsonString.FromText(htmllog),
            Rc = rc,
            Attempts = executions,
            EndTime = Iso8601.Format(clock.UtcNow),
            Duration = Seconds(start),
            Outcome = rc == 0 ? ResultOutcome.Passed : ResultOutcome.Failed,
        };
        return new Execution(result, all, last.Output?.TopSuiteName);
    }

    private string TooLarge(long bytes) =>
        $"output.xml is {bytes / (1024 * 1024)} MiB, more than the limit of {limits.MaxOutputXmlBytes / (1024 * 1024)} MiB for the agent output; reduce logging in the suite";

    /// <summary>The result of a suite that cannot run (bad suite config, missing path): fatal, with fresh times.</summary>
    public SuiteResult NotRunnable(SuiteConfig suite, string runId, string reason) =>
        Fatal(suite, runId, Now(), reason, -1, 0, timedOut: false);

    /// <summary>The result of a suite whose run failed inside the runner (a bug, an unexpected exception): fatal, with fresh times.</summary>
    public SuiteResult Crashed(SuiteConfig suite, string runId, Exception ex) =>
        Fatal(suite, runId, Now(), $"the runner failed while running the suite: {ex.GetType().Name}: {ex.Message}", -1, 0, timedOut: false);

    /// <summary>The final output.xml: the single attempt's file, or rebot's merge of all attempts.</summary>
    /// <param name="cwd">
    /// rebot's working directory: one no other user can write, as Python before 3.11 imports from it first
    /// (<c>python -m robot.rebot</c>); outputdir may be writable by others.
    /// </param>
    private (string File, int Rc, string? Error) Finalize(ImmutableArray<AttemptVerdict> attempts, string outputDir, OutputNames names, TimeSpan deadline, string cwd)
    {
        var final = Path.Join(outputDir, names.FinalOutput);
        if (attempts.Length == 1)
        {
            try
            {
                NoFollowFile.Copy(Path.Join(outputDir, names.AttemptOutput(1)), final);
            }
            catch (UnsafeFileException ex)
            {
                return (final, attempts[0].Rc, $"RF output {ex.Message}");
            }
            return (final, attempts[0].Rc, null);
        }

        var budget = deadline - clock.Monotonic;
        if (budget < limits.MinMergeTime)
            budget = limits.MinMergeTime;
        var args = RobotArguments.ForMerge(outputDir, names, attempts.Select(a => a.Attempt));
        var spec = new ProcessSpec(launcher.Rebot.FileName, [.. launcher.Rebot.Prefix, .. args], cwd)
        {
            Timeout = budget, KillGrace = limits.KillGrace, Marker = Marker,
            Environment = RobotEnvironment.Defaults, Unset = RobotEnvironment.RemovedFromRunner(), Warm = launcher.Rebot.Warm,
        };
        log($"merge: {spec.CommandLine}");
        var outcome = processes.Run(spec); // the merge is quick and saves the attempts already made, even when stopping
        ProgramsUsage = ProgramsUsage.Then(outcome.Usage);
        var report = OutputXmlInspector.Inspect(final);
        RestrictToOwner(Path.Join(outputDir, names.FinalLog));
        if (!outcome.Started)
            return (final, -1, $"rebot could not be started ({launcher.Rebot}): {outcome.StartError}");
        if (outcome.TimedOut || !report.IsUsable)
        {
            var why = outcome.TimedOut ? $"timed out after {budget.TotalSeconds:0} s" : report.Detail;
            var reason = AttemptClassifier.StderrReason(outcome.StderrTail);
            return (final, outcome.ExitCode ?? -1, $"rebot --merge of {attempts.Length} attempts failed (rc {outcome.ExitCode}): {why}{(reason is null ? "" : ": " + reason)}");
        }
        return (final, outcome.ExitCode ?? -1, null);
    }


    /// <summary>
    /// RF writes its outputs with the umask of the agent (0644, 0666 under umask 000): they are narrowed to 0600.
    /// A log.html that is not the runner's own file is left alone here; it is refused if it is to be sent.
    /// </summary>
    private void RestrictToOwner(string file)
    {
        try
        {
            NoFollowFile.RestrictToOwner(file);
        }
        catch (IOException ex)
        {
            log($"cannot restrict '{file}' to its owner: {ex.Message}");
        }
    }

    /// <summary>When something started: the wall clock stamps it, the monotonic clock measures from it.</summary>
    private readonly record struct Moment(DateTimeOffset Wall, TimeSpan Monotonic);

    private Moment Now() => new(clock.UtcNow, clock.Monotonic);

    private double Seconds(Moment since) => Math.Round((clock.Monotonic - since.Monotonic).TotalSeconds, 3);

    private SuiteResult Base(SuiteConfig suite, string runId, Moment start) => new()
    {
        Id = suite.Id,
        Status = SuiteResult.Fatal,
        CacheTime = SuiteSchedule.CacheTimeOf(suite, global),
        ExecutionInterval = SuiteSchedule.IntervalOf(suite, global),
        StartTime = Iso8601.Format(start.Wall),
        Path = suite.Path,
        Tag = suite.Tag,
        PiggybackHost = suite.PiggybackHost,
        MaxExecutions = suite.FailedHandling.MaxIterations,
        RunId = runId,
    };

    private SuiteResult Fatal(SuiteConfig suite, string runId, Moment start, string error, int rc, int attempts, bool timedOut) =>
        Base(suite, runId, start) with
        {
            Error = SectionText.OneLine(error),
            Rc = rc,
            Attempts = attempts,
            EndTime = Iso8601.Format(clock.UtcNow),
            Duration = Seconds(start),
            TimedOut = timedOut,
            Outcome = timedOut ? ResultOutcome.Timeout : ResultOutcome.Error,
        };

    private static string Unusable(BoundedRead read) => read switch
    {
        BoundedRead.Folder => "it is a folder",
        BoundedRead.NotRegular n => $"it is {n.Kind}, not a regular file",
        BoundedRead.Failed f => f.Reason,
        _ => read.ToString(),
    };

    private static string Size(long bytes) =>
        bytes >= 1024 * 1024 ? $"{bytes / (1024.0 * 1024):0.0} MiB" : $"{bytes} bytes";
}
