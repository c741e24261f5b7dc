using System.Collections.Immutable;
using Robotmk.Paths;

namespace Robotmk.Config;

/// <summary>Outcome of parsing robotmk.yml: the model (when the global part is usable) and every problem found.</summary>
public sealed record ConfigResult(RobotmkConfig? Config, ImmutableArray<ConfigProblem> Problems)
{
    public bool IsUsable => Config is not null;
    public IEnumerable<ConfigProblem> Errors => Problems.Where(p => p.IsError);
    public bool HasErrors => Problems.Any(p => p.IsError);
}

/// <summary>The levels of robotmk.yml, named by the key path that leads to them (suite keys as <c>&lt;id&gt;</c>).</summary>
public static class ConfigLevel
{
    public const string Root = "robotmk.yml";
    public const string Global = "global";
    public const string Suite = "suites.<id>";
    public const string RobotParams = "suites.<id>.robot_params";
    public const string FailedHandling = "suites.<id>.failed_handling";
    public const string Strategy = "suites.<id>.failed_handling.strategy";
    public const string RerunSelection = "suites.<id>.failed_handling.strategy.rerun_selection";
}

/// <summary>
/// Pure robotmk.yml parser and validator (no I/O). Reports all problems at once, each with position and key path.
/// Global problems make the config unusable; a problem inside one suite only marks that suite as not runnable.
/// </summary>
public static class ConfigParser
{
    private static readonly ImmutableArray<string> RootKeys = ["global", "suites"];
    private static readonly ImmutableArray<string> GlobalKeys =
    [
        "execution_mode", "agent_output_encoding", "transmit_html", "log_level", "log_rotation", "robotdir",
        "outputdir", "logdir", "execution_interval", "cache_time", "run_timeout", "robotmk_version_compat",
        "python", "robot", "max_parallel", .. ResultsExportReader.GlobalKeys,
    ];
    private static readonly ImmutableArray<string> SuiteKeys =
    [
        "path", "tag", "piggybackhost", "robot_params", "failed_handling", "timeout", "env", "cwd", "skipped_as",
        .. SuiteSettingsReader.ScheduleKeys, .. ResultsExportReader.SuiteKeys,
    ];

    /// <summary>Every key the parser accepts, per level (see <see cref="ConfigLevel"/>), in documentation order.</summary>
    public static ImmutableDictionary<string, ImmutableArray<string>> KnownKeys { get; } =
        new Dictionary<string, ImmutableArray<string>>
        {
            [ConfigLevel.Root] = RootKeys,
            [ConfigLevel.Global] = GlobalKeys,
            [ConfigLevel.Suite] = SuiteKeys,
            [ConfigLevel.RobotParams] = SuiteSettingsReader.RobotParamKeys,
            [ConfigLevel.FailedHandling] = SuiteSettingsReader.FailedHandlingKeysWithV1,
            [ConfigLevel.Strategy] = SuiteSettingsReader.StrategyKeys,
            [ConfigLevel.RerunSelection] = SuiteSettingsReader.SelectionKeys,
            [ResultsExportLevel.OutputPlugin] = ResultsExportReader.PluginKeys,
            [ResultsExportLevel.Callback] = ResultsExportReader.CallbackKeys,
        }.ToImmutableDictionary(StringComparer.Ordinal);

