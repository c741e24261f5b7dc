using Robotmk.Config;
using Robotmk.Runner.RobotFramework;
using Robotmk.Sections;
using Robotmk.State;
using Robotmk.Tests.Support;
using Robotmk.Text;
using Robotmk.Time;

namespace Robotmk.Tests.Controller.Support;

/// <summary>
/// Writes a state folder the way the runner does (same records, same serializer, same payload encoding of real
/// RF fixtures), so controller tests start from realistic state without running RF.
/// </summary>
public sealed class StateBuilder(string stateDir)
{
    public string StateDir { get; } = stateDir;
    public string Encoding { get; init; } = "zlib_codec";
    public bool TransmitHtml { get; init; }
    public string ExecutionMode { get; init; } = "agent_serial";
    public int ExecutionInterval { get; init; } = 300;
    public int CacheTime { get; init; } = 420;
    public int RunTimeout { get; init; } = 270;

    private readonly List<SuiteSnapshot> _suites = [];

    public IReadOnlyList<SuiteSnapshot> Suites => _suites;

    public StateBuilder Suite(string id, string? piggybackHost = null, string? tag = null, string? error = null, int maxExecutions = 1, string? path = null,
        string? externalDir = null, int? executionInterval = null)
    {
        _suites.Add(new SuiteSnapshot
        {
            Id = id, Path = path ?? id, Tag = tag, PiggybackHost = piggybackHost, MaxExecutions = maxExecutions, Error = error, ExternalDir = externalDir,
            ExecutionInterval = executionInterval, ExecutionMode = externalDir is null ? null : Robotmk.Config.ExecutionMode.External,
        });
        return this;
    }

    public ConfigSnapshot Snapshot() => new()
    {
        ExecutionMode = ExecutionMode == "external" ? Robotmk.Config.ExecutionMode.External : Robotmk.Config.ExecutionMode.AgentSerial,
        Encoding = ParseEncoding(Encoding),
        TransmitHtml = TransmitHtml,
        RobotmkVersion = Defaults.RobotmkVersionCompat,
        ExecutionInterval = ExecutionInterval,
        CacheTime = CacheTime,
        RunTimeout = RunTimeout,
        Suites = [.. _suites],
    };

    /// <summary>An idle runner whose last run went from <paramref name="start"/> to <paramref name="end"/>.</summary>
    public void IdleRunner(DateTimeOffset start, DateTimeOffset end, string? configError = null, bool withConfig = true) =>
        Runner(new RunnerState
        {
            ProductVersion = "0.1.0",
            Status = RunnerState.StatusIdle,
            Pid = 4242,
            RunId = RunId(start),
            StartTime = Iso8601.Format(start),
            EndTime = Iso8601.Format(end),
            Heartbeat = Iso8601.Format(end),
            ConfigError = configError,
            Config = withConfig ? Snapshot() : null,
            LastRun = Summary(start, end),
        });

    /// <summary>A runner in the middle of a run; <paramref name="previousRun"/> is the last finished run, if any.</summary>
    public void RunningRunner(DateTimeOffset start, DateTimeOffset heartbeat, (DateTimeOffset Start, DateTimeOffset End)? previousRun = null) =>
        Runner(new RunnerState
        {
            ProductVersion = "0.1.0",
            Status = RunnerState.StatusRunning,
            Pid = 4242,
            RunId = RunId(start),
            StartTime = Iso8601.Format(start),
            Heartbeat = Iso8601.Format(heartbeat),
            Config = Snapshot(),
            LastRun = previousRun is { } p ? Summary(p.Start, p.End) : null,
        });

    public void Runner(RunnerState state)
    {
        Directory.CreateDirectory(StateDir);
        StateFiles.Write(StateFiles.RunnerFile(StateDir), state);
    }

    /// <summary>A usable result made of a real RF fixture's output.xml (and log.html when transmitted), adapted and encoded like the runner does.</summary>
    public SuiteResult Result(string id, string fixture, int rc, DateTimeOffset start, DateTimeOffset end, int attempts = 1) =>
        Base(id, start, end) with
        {
            Status = SuiteResult.NonFatal,
            Xml = RawJsonString.FromText(EncodeFixture(fixture, "output.xml", adapt: true)),
            HtmlLog = TransmitHtml && File.Exists(Path.Join(TestPaths.Fixtures, fixture, "log.html")) ? RawJsonString.FromText(EncodeFixture(fixture, "log.html", adapt: false)) : null,
            Rc = rc,
            Attempts = attempts,
            Outcome = rc == 0 ? "passed" : "failed",
        };

    public SuiteResult FatalResult(string id, string error, int rc, DateTimeOffset start, DateTimeOffset end, bool timedOut = false) =>
        Base(id, start, end) with
        {
            Status = SuiteResult.Fatal,
            Error = error,
            Rc = rc,
            Attempts = 1,
            TimedOut = timedOut,
            Outcome = timedOut ? "timeout" : "error",
        };

    public void Done(SuiteResult result) => SuiteFile(new SuiteState { Id = result.Id, State = SuiteState.Done, Result = result });

    public void Running(string id, DateTimeOffset since, SuiteResult? previous = null) =>
        SuiteFile(new SuiteState { Id = id, State = SuiteState.Running, RunningRunId = RunId(since), RunningSince = Iso8601.Format(since), Result = previous });

    public void SuiteFile(SuiteState state)
    {
        Directory.CreateDirectory(StateDir);
        StateFiles.Write(StateFiles.SuiteFile(StateDir, state.Id), state);
    }

    public string SuitePath(string id) => StateFiles.SuiteFile(StateDir, id);

    /// <param name="adapt">Whether the file is an output.xml, which the runner adapts before it encodes it.</param>
    public string EncodeFixture(string fixture, string file, bool adapt)
    {
        var text = File.ReadAllText(Path.Join(TestPaths.Fixtures, fixture, file), Utf8.NoBom);
        if (adapt)
            text = OutputXmlAdapter.Adapt(text, Defaults.SkippedAs);
        return PayloadCodec.Encode(Utf8.NoBom.GetBytes(text), ParseEncoding(Encoding));
    }

    public static OutputEncoding ParseEncoding(string name) => name switch
    {
        "zlib_codec" => OutputEncoding.ZlibCodec,
        "base64_codec" => OutputEncoding.Base64Codec,
        "utf_8" => OutputEncoding.Utf8,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };

    private SuiteResult Base(string id, DateTimeOffset start, DateTimeOffset end)
    {
        var snap = _suites.Single(s => s.Id == id);
        return new SuiteResult
        {
            Id = id,
            Status = SuiteResult.Fatal,
            CacheTime = CacheTime,
            ExecutionInterval = ExecutionInterval,
            StartTime = Iso8601.Format(start),
            EndTime = Iso8601.Format(end),
            Path = snap.Path,
            Tag = snap.Tag,
            PiggybackHost = snap.PiggybackHost,
            MaxExecutions = snap.MaxExecutions,
            RunId = RunId(start),
        };
    }

    private static RunSummary Summary(DateTimeOffset start, DateTimeOffset end) => new()
    {
        RunId = RunId(start),
        StartTime = Iso8601.Format(start),
        EndTime = Iso8601.Format(end),
        RuntimeTotal = Math.Round((end - start).TotalSeconds, 3),
        RuntimeSuites = Math.Round((end - start).TotalSeconds * 0.9, 3),
        RuntimeRobotmk = Math.Round((end - start).TotalSeconds * 0.1, 3),
    };

    private static string RunId(DateTimeOffset start) =>
        start.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", System.Globalization.CultureInfo.InvariantCulture) + "-0a1b2c";
}
