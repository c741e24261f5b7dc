using System.Collections.Immutable;

namespace Robotmk.Config;

/// <summary>Who starts the runner; spelled as <see cref="WireNames"/> says in robotmk.yml, state files and sections.</summary>
public enum ExecutionMode { AgentSerial, External }

/// <summary>How the section's payloads are encoded (see PayloadCodec); spelled as <see cref="WireNames"/> says.</summary>
public enum OutputEncoding { ZlibCodec, Base64Codec, Utf8 }

public enum RobotmkLogLevel { Off, Critical, Error, Warning, Info, Debug }

public enum RerunStrategy { Incremental, Complete }

/// <summary>
/// The status a SKIPped test or suite is sent to the server with: the Robotmk 1.6.0 check knows only PASS and FAIL.
/// Spelled as <see cref="WireNames"/> says.
/// </summary>
public enum SkippedAs { Pass, Fail }

/// <summary>The validated content of robotmk.yml. Immutable; built only by <see cref="ConfigParser"/>.</summary>
public sealed record RobotmkConfig(GlobalConfig Global, ImmutableArray<SuiteConfig> Suites)
{
    /// <summary>True when robotmk.yml lists no suites: every folder and *.robot file in robotdir is a suite (v1 catch-all).</summary>
    public bool DiscoverSuites { get; init; }

    /// <summary>Where each value was written, by key path (<c>global.cache_time</c>, <c>suites.&lt;key&gt;.path</c>; a suite key itself under <c>suites.&lt;key&gt;</c>).</summary>
    public ImmutableDictionary<string, SourcePosition> Positions { get; init; } = ImmutableDictionary<string, SourcePosition>.Empty;

    /// <summary>The position of a key path's value, or <c>default</c> when the file does not contain it.</summary>
    public SourcePosition PositionOf(string keyPath) => Positions.GetValueOrDefault(keyPath);
}

public sealed record GlobalConfig
{
    public ExecutionMode ExecutionMode { get; init; } = Defaults.ExecutionMode;
    public OutputEncoding Encoding { get; init; } = Defaults.Encoding;
    public bool TransmitHtml { get; init; }
    public RobotmkLogLevel LogLevel { get; init; } = Defaults.LogLevel;
    /// <summary>Days to keep RF outputs and runner logs.</summary>
    public int LogRotation { get; init; } = Defaults.LogRotation;
    public required string RobotDir { get; init; }
    public required string OutputDir { get; init; }
    public required string LogDir { get; init; }
    /// <summary>Seconds between runs (agent_serial: the async interval; external: the schedule's interval, cache_time when only that is written).</summary>
    public int ExecutionInterval { get; init; } = Defaults.ExecutionInterval;
    /// <summary>Seconds a result stays valid on the server; when only execution_interval is written, that + 60.</summary>
    public int CacheTime { get; init; } = Defaults.CacheTime;
    /// <summary>Budget of one run in seconds; null: derived from execution_interval (<see cref="EffectiveRunTimeout"/>).</summary>
    public int? RunTimeout { get; init; }
    public string RobotmkVersionCompat { get; init; } = Defaults.RobotmkVersionCompat;
    /// <summary>Python interpreter used for <c>python -m robot</c>; null: auto.</summary>
    public string? Python { get; init; }
    /// <summary>Robot launcher (path or name on PATH); null: auto.</summary>
    public string? Robot { get; init; }
    /// <summary>Suites the runner runs at once; 1 runs them one after another, as v1 did.</summary>
    public int MaxParallel { get; init; } = Defaults.MaxParallel;
    /// <summary>Run history, output plugins and callbacks.</summary>
    public ResultsExportConfig Export { get; init; } = new();

    /// <summary>The run budget in seconds: <see cref="RunTimeout"/>, or the one <see cref="RunTimeBudget"/> derives from the interval.</summary>
    public int EffectiveRunTimeout => RunTimeout ?? RunTimeBudget.ForInterval(ExecutionInterval).DefaultRunTimeout;
}

/// <summary>
/// What one suite is set up with, as robotmk.yml and the bakery's rule file both write it. Each file adds its own:
/// robotmk.yml the suite key and the errors that keep the suite from running, the rule file where things were written.
/// </summary>
public abstract record SuiteSettings
{
    /// <summary>The suite id (SPEC §1): in robotmk.yml the key, verbatim; in the rule file computed from path and tag.</summary>
    public required string Id { get; init; }
    public required string Path { get; init; }
    public string? Tag { get; init; }
    public string? PiggybackHost { get; init; }
    public RobotParams RobotParams { get; init; } = new();
    public FailedHandling FailedHandling { get; init; } = new();
    /// <summary>Seconds; null = only the run budget limits the suite.</summary>
    public int? Timeout { get; init; }
    public string? Cwd { get; init; }
    public SkippedAs SkippedAs { get; init; } = Defaults.SkippedAs;
    /// <summary>Seconds between two starts of this suite, a multiple of the global interval (the runner's tick); null: every tick.</summary>
    public int? ExecutionInterval { get; init; }
    /// <summary>Suites of one group run one after another; groups run side by side. Null: the suite is a group of its own.</summary>
    public string? Group { get; init; }
    /// <summary>Who runs this suite; null: the global execution_mode.</summary>
    public ExecutionMode? ExecutionMode { get; init; }
}

/// <summary>A suite of robotmk.yml; its <see cref="SuiteSettings.Id"/> is its <see cref="Key"/> (computed from the path for a suite found in robotdir).</summary>
public sealed record SuiteConfig : SuiteSettings
{
    /// <summary>The key under <c>suites</c> as written in the file.</summary>
    public required string Key { get; init; }
    public ImmutableSortedDictionary<string, string> Env { get; init; } = ImmutableSortedDictionary<string, string>.Empty;
    /// <summary>Errors that make this suite unusable; the runner reports it fatal and runs the others.</summary>
    public ImmutableArray<string> Errors { get; init; } = [];
    /// <summary>Run after the global output plugins for this suite's results.</summary>
    public ImmutableArray<OutputPluginConfig> OutputPlugins { get; init; } = [];

    public bool IsRunnable => Errors.IsDefaultOrEmpty;
}

public sealed record RobotParams
{
    public string? Name { get; init; }
    public ImmutableArray<string> Suite { get; init; } = [];
    public ImmutableArray<string> Test { get; init; } = [];
    public ImmutableArray<string> Include { get; init; } = [];
    public ImmutableArray<string> Exclude { get; init; } = [];
    /// <summary>Ordered as written; rendered as <c>--variable KEY:VALUE</c>.</summary>
    public ImmutableArray<KeyValuePair<string, string>> Variable { get; init; } = [];
    public ImmutableArray<string> VariableFile { get; init; } = [];
    public ImmutableArray<string> ArgumentFile { get; init; } = [];
    public bool ExitOnFailure { get; init; }
}

public sealed record FailedHandling
{
    /// <summary>Total attempts, 1 = no re-execution.</summary>
    public int MaxIterations { get; init; } = 1;
    public RerunStrategy Strategy { get; init; } = RerunStrategy.Incremental;
    public ImmutableArray<string> RerunInclude { get; init; } = [];
    public ImmutableArray<string> RerunExclude { get; init; } = [];
}