    public static ConfigResult Parse(string text, string file, HostPaths defaults)
    {
        var fields = new YamlFieldReader(file);
        // A UTF-8 BOM decoded into the text would otherwise become part of the first key.
        if (fields.RootMapping(text.StartsWith('\uFEFF') ? text[1..] : text, "a mapping with 'global' and 'suites'") is not { } rootMap)
            return Unusable(fields);

        var entries = fields.Entries(rootMap, "", RootKeys);
        var global = GlobalParser.Parse(fields, entries.GetValueOrDefault("global"), defaults);
        var suitesNode = entries.GetValueOrDefault("suites");
        var suites = SuiteParser.ParseAll(fields, suitesNode, global);
        var discover = suitesNode is null or YScalar { IsNull: true } or YMapping { Entries.Count: 0 };
        if (discover)
            fields.Notice(suitesNode?.Position ?? rootMap.Position, "suites",
                "no suites configured: every folder and *.robot file directly in robotdir is run as a suite");

        if (fields.Problems.Any(p => p.IsError && p.SuiteKey is null))
            return Unusable(fields);
        var config = new RobotmkConfig(global, suites) { DiscoverSuites = discover, Positions = fields.Positions };
        return new ConfigResult(config, [.. fields.Problems]);
    }

    private static ConfigResult Unusable(YamlFieldReader fields) => new(null, [.. fields.Problems]);

    /// <summary>The <c>global</c> mapping: defaults from the host, values from the file, then the rules between values.</summary>
    private static class GlobalParser
    {
        public static GlobalConfig Parse(YamlFieldReader fields, YNode? node, HostPaths defaults)
        {
            var g = new GlobalConfig { RobotDir = defaults.RobotDir, OutputDir = defaults.OutputDir, LogDir = defaults.LogDir };
            if (node is null || fields.Mapping(node, "global", "a mapping") is not { } map)
                return g;

            var e = fields.Entries(map, "global", GlobalKeys);
            int? interval = null, cacheTime = null;
            var intervalValid = true;
            var cacheTimeValid = true;
            foreach (var (key, value) in e)
            {
                var path = "global." + key;
                switch (key)
                {
                    case "execution_mode":
                        g = g with { ExecutionMode = fields.Enum(value, path, WireNames.ExecutionModes) ?? g.ExecutionMode };
                        break;
                    case "agent_output_encoding":
                        g = g with { Encoding = fields.Enum(value, path, WireNames.Encodings) ?? g.Encoding };
                        break;
                    case "transmit_html":
                        g = g with { TransmitHtml = fields.Bool(value, path) ?? g.TransmitHtml };
                        break;
                    case "log_level":
                        g = g with { LogLevel = fields.Enum(value, path, WireNames.LogLevels) ?? g.LogLevel };
                        break;
                    case "log_rotation":
                        g = g with { LogRotation = fields.Int(value, path, min: 0, max: 3650) ?? g.LogRotation };
                        break;
                    case "robotdir":
                        g = g with { RobotDir = fields.Text(value, path) ?? g.RobotDir };
                        break;
                    case "outputdir":
                        g = g with { OutputDir = fields.Text(value, path) ?? g.OutputDir };
                        break;
                    case "logdir":
                        g = g with { LogDir = fields.Text(value, path) ?? g.LogDir };
                        break;
                    case "execution_interval":
                        interval = fields.Int(value, path, min: 1, max: 7 * 86400);
                        intervalValid = interval is not null;
                        break;
                    case "cache_time":
                        cacheTime = fields.Int(value, path, min: 1, max: 30 * 86400);
                        cacheTimeValid = cacheTime is not null;
                        break;
                    case "run_timeout":
                        g = g with { RunTimeout = fields.Int(value, path, min: 1, max: 7 * 86400) };
                        break;
                    case "robotmk_version_compat":
                        g = g with { RobotmkVersionCompat = fields.Text(value, path) ?? g.RobotmkVersionCompat };
                        break;
                    case "python":
                        g = g with { Python = fields.OptionalText(value, path) };
                        break;
                    case "robot":
                        g = g with { Robot = fields.OptionalText(value, path) };
                        break;
                    case "max_parallel":
                        g = g with { MaxParallel = fields.Int(value, path, min: 1, max: 64) ?? g.MaxParallel };
                        break;
                    case "history_days" or "output_plugins" or "callbacks":
                        g = g with { Export = ResultsExportReader.ReadGlobal(fields, key, value, path, g.Export) };
                        break;
                }
            }

            // v1: the runner log lives with the RF outputs unless logdir says otherwise.
            if (e.ContainsKey("outputdir") && !e.ContainsKey("logdir"))
                g = g with { LogDir = g.OutputDir };

            g = ApplyTimes(g, interval, cacheTime, e.ContainsKey("execution_interval"), e.ContainsKey("cache_time"));
            if (intervalValid && cacheTimeValid)
                CheckTimes(fields, g, e, map.Position);
            return g;
        }

