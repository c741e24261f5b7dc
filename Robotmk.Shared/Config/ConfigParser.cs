using System.Collections.Immutable;
using System.Globalization;
using Robotmk.Paths;

namespace Robotmk.Config;

/// <summary>Outcome of parsing robotmk.yml: the model (when the global part is usable) and every problem found.</summary>
public sealed record ConfigResult(RobotmkConfig? Config, ImmutableArray<ConfigProblem> Problems)
{
    public bool IsUsable => Config is not null;
    public IEnumerable<ConfigProblem> Errors => Problems.Where(p => p.IsError);
    public bool HasErrors => Problems.Any(p => p.IsError);
}

/// <summary>
/// Pure robotmk.yml parser and validator (no I/O). Reports all problems at once, each with position and key path.
/// Global problems make the config unusable; a problem inside one suite only marks that suite as not runnable.
/// </summary>
public static class ConfigParser
{
    private static readonly string[] RootKeys = ["global", "suites"];
    private static readonly string[] GlobalKeys =
    [
        "execution_mode", "agent_output_encoding", "transmit_html", "log_level", "log_rotation", "robotdir",
        "outputdir", "logdir", "execution_interval", "cache_time", "run_timeout", "robotmk_version_compat",
        "python", "robot",
    ];
    private static readonly string[] SuiteKeys =
        ["path", "tag", "piggybackhost", "robot_params", "failed_handling", "timeout", "env", "cwd"];
    private static readonly string[] RobotParamKeys =
        ["name", "suite", "test", "include", "exclude", "variable", "variablefile", "argumentfile", "exitonfailure"];
    private static readonly string[] FailedHandlingKeys = ["max_iterations", "strategy"];
    private static readonly string[] StrategyKeys = ["name", "rerun_selection"];
    private static readonly string[] SelectionKeys = ["include", "exclude"];

    public static ConfigResult Parse(string text, string file, HostPaths defaults)
    {
        var ctx = new Context(file);
        YNode? root;
        try
        {
            root = YamlTreeReader.Read(text);
        }
        catch (YamlTreeException ex)
        {
            ctx.Error(ex.Position, "", ex.Message);
            return new ConfigResult(null, ctx.Problems.ToImmutableArray());
        }

        if (root is null || root is YScalar { IsNull: true })
        {
            ctx.Error(new SourcePosition(1, 1), "", "the file is empty; expected a mapping with 'global' and 'suites'");
            return new ConfigResult(null, ctx.Problems.ToImmutableArray());
        }
        if (root is not YMapping rootMap)
        {
            ctx.Error(root.Position, "", $"expected a mapping with 'global' and 'suites', found {root.KindName}");
            return new ConfigResult(null, ctx.Problems.ToImmutableArray());
        }

        var entries = ctx.Entries(rootMap, "", RootKeys);
        var global = ParseGlobal(ctx, entries.GetValueOrDefault("global"), defaults);
        var globalOk = !ctx.Problems.Any(p => p.IsError);

        var suites = ParseSuites(ctx, entries.GetValueOrDefault("suites"));
        var discover = suites.Length == 0 && !ctx.Problems.Any(p => p.IsError && p.SuiteKey is not null);
        if (discover)
            ctx.Notice(entries.GetValueOrDefault("suites")?.Position ?? rootMap.Position, "suites",
                "no suites configured: every folder and *.robot file directly in robotdir is run as a suite");

        if (!globalOk)
            return new ConfigResult(null, ctx.Problems.ToImmutableArray());
        return new ConfigResult(new RobotmkConfig(global, suites) { DiscoverSuites = discover }, ctx.Problems.ToImmutableArray());
    }

