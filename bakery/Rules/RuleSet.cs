using System.Collections.Immutable;
using Robotmk.Config;

namespace Robotmk.Bakery.Rules;

/// <summary>The operating systems a bake produces package trees for.</summary>
public enum TargetOs { Linux, Windows }

/// <summary>Which package trees to produce; validation depends on it (a Linux-only rule may use a 90 s Windows-invalid interval…).</summary>
public sealed record Targets(bool Linux, bool Windows)
{
    public static readonly Targets Both = new(true, true);

    public IEnumerable<TargetOs> All()
    {
        if (Linux) yield return TargetOs.Linux;
        if (Windows) yield return TargetOs.Windows;
    }

    /// <summary>Parses the <c>--os</c> value: linux, windows or both.</summary>
    public static Targets? Parse(string value) => value.ToLowerInvariant() switch
    {
        "linux" => new Targets(true, false),
        "windows" => new Targets(false, true),
        "both" => Both,
        _ => null,
    };
}

public enum WindowsLogonType { Password, InteractiveToken, S4U }

/// <summary>
/// One rule file: what the Checkmk "Robotmk agent plugin" rule holds. Immutable; built by <see cref="RuleReader"/>.
/// Optional numbers are null when the rule file leaves them to a computed default (<see cref="RunTiming"/>).
/// </summary>
public sealed partial record RuleSet
{
    /// <summary>The rule file's name (no folder), named in the headers of generated files.</summary>
    public required string SourceName { get; init; }
    public ExecutionMode ExecutionMode { get; init; } = Defaults.ExecutionMode;
    public int ExecutionInterval { get; init; } = Defaults.ExecutionInterval;
    public int RunnerTimeoutMargin { get; init; } = Defaults.RunTimeoutMargin;
    public int? ExpectedRuntime { get; init; }
    public int? CacheTime { get; init; }
    public OutputEncoding Encoding { get; init; } = Defaults.Encoding;
    public bool TransmitHtml { get; init; }
    public RobotmkLogLevel LogLevel { get; init; } = Defaults.LogLevel;
    public int LogRotation { get; init; } = Defaults.LogRotation;
    public string? RobotmkVersionCompat { get; init; }
    /// <summary>External mode: seconds after each interval boundary (counted from midnight) at which the scheduler starts the runner.</summary>
    public int StartOffset { get; init; }
    /// <summary>Suites the runner runs at once (robotmk.yml's <c>global.max_parallel</c>).</summary>
    public int MaxParallel { get; init; } = Defaults.MaxParallel;
    public LinuxRules Linux { get; init; } = new();
    public WindowsRules Windows { get; init; } = new();
    public ImmutableArray<SuiteRule> Suites { get; init; } = [];

}

/// <summary>Folders on the host; null keeps the runner's default (which also honours the agent's MK_* variables).</summary>
public sealed record HostDirs
{
    public string? RobotDir { get; init; }
    public string? OutputDir { get; init; }
    public string? LogDir { get; init; }
}

/// <summary>What the rule sets for every operating system alike.</summary>
public abstract record HostRules
{
    public HostDirs Dirs { get; init; } = new();
    public string? Python { get; init; }
    public string? Robot { get; init; }
}

public sealed record LinuxRules : HostRules
{
    /// <summary>External mode: the user cron and systemd run the runner as.</summary>
    public string User { get; init; } = RuleDefaults.LinuxUser;
}

public sealed record WindowsRules : HostRules
{
    /// <summary>agent_serial: failed runner attempts before the Windows agent drops the runner's cached output.</summary>
    public int RetryCount { get; init; } = RuleDefaults.WindowsRetryCount;
    /// <summary>External mode: the account Task Scheduler runs the runner as; SYSTEM for the local system account.</summary>
    public string User { get; init; } = RuleDefaults.WindowsUser;
    public WindowsLogonType LogonType { get; init; } = WindowsLogonType.Password;

    public bool RunsAsSystem => WindowsAccount.IsSystem(User);

    public WindowsLogon Logon => new(User, LogonType);
}

/// <summary>The account Task Scheduler runs a task as, and how it logs on (ignored for SYSTEM).</summary>
public sealed record WindowsLogon(string User, WindowsLogonType LogonType)
{
    public bool RunsAsSystem => WindowsAccount.IsSystem(User);
}

/// <summary>One suite of the rule; its id is computed from path and tag (SPEC §1).</summary>
public sealed record SuiteRule : SuiteSettings
{
    /// <summary>In file order, which the generated robotmk.yml keeps.</summary>
    public ImmutableArray<KeyValuePair<string, string>> Env { get; init; } = [];
    /// <summary>Where the suite starts in the rule file, for messages.</summary>
    public SourcePosition Position { get; init; }
    /// <summary>Where each of the suite's keys has its value, for messages.</summary>
    public ImmutableDictionary<string, SourcePosition> KeyPositions { get; init; } = ImmutableDictionary<string, SourcePosition>.Empty;
    /// <summary>Index in the rule file's suite list, for messages (<c>suites[2]</c>).</summary>
    public int Index { get; init; }
    /// <summary>A suite run on its own: the user cron and systemd run it as; null: <c>linux.user</c>.</summary>
    public string? LinuxUser { get; init; }
    /// <summary>A suite run on its own: the account Task Scheduler runs it as; null: <c>windows.user</c>.</summary>
    public string? WindowsUser { get; init; }
    /// <summary>A suite run on its own: how its task logs on; null: <c>windows.logon_type</c>.</summary>
    public WindowsLogonType? WindowsLogonType { get; init; }

    /// <summary>The position of the value of <paramref name="key"/>, or of the suite when the key is not set.</summary>
    public SourcePosition At(string key) => KeyPositions.GetValueOrDefault(key, Position);
}

/// <summary>Defaults only the rule file has; those it shares with robotmk.yml are in <see cref="Defaults"/>.</summary>
public static class RuleDefaults
{
    public const int WindowsRetryCount = 1;
    public const string LinuxUser = "root";
    public const string WindowsUser = "SYSTEM";
    /// <summary>The Windows agent raises any smaller cache_age to this value.</summary>
    public const int WindowsMinimumCacheAge = 120;
}

/// <summary>Windows account names as the rule file may spell them.</summary>
public static class WindowsAccount
{
    /// <summary>The well-known SID of the local system account.</summary>
    public const string SystemSid = "S-1-5-18";

    public static bool IsSystem(string user) =>
        user.Equals("SYSTEM", StringComparison.OrdinalIgnoreCase)
        || user.Equals(@"NT AUTHORITY\SYSTEM", StringComparison.OrdinalIgnoreCase)
        || user.Equals(SystemSid, StringComparison.OrdinalIgnoreCase);
}