        /// <summary>
        /// A value that is not written follows the one that is, so a file with only one of them is consistent:
        /// cache_time defaults to execution_interval + 60 s, and in external mode (where v1 wrote only cache_time)
        /// execution_interval defaults to cache_time.
        /// </summary>
        private static GlobalConfig ApplyTimes(GlobalConfig g, int? interval, int? cacheTime, bool intervalGiven, bool cacheTimeGiven)
        {
            if (interval is { } i)
                g = g with { ExecutionInterval = i };
            if (cacheTime is { } c)
                g = g with { CacheTime = c };
            if (intervalGiven && !cacheTimeGiven && interval is not null)
                g = g with { CacheTime = g.ExecutionInterval + Defaults.PollJitter };
            if (cacheTimeGiven && !intervalGiven && cacheTime is not null && g.ExecutionMode == ExecutionMode.External)
                g = g with { ExecutionInterval = g.CacheTime };
            return g;
        }

        private static void CheckTimes(YamlFieldReader fields, GlobalConfig g, Dictionary<string, YNode> e, SourcePosition mapPosition)
        {
            var at = e.GetValueOrDefault("cache_time")?.Position ?? e.GetValueOrDefault("execution_interval")?.Position ?? mapPosition;
            string Written(string key) => e.ContainsKey(key) ? "" : ", the default";
            if (g.CacheTime < g.ExecutionInterval)
                fields.Error(at, "global.cache_time",
                    $"cache_time ({g.CacheTime} s{Written("cache_time")}) must be at least execution_interval " +
                    $"({g.ExecutionInterval} s{Written("execution_interval")}), otherwise the server sees every result as stale " +
                    "before the next run delivers");
            else if (g.ExecutionMode == ExecutionMode.AgentSerial && g.CacheTime < g.ExecutionInterval + Defaults.PollJitter)
                fields.Warning(at, "global.cache_time",
                    $"cache_time ({g.CacheTime} s) is less than execution_interval + {Defaults.PollJitter} s " +
                    $"({g.ExecutionInterval + Defaults.PollJitter} s): the agent restarts the runner only after the interval plus " +
                    "the run time, so results will go stale for a while before every run");

            if (g.RunTimeout is { } rt && g.ExecutionMode == ExecutionMode.AgentSerial && rt >= g.ExecutionInterval * 2)
                fields.Error(e["run_timeout"].Position, "global.run_timeout",
                    $"run_timeout ({rt} s) must be below twice the execution_interval ({2 * g.ExecutionInterval} s): " +
                    "the Linux agent kills an async plugin at 2 x its interval");
        }
    }

    /// <summary>The <c>suites</c> mapping: each suite on its own, then the rules between suites (unique ids).</summary>
    private static class SuiteParser
    {
        public static ImmutableArray<SuiteConfig> ParseAll(YamlFieldReader fields, YNode? node, GlobalConfig global)
        {
            if (node is null || fields.Mapping(node, "suites", "a mapping of suite id to suite settings") is not { } map)
                return [];

            var suites = new List<(SuiteConfig Suite, YScalar Key)>();
            var firstLine = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var (keyNode, value) in map.Entries)
            {
                var key = keyNode.Value;
                var suiteFields = fields.ForSuite(key);
                if (firstLine.TryGetValue(key, out var line))
                {
                    // Which of the two did the author mean? Neither runs until it is clear.
                    suiteFields.Error(keyNode.Position, "suites." + key,
                        $"duplicate suite key '{key}'; it is already defined at line {line}, so that suite is not run until one is removed");
                    continue;
                }
                firstLine[key] = keyNode.Position.Line;
                fields.Locate("suites." + key, keyNode.Position);
                suites.Add((ParseOne(suiteFields, keyNode, value, global), keyNode));
            }