    private static GlobalConfig ParseGlobal(Context ctx, YNode? node, HostPaths defaults)
    {
        var g = new GlobalConfig { RobotDir = defaults.RobotDir, OutputDir = defaults.OutputDir, LogDir = defaults.LogDir };
        if (node is null || node is YScalar { IsNull: true })
            return g;
        if (node is not YMapping map)
        {
            ctx.Error(node.Position, "global", $"expected a mapping, found {node.KindName}");
            return g;
        }

        var e = ctx.Entries(map, "global", GlobalKeys);
        var outputDirSet = false;
        foreach (var (key, value) in e)
        {
            var path = "global." + key;
            switch (key)
            {
                case "execution_mode":
                    g = g with { ExecutionMode = ctx.Enum(value, path, ExecutionModes, g.ExecutionMode) };
                    break;
                case "agent_output_encoding":
                    g = g with { Encoding = ctx.Enum(value, path, Encodings, g.Encoding) };
                    break;
                case "transmit_html":
                    g = g with { TransmitHtml = ctx.Bool(value, path) ?? g.TransmitHtml };
                    break;
                case "log_level":
                    g = g with { LogLevel = ctx.Enum(value, path, LogLevels, g.LogLevel) };
                    break;
                case "log_rotation":
                    g = g with { LogRotation = ctx.Int(value, path, min: 0, max: 3650) ?? g.LogRotation };
                    break;
                case "robotdir":
                    g = g with { RobotDir = ctx.Text(value, path) ?? g.RobotDir };
                    break;
                case "outputdir":
                    g = g with { OutputDir = ctx.Text(value, path) ?? g.OutputDir };
                    outputDirSet = true;
                    break;
                case "logdir":
                    g = g with { LogDir = ctx.Text(value, path) ?? g.LogDir };
                    break;
                case "execution_interval":
                    g = g with { ExecutionInterval = ctx.Int(value, path, min: 1, max: 7 * 86400) ?? g.ExecutionInterval };
                    break;
                case "cache_time":
                    g = g with { CacheTime = ctx.Int(value, path, min: 1, max: 30 * 86400) ?? g.CacheTime };
                    break;
                case "run_timeout":
                    g = g with { RunTimeout = ctx.Int(value, path, min: 1, max: 7 * 86400) ?? g.RunTimeout };
                    break;
                case "robotmk_version_compat":
                    g = g with { RobotmkVersionCompat = ctx.Text(value, path) ?? g.RobotmkVersionCompat };
                    break;
                case "python":
                    g = g with { Python = ctx.Text(value, path) };
                    break;
                case "robot":
                    g = g with { Robot = ctx.Text(value, path) };
                    break;
            }
        }
        // v1: the runner log lives with the RF outputs unless logdir says otherwise.
        if (outputDirSet && !e.ContainsKey("logdir"))
            g = g with { LogDir = g.OutputDir };

        if (g.CacheTime < g.ExecutionInterval)
            ctx.Error(e.GetValueOrDefault("cache_time")?.Position ?? map.Position, "global.cache_time",
                $"cache_time ({g.CacheTime} s) must be at least execution_interval ({g.ExecutionInterval} s), " +
                "otherwise the server sees every result as stale before the next run delivers");
        if (g.RunTimeout is { } rt && g.ExecutionMode == ExecutionMode.AgentSerial && rt >= g.ExecutionInterval * 2)
            ctx.Error(e["run_timeout"].Position, "global.run_timeout",
                $"run_timeout ({rt} s) must be below twice the execution_interval ({2 * g.ExecutionInterval} s): " +
                "the Linux agent kills an async plugin at 2 x its interval");
        return g;
    }

    private static ImmutableArray<SuiteConfig> ParseSuites(Context ctx, YNode? node)
    {
        if (node is null || node is YScalar { IsNull: true })
            return [];
        if (node is not YMapping map)
        {
            ctx.Error(node.Position, "suites", $"expected a mapping of suite id to suite settings, found {node.KindName}");
            return [];
        }

        var suites = new List<(SuiteConfig Suite, YScalar Key)>();
        foreach (var (keyNode, value) in map.Entries)
        {
            var suite = ParseSuite(ctx.ForSuite(keyNode.Value), keyNode, value);
            if (suite is not null)
                suites.Add((suite, keyNode));
        }

        // Duplicate ids after normalization: both suites are unusable, the message names both.
        var result = new List<SuiteConfig>();
        foreach (var group in suites.GroupBy(s => s.Suite.Id, StringComparer.Ordinal))
        {
            var members = group.ToList();
            if (members.Count == 1)
            {
                result.Add(members[0].Suite);
                continue;
            }
            var names = string.Join(", ", members.Select(m => $"'{m.Key.Value}' (line {m.Key.Position.Line})"));
            foreach (var (suite, key) in members)
            {
                var msg = $"suite id '{suite.Id}' is used by {names}; set a distinct 'tag' on one of them to make the ids unique";
                ctx.ForSuite(key.Value).Error(key.Position, "suites." + key.Value, msg);
                result.Add(suite with { Errors = suite.Errors.Add(msg) });
            }
        }
        return [.. result.OrderBy(s => s.Id, StringComparer.Ordinal)];
    }

