namespace Robotmk.Config;

/// <summary>
/// The v1 defaults, one place for robotmk.yml (<see cref="GlobalConfig"/>) and the bakery's rule file: what a setting
/// is when the file does not write it.
/// </summary>
public static class Defaults
{
    public const ExecutionMode ExecutionMode = ExecutionMode.AgentSerial;
    public const OutputEncoding Encoding = OutputEncoding.ZlibCodec;
    public const RobotmkLogLevel LogLevel = RobotmkLogLevel.Info;
    /// <summary>Days to keep RF outputs and runner logs.</summary>
    public const int LogRotation = 14;
    /// <summary>Seconds between runner starts.</summary>
    public const int ExecutionInterval = 900;
    /// <summary>
    /// Seconds the agent may start a due runner late, because it looks for due async plugins only while it runs (at
    /// every poll, once a minute; SPEC §6). A result has to stay valid at least this long beyond the interval.
    /// </summary>
    public const int PollJitter = 60;
    /// <summary>Seconds a result stays valid on the server: the interval plus the poll jitter.</summary>
    public const int CacheTime = ExecutionInterval + PollJitter;
    /// <summary>Seconds between the run budget, the agent's or scheduler's kill and the next start (<see cref="RunTimeBudget"/>); the rule file's <c>runner_timeout_margin</c> default.</summary>
    public const int RunTimeoutMargin = 30;
    /// <summary>Suites running at once: one after another, as v1.</summary>
    public const int MaxParallel = 1;
    public const string RobotmkVersionCompat = "1.6.0";
    /// <summary>A skipped test is sent as passed, with its reason shown: skipping is a decision of the suite, not a failure.</summary>
    public const SkippedAs SkippedAs = Config.SkippedAs.Pass;
}