            return [.. suites.Select(s => s.Suite with { Errors = ErrorsOfSuite(fields, s.Suite.Key) })];
        }

        private static ImmutableArray<string> ErrorsOfSuite(YamlFieldReader fields, string key) =>
            [.. fields.Problems.Where(p => p.IsError && p.SuiteKey == key).Select(p => p.ToString())];

        private static SuiteConfig ParseOne(YamlFieldReader fields, YScalar keyNode, YNode node, GlobalConfig global)
        {
            var key = keyNode.Value;
            var basePath = "suites." + key;
            if (node is not YMapping map)
            {
                fields.Error(node.Position, basePath, $"expected a mapping with at least 'path', found {fields.Describe(node)}");
                return new SuiteConfig { Key = key, Id = key, Path = key };
            }

            var e = fields.Entries(map, basePath, SuiteKeys);
            string? path = null;
            var pathOk = false;
            if (!e.TryGetValue("path", out var pathNode))
                fields.Error(map.Position, basePath, "missing required key 'path' (the suite file or folder, relative to robotdir)");
            else if ((path = fields.Text(pathNode, basePath + ".path")) is not null && !IsRooted(path) && RelativePaths.ClimbsAboveStart(path))
                fields.Error(pathNode.Position, basePath + ".path",
                    $"'{YamlFieldReader.Shorten(path)}' leaves robotdir through '..'; use a path inside robotdir or an absolute path");
            else
                pathOk = path is not null;

            var tag = e.TryGetValue("tag", out var tagNode) ? fields.OptionalText(tagNode, basePath + ".tag") : null;
            var suite = new SuiteConfig
            {
                Key = key,
                // The key is the id, verbatim, as in Robotmk 1.6.0: the server names the suite's service after it.
                Id = key,
                Path = path ?? key,
                Tag = tag,
            };

            foreach (var (k, v) in e)
            {
                var p = basePath + "." + k;
                suite = k switch
                {
                    "piggybackhost" => suite with { PiggybackHost = fields.OptionalText(v, p) },
                    "robot_params" => suite with { RobotParams = SuiteSettingsReader.ReadRobotParams(fields, v, p, ParseVariables) },
                    "failed_handling" => suite with { FailedHandling = SuiteSettingsReader.ReadFailedHandling(fields, v, p, acceptV1Spellings: true) },
                    "timeout" => suite with { Timeout = fields.Int(v, p, min: 1, max: 7 * 86400) },
                    "env" => suite with { Env = ParseEnv(fields, v, p) },
                    "cwd" => suite with { Cwd = fields.OptionalText(v, p) },
                    "skipped_as" => suite with { SkippedAs = fields.Enum(v, p, WireNames.SkippedAsValues) ?? suite.SkippedAs },
                    "output_plugins" => suite with { OutputPlugins = ResultsExportReader.ReadPlugins(fields, v, p) },
                    _ => SuiteSettingsReader.ReadScheduleKey(fields, k, v, p, suite),
                };
            }
            CheckSchedule(fields, suite, e, basePath, global);

            if (suite.PiggybackHost is { } host && (host.Contains('<') || host.Contains('>') || host.Any(char.IsWhiteSpace)))
                fields.Error(e["piggybackhost"].Position, basePath + ".piggybackhost",
                    $"'{YamlFieldReader.Shorten(host)}' is not a valid host name (no spaces or angle brackets)");
            if (suite.Timeout is { } t && t > global.EffectiveRunTimeout)
                fields.Warning(e["timeout"].Position, basePath + ".timeout",
                    $"timeout ({t} s) is longer than the run budget ({global.EffectiveRunTimeout} s), which stops the suite first");
            if (!pathOk)
                return suite;
            if (SuiteId.Problem(key) is { } problem)
                fields.Error(keyNode.Position, basePath, problem);
            else if (SuiteId.Compute(suite.Path, suite.Tag) is var computed && !string.Equals(key, computed, StringComparison.Ordinal))
                fields.Notice(keyNode.Position, basePath,
                    $"the key '{key}' is the suite id (as in Robotmk 1.6.0: the service is 'Robot Framework E2E {key} - …'); " +
                    $"the bakery would write the key '{computed}' for this path and tag");
            return suite;
        }