    private static SuiteConfig? ParseSuite(Context ctx, YScalar keyNode, YNode node)
    {
        var key = keyNode.Value;
        var basePath = "suites." + key;
        var errorsBefore = ctx.Problems.Count(p => p.IsError);
        if (node is not YMapping map)
        {
            ctx.Error(node.Position, basePath, $"expected a mapping with at least 'path', found {node.KindName}");
            var id = SuiteId.Compute(key, null);
            return new SuiteConfig { Key = key, Id = id, Path = key, Errors = [ctx.LastError] };
        }

        var e = ctx.Entries(map, basePath, SuiteKeys);
        var path = e.TryGetValue("path", out var pn) ? ctx.Text(pn, basePath + ".path") : null;
        if (!e.ContainsKey("path"))
            ctx.Error(map.Position, basePath, "missing required key 'path' (the suite file or folder, relative to robotdir)");
        else if (path is not null && EscapesRoot(path))
            ctx.Error(pn!.Position, basePath + ".path",
                $"'{path}' leaves robotdir through '..'; use a path inside robotdir or an absolute path");

        var tag = e.TryGetValue("tag", out var tn) ? ctx.OptionalText(tn, basePath + ".tag") : null;
        var suite = new SuiteConfig
        {
            Key = key,
            Id = SuiteId.Compute(path ?? key, tag),
            Path = path ?? key,
            Tag = tag,
        };

        foreach (var (k, v) in e)
        {
            var p = basePath + "." + k;
            suite = k switch
            {
                "piggybackhost" => suite with { PiggybackHost = ctx.OptionalText(v, p) },
                "robot_params" => suite with { RobotParams = ParseRobotParams(ctx, v, p) },
                "failed_handling" => suite with { FailedHandling = ParseFailedHandling(ctx, v, p) },
                "timeout" => suite with { Timeout = ctx.Int(v, p, min: 1, max: 7 * 86400) },
                "env" => suite with { Env = ctx.StringMap(v, p).ToImmutableSortedDictionary(StringComparer.Ordinal) },
                "cwd" => suite with { Cwd = ctx.OptionalText(v, p) },
                _ => suite,
            };
        }

        if (suite.PiggybackHost is { } host && (host.Contains('<') || host.Contains('>') || host.Any(char.IsWhiteSpace)))
            ctx.Error(e["piggybackhost"].Position, basePath + ".piggybackhost",
                $"'{host}' is not a valid host name (no spaces or angle brackets)");
        if (!SuiteId.IsFileSafe(suite.Id))
            ctx.Error(keyNode.Position, basePath, $"the computed suite id '{suite.Id}' is not usable; give the suite a path with letters or digits");
        else if (!string.Equals(key, suite.Id, StringComparison.Ordinal))
            ctx.Warning(keyNode.Position, basePath,
                $"the key '{key}' differs from the id computed from path and tag ('{suite.Id}'); '{suite.Id}' is used");

        var errors = ctx.Problems.Where(p => p.IsError).Skip(errorsBefore).Select(p => p.ToString()).ToImmutableArray();
        return suite with { Errors = errors };
    }

    private static bool EscapesRoot(string path)
    {
        if (System.IO.Path.IsPathRooted(path) || path.StartsWith('/') || path.StartsWith('\\') || (path.Length > 1 && path[1] == ':'))
            return false;
        var depth = 0;
        foreach (var part in path.Split('/', '\\'))
        {
            if (part == "..") depth--;
            else if (part is not ("" or ".")) depth++;
            if (depth < 0) return true;
        }
        return false;
    }

    private static RobotParams ParseRobotParams(Context ctx, YNode node, string path)
    {
        var rp = new RobotParams();
        if (node is YScalar { IsNull: true })
            return rp;
        if (node is not YMapping map)
        {
            ctx.Error(node.Position, path, $"expected a mapping of robot options, found {node.KindName}");
            return rp;
        }
        foreach (var (k, v) in ctx.Entries(map, path, RobotParamKeys))
        {
            var p = path + "." + k;
            rp = k switch
            {
                "name" => rp with { Name = ctx.OptionalText(v, p) },
                "suite" => rp with { Suite = ctx.TextList(v, p) },
                "test" => rp with { Test = ctx.TextList(v, p) },
                "include" => rp with { Include = ctx.TextList(v, p) },
                "exclude" => rp with { Exclude = ctx.TextList(v, p) },
                "variable" => rp with { Variable = ctx.Variables(v, p) },
                "variablefile" => rp with { VariableFile = ctx.TextList(v, p) },
                "argumentfile" => rp with { ArgumentFile = ctx.TextList(v, p) },
                "exitonfailure" => rp with { ExitOnFailure = ctx.Bool(v, p) ?? false },
                _ => rp,
            };
        }
        return rp;
    }

