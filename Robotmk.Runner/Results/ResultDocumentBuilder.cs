using Robotmk.Config;
using Robotmk.Runner.Processes;
using Robotmk.Runner.RobotFramework;
using Robotmk.State;
using Robotmk.Time;

namespace Robotmk.Runner.Results;

/// <summary>Turns a suite's finished <see cref="SuiteResult"/> into its <see cref="ResultDocument"/> (pure, apart from the paths it names).</summary>
public static class ResultDocumentBuilder
{
    /// <param name="statistics">Of the suite's final (or last) output.xml; null when there is none that parses.</param>
    public static ResultDocument Build(string runId, string host, SuiteConfig suite, SuiteResult result, RunStatistics? statistics,
        ResourceUsage usage, RunOutputs outputs) => new()
    {
        RunId = runId,
        RunnerRunId = result.RunId,
        Host = host,
        SuiteId = suite.Id,
        SuitePath = suite.Path,
        Tag = suite.Tag,
        PiggybackHost = suite.PiggybackHost,
        State = StateOf(result, statistics),
        Rc = result.Rc,
        Signal = SignalOf(result),
        Error = result.Error,
        Attempts = result.Attempts ?? 0,
        MaxAttempts = suite.FailedHandling.MaxIterations,
        StartTime = result.StartTime,
        EndTime = result.EndTime,
        Duration = result.Duration,
        Statistics = statistics,
        Usage = usage,
        OutputXml = outputs.OutputXml,
        LogHtml = outputs.LogHtml,
    };

    public static string StateOf(SuiteResult result, RunStatistics? statistics) => result switch
    {
        { Status: ResultStatus.Fatal, TimedOut: true } => RunState.Timeout,
        { Status: ResultStatus.Fatal } => RunState.Error,
        { Rc: not 0 } => RunState.Failed,
        _ when statistics?.Top is { Status: "SKIP" } => RunState.Skipped,
        _ => RunState.Passed,
    };

    /// <summary>
    /// The signal that ended RF, when the result says one did: a fatal result with rc 129–159 (128 + signal, as .NET
    /// reports a process killed by a signal). RF itself exits with the number of failed tests, so an rc in that range
    /// with a usable output.xml counts failures, not a signal.
    /// </summary>
    public static int? SignalOf(SuiteResult result) =>
        result is { Status: ResultStatus.Fatal, Rc: > 128 and < 160 } ? result.Rc - 128 : null;
}

/// <summary>The RF output files of one suite run that exist: the final output.xml and log.html, else the last attempt's.</summary>
public sealed record RunOutputs(string? OutputXml, string? LogHtml)
{
    /// <summary>Looks in outputdir for the files of the run that started at the result's start time (<see cref="OutputNames"/>).</summary>
    public static RunOutputs Find(string outputDir, SuiteResult result)
    {
        if (!Iso8601.TryParse(result.StartTime, out var start))
            return new RunOutputs(null, null);
        var names = new OutputNames(result.Id, start.ToUnixTimeSeconds());
        var attempts = Math.Max(result.Attempts ?? 0, 1);
        var xml = FirstExisting(outputDir, [names.FinalOutput, .. Enumerable.Range(1, attempts).Reverse().Select(names.AttemptOutput)]);
        var log = FirstExisting(outputDir, [names.FinalLog, .. Enumerable.Range(1, attempts).Reverse().Select(names.AttemptLog)]);
        return new RunOutputs(xml, log);
    }

    private static string? FirstExisting(string folder, IEnumerable<string> names) =>
        names.Select(n => Path.Join(folder, n)).FirstOrDefault(File.Exists);
}