        /// <summary>The suite's schedule against the global one: the interval fits the tick, the mode is one the runners can honour.</summary>
        private static void CheckSchedule(YamlFieldReader fields, SuiteConfig suite, Dictionary<string, YNode> e, string basePath, GlobalConfig global)
        {
            if (suite.ExecutionInterval is { } interval && SuiteSchedule.IntervalProblem(interval, global.ExecutionInterval, "global.execution_interval") is { } why)
                fields.Error(e["execution_interval"].Position, basePath + ".execution_interval", why);
            if (suite.ExecutionMode == ExecutionMode.AgentSerial && global.ExecutionMode == ExecutionMode.External)
                fields.Error(e["execution_mode"].Position, basePath + ".execution_mode",
                    "agent_serial is not possible when global.execution_mode is external: the agent's runner then runs no suite; " +
                    "set global.execution_mode to agent_serial and execution_mode: external on the suites a scheduler runs");
        }

        /// <summary>True for a path that is absolute here, on Linux or on Windows, or relative to a drive (C:x).</summary>
        private static bool IsRooted(string path) =>
            Path.IsPathRooted(path) || path.StartsWith('/') || path.StartsWith('\\') || (path.Length > 1 && path[1] == ':');

        private static ImmutableSortedDictionary<string, string> ParseEnv(YamlFieldReader fields, YNode node, string path)
        {
            var env = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
            foreach (var (name, value, pos) in fields.TextMap(node, path))
            {
                if (name.Length == 0 || name.Contains('=') || name.Contains('\0'))
                    fields.Error(pos, path + "." + name, $"'{YamlFieldReader.Shorten(name)}' is not a valid environment variable name (empty or contains '=')");
                else
                    env[name] = value;
            }
            return env.ToImmutable();
        }

        /// <summary>Variables as a map (what the v1 bakery wrote) or as a list of "NAME:VALUE" texts (robot's own syntax).</summary>
        private static ImmutableArray<(string Name, string Value, SourcePosition Position)> ParseVariables(YamlFieldReader fields, YNode node, string path)
        {
            var result = ImmutableArray.CreateBuilder<(string, string, SourcePosition)>();
            if (node is YMapping)
            {
                foreach (var (name, value, pos) in fields.TextMap(node, path))
                {
                    // robot splits --variable at the first colon, so a name with a colon would change meaning.
                    if (name.Length == 0 || name.Contains(':'))
                        fields.Error(pos, path + "." + name, $"'{YamlFieldReader.Shorten(name)}' is not a valid variable name (empty or contains ':')");
                    else
                        result.Add((name, value, pos));
                }
                return result.ToImmutable();
            }
            var items = fields.TextItems(node, path);
            for (var i = 0; i < items.Length; i++)
            {
                var (item, pos) = items[i];
                var colon = item.IndexOf(':');
                if (colon <= 0)
                    fields.Error(pos, $"{path}[{i}]", $"expected NAME:VALUE, found '{YamlFieldReader.Shorten(item)}'");
                else
                    result.Add((item[..colon], item[(colon + 1)..], pos));
            }
            return result.ToImmutable();
        }
    }
}