    private static FailedHandling ParseFailedHandling(Context ctx, YNode node, string path)
    {
        var fh = new FailedHandling();
        if (node is YScalar { IsNull: true })
            return fh;
        if (node is not YMapping map)
        {
            ctx.Error(node.Position, path, $"expected a mapping with 'max_iterations' and 'strategy', found {node.KindName}");
            return fh;
        }
        foreach (var (k, v) in ctx.Entries(map, path, FailedHandlingKeys))
        {
            var p = path + "." + k;
            if (k == "max_iterations")
            {
                fh = fh with { MaxIterations = ctx.Int(v, p, min: 1, max: 20) ?? fh.MaxIterations };
                continue;
            }
            if (v is YScalar { IsNull: true })
                continue;
            if (v is not YMapping sm)
            {
                ctx.Error(v.Position, p, $"expected a mapping with 'name' and 'rerun_selection', found {v.KindName}");
                continue;
            }
            foreach (var (sk, sv) in ctx.Entries(sm, p, StrategyKeys))
            {
                var sp = p + "." + sk;
                if (sk == "name")
                {
                    fh = fh with { Strategy = ctx.Enum(sv, sp, Strategies, fh.Strategy) };
                    continue;
                }
                if (sv is YScalar { IsNull: true })
                    continue;
                if (sv is not YMapping sel)
                {
                    ctx.Error(sv.Position, sp, $"expected a mapping with 'include' and 'exclude', found {sv.KindName}");
                    continue;
                }
                foreach (var (xk, xv) in ctx.Entries(sel, sp, SelectionKeys))
                {
                    fh = xk == "include"
                        ? fh with { RerunInclude = ctx.TextList(xv, sp + "." + xk) }
                        : fh with { RerunExclude = ctx.TextList(xv, sp + "." + xk) };
                }
            }
        }
        return fh;
    }

    private static readonly IReadOnlyDictionary<string, ExecutionMode> ExecutionModes =
        new Dictionary<string, ExecutionMode> { ["agent_serial"] = ExecutionMode.AgentSerial, ["external"] = ExecutionMode.External };
    private static readonly IReadOnlyDictionary<string, OutputEncoding> Encodings = new Dictionary<string, OutputEncoding>
    {
        ["zlib_codec"] = OutputEncoding.ZlibCodec, ["base64_codec"] = OutputEncoding.Base64Codec, ["utf_8"] = OutputEncoding.Utf8,
    };
    private static readonly IReadOnlyDictionary<string, RobotmkLogLevel> LogLevels = new Dictionary<string, RobotmkLogLevel>
    {
        ["OFF"] = RobotmkLogLevel.Off, ["CRITICAL"] = RobotmkLogLevel.Critical, ["ERROR"] = RobotmkLogLevel.Error,
        ["WARNING"] = RobotmkLogLevel.Warning, ["INFO"] = RobotmkLogLevel.Info, ["DEBUG"] = RobotmkLogLevel.Debug,
    };
    private static readonly IReadOnlyDictionary<string, RerunStrategy> Strategies =
        new Dictionary<string, RerunStrategy> { ["incremental"] = RerunStrategy.Incremental, ["complete"] = RerunStrategy.Complete };

    /// <summary>Accumulates problems; typed readers return null (and record why) for a value of the wrong shape.</summary>
    private sealed class Context(string file, string? suiteKey = null, List<ConfigProblem>? problems = null)
    {
        public List<ConfigProblem> Problems { get; } = problems ?? [];
        public string LastError => Problems.Last(p => p.IsError).ToString();

        public Context ForSuite(string key) => new(file, key, Problems);

        public void Error(SourcePosition pos, string path, string message) => Add(ProblemSeverity.Error, pos, path, message);
        public void Warning(SourcePosition pos, string path, string message) => Add(ProblemSeverity.Warning, pos, path, message);
        public void Notice(SourcePosition pos, string path, string message) => Add(ProblemSeverity.Notice, pos, path, message);

        private void Add(ProblemSeverity sev, SourcePosition pos, string path, string message) =>
            Problems.Add(new ConfigProblem(sev, file, pos, path, message) { SuiteKey = suiteKey });

        /// <summary>The entries of a mapping by key; unknown keys are reported with a suggestion and skipped.</summary>
        public Dictionary<string, YNode> Entries(YMapping map, string path, string[] known)
        {
            var result = new Dictionary<string, YNode>(StringComparer.Ordinal);
            foreach (var (k, v) in map.Entries)
            {
                if (Array.IndexOf(known, k.Value) >= 0)
                {
                    result[k.Value] = v;
                    continue;
                }
                var where = path.Length == 0 ? "at the top level" : $"in '{path}'";
                var hint = Suggest.Closest(k.Value, known) is { } s ? $"did you mean '{s}'? " : "";
                Error(k.Position, Join(path, k.Value),
                    $"unknown key {where}; {hint}expected one of: {string.Join(", ", known)}");
            }
            return result;
        }

        public string? Text(YNode node, string path)
        {
            if (node is YScalar s && !s.IsNull)
                return s.Value;
            Error(node.Position, path, node is YScalar ? "expected a text value, found nothing (null)" : $"expected a text value, found {node.KindName}");
            return null;
        }

        public string? OptionalText(YNode node, string path) => node is YScalar { IsNull: true } ? null : Text(node, path);

        public int? Int(YNode node, string path, int min, int max)
        {
            if (node is not YScalar s || s.IsNull)
            {
                Error(node.Position, path, $"expected a whole number between {min} and {max}, found {Describe(node)}");
                return null;
            }
            if (!long.TryParse(s.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v))
            {
                Error(s.Position, path, $"expected a whole number between {min} and {max}, found '{Shorten(s.Value)}'");
                return null;
            }
            if (v < min || v > max)
            {
                Error(s.Position, path, $"{v} is out of range; expected a whole number between {min} and {max}");
                return null;
            }
            return (int)v;
        }

        public bool? Bool(YNode node, string path)
        {
            if (node is YScalar s && !s.IsNull)
            {
                switch (s.Value.ToLowerInvariant())
                {
                    case "true" or "yes" or "on": return true;
                    case "false" or "no" or "off": return false;
                }
            }
            Error(node.Position, path, $"expected true or false, found {Describe(node)}");
            return null;
        }

        public T Enum<T>(YNode node, string path, IReadOnlyDictionary<string, T> values, T fallback)
        {
            if (node is YScalar s && !s.IsNull && values.TryGetValue(s.Value, out var v))
                return v;
            var hint = node is YScalar sc && Suggest.Closest(sc.Value, values.Keys) is { } sug ? $"did you mean '{sug}'? " : "";
            Error(node.Position, path, $"{hint}expected one of {string.Join(", ", values.Keys)}, found {Describe(node)}");
            return fallback;
        }

        /// <summary>A list of texts; a single text is accepted as a list of one (as v1 did).</summary>
        public ImmutableArray<string> TextList(YNode node, string path)
        {
            switch (node)
            {
                case YScalar { IsNull: true }:
                    return [];
                case YScalar s:
                    return [s.Value];
                case YSequence seq:
                    var list = ImmutableArray.CreateBuilder<string>(seq.Items.Count);
                    for (var i = 0; i < seq.Items.Count; i++)
                    {
                        if (seq.Items[i] is YScalar item && !item.IsNull)
                            list.Add(item.Value);
                        else
                            Error(seq.Items[i].Position, $"{path}[{i}]", $"expected a text value, found {Describe(seq.Items[i])}");
                    }
                    return list.ToImmutable();
                default:
                    Error(node.Position, path, $"expected a list of texts or a single text, found {node.KindName}");
                    return [];
            }
        }

        public Dictionary<string, string> StringMap(YNode node, string path)
        {
            var result = new Dictionary<string, string>(StringComparer.Ordinal);
            if (node is YScalar { IsNull: true })
                return result;
            if (node is not YMapping map)
            {
                Error(node.Position, path, $"expected a mapping of names to values, found {node.KindName}");
                return result;
            }
            foreach (var (k, v) in map.Entries)
            {
                if (v is YScalar s)
                    result[k.Value] = s.IsNull ? "" : s.Value;
                else
                    Error(v.Position, path + "." + k.Value, $"expected a text value, found {v.KindName}");
            }
            return result;
        }

        /// <summary>Variables as a map (v1 bakery) or as a list of "NAME:VALUE" texts.</summary>
        public ImmutableArray<KeyValuePair<string, string>> Variables(YNode node, string path)
        {
            if (node is YMapping)
                return [.. StringMap(node, path).Select(kv => kv)];
            var result = ImmutableArray.CreateBuilder<KeyValuePair<string, string>>();
            var items = TextList(node, path);
            foreach (var item in items)
            {
                var colon = item.IndexOf(':');
                if (colon <= 0)
                {
                    Error(node.Position, path, $"expected NAME:VALUE, found '{Shorten(item)}'");
                    continue;
                }
                result.Add(new(item[..colon], item[(colon + 1)..]));
            }
            return result.ToImmutable();
        }

        private static string Describe(YNode node) => node switch
        {
            YScalar { IsNull: true } => "nothing (null)",
            YScalar s => $"'{Shorten(s.Value)}'",
            _ => node.KindName,
        };

        private static string Shorten(string s) => s.Length <= 60 ? s : s[..57] + "...";
        private static string Join(string path, string key) => path.Length == 0 ? key : path + "." + key;
    }
}
