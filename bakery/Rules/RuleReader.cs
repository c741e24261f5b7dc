using System.Collections.Immutable;
using Robotmk.Config;

namespace Robotmk.Bakery.Rules;

/// <summary>Where each key of a rule file was found, so checks across several keys can point at the right line.</summary>
public sealed class RulePositions(IReadOnlyDictionary<string, SourcePosition> positions, SourcePosition root)
{
    public SourcePosition Root { get; } = root;

    public bool IsSet(string keyPath) => positions.ContainsKey(keyPath);

    /// <summary>The position of the value at <paramref name="keyPath"/>, else of the first of <paramref name="fallbacks"/> set, else the root.</summary>
    public SourcePosition Of(string keyPath, params string[] fallbacks)
    {
        if (positions.TryGetValue(keyPath, out var p))
            return p;
        foreach (var f in fallbacks)
            if (positions.TryGetValue(f, out var fp))
                return fp;
        return Root;
    }
}

/// <summary>
/// Turns the YAML tree of a rule file into a <see cref="RuleSet"/>. Pure. Checks shapes and value ranges of single keys;
/// <see cref="RuleValidator"/> checks what depends on several keys or on the target systems.
/// </summary>
internal static class RuleReader
{
    private static readonly string[] RootKeys =
    [
        "execution_mode", "execution_interval", "runner_timeout_margin", "expected_runtime", "cache_time",
        "agent_output_encoding", "transmit_html", "log_level", "log_rotation", "robotmk_version_compat",
        "start_offset", "linux", "windows", "suites",
    ];
    private static readonly string[] DirKeys = ["robotdir", "outputdir", "logdir"];
    private static readonly string[] LinuxKeys = [.. DirKeys, "python", "robot", "user"];
    private static readonly string[] WindowsKeys = [.. DirKeys, "python", "robot", "retry_count", "user", "logon_type"];
    private static readonly string[] SuiteKeys =
        ["path", "tag", "piggybackhost", "robot_params", "failed_handling", "timeout", "env", "cwd"];
    private static readonly string[] RobotParamKeys =
        ["name", "suite", "test", "include", "exclude", "variable", "variablefile", "argumentfile", "exitonfailure"];
    private static readonly string[] FailedHandlingKeys = ["max_iterations", "strategy"];
    private static readonly string[] StrategyKeys = ["name", "rerun_selection"];
    private static readonly string[] SelectionKeys = ["include", "exclude"];

    public const int MaxSeconds = 7 * 86400;

    private const string NoSuites =
        "no suites: expected a list with at least one suite ('- path: ...'); the bakery computes the suite ids, so it cannot bake " +
        "robotmk.yml's catch-all (every folder in robotdir is a suite), which is an empty 'suites' written by hand";

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
    private static readonly IReadOnlyDictionary<string, WindowsLogonType> LogonTypes = new Dictionary<string, WindowsLogonType>
    {
        ["password"] = WindowsLogonType.Password, ["interactive_token"] = WindowsLogonType.InteractiveToken, ["s4u"] = WindowsLogonType.S4U,
    };

    /// <returns>The rule set (null when the file is not a usable mapping) and where its keys were found.</returns>
    public static (RuleSet? Rules, RulePositions? Positions) Read(string text, string sourceName, ProblemList problems)
    {
        YNode? root;
        try
        {
            root = YamlTreeReader.Read(text);
        }
        catch (YamlTreeException ex)
        {
            problems.Error(ex.Position, "", ex.Message);
            return (null, null);
        }
        if (root is null or YScalar { IsNull: true })
        {
            problems.Error(new SourcePosition(1, 1), "", "the file is empty; expected a mapping with at least 'suites'");
            return (null, null);
        }
        if (root is not YMapping rootMap)
        {
            problems.Error(root.Position, "", $"expected a mapping with at least 'suites', found {YamlFields.Describe(root)}");
            return (null, null);
        }

        var positions = new Dictionary<string, SourcePosition>(StringComparer.Ordinal);
        var f = new YamlFields(problems);
        var e = f.Entries(rootMap, "", RootKeys);
        foreach (var (k, v) in e)
            positions[k] = v.Position;

        var rules = new RuleSet { SourceName = sourceName };
        foreach (var (key, value) in e)
        {
            rules = key switch
            {
                "execution_mode" => rules with { ExecutionMode = f.Enum(value, key, ExecutionModes) ?? rules.ExecutionMode },
                "execution_interval" => rules with { ExecutionInterval = f.Int(value, key, 1, MaxSeconds, " of seconds") ?? rules.ExecutionInterval },
                "runner_timeout_margin" => rules with { RunnerTimeoutMargin = f.Int(value, key, 0, 86400, " of seconds") ?? rules.RunnerTimeoutMargin },
                "expected_runtime" => rules with { ExpectedRuntime = Optional(value, v => f.Int(v, key, 0, MaxSeconds, " of seconds")) },
                "cache_time" => rules with { CacheTime = Optional(value, v => f.Int(v, key, 1, 30 * 86400, " of seconds")) },
                "agent_output_encoding" => rules with { Encoding = f.Enum(value, key, Encodings) ?? rules.Encoding },
                "transmit_html" => rules with { TransmitHtml = f.Bool(value, key) ?? rules.TransmitHtml },
                "log_level" => rules with { LogLevel = f.Enum(value, key, LogLevels) ?? rules.LogLevel },
                "log_rotation" => rules with { LogRotation = f.Int(value, key, 0, 3650, " of days") ?? rules.LogRotation },
                "robotmk_version_compat" => rules with { RobotmkVersionCompat = f.OptionalText(value, key) },
                "start_offset" => rules with { StartOffset = f.Int(value, key, 0, MaxSeconds, " of seconds") ?? rules.StartOffset },
                "linux" => rules with { Linux = ReadLinux(f, value, positions) },
                "windows" => rules with { Windows = ReadWindows(f, value, positions) },
                "suites" => rules with { Suites = ReadSuites(f, problems, value) },
                _ => rules,
            };
        }
        if (!e.TryGetValue("suites", out var suitesNode) || suitesNode is YScalar { IsNull: true } || suitesNode is YSequence { Items.Count: 0 })
            problems.Error(suitesNode?.Position ?? rootMap.Position, "suites", NoSuites);
        return (rules, new RulePositions(positions, rootMap.Position));
    }

    private static int? Optional(YNode node, Func<YNode, int?> read) => node is YScalar { IsNull: true } ? null : read(node);

    private static HostDirs ReadDirs(YamlFields f, Dictionary<string, YNode> e, string path)
    {
        var dirs = new HostDirs();
        foreach (var key in DirKeys)
        {
            if (!e.TryGetValue(key, out var v))
                continue;
            var value = f.OptionalText(v, path + "." + key, "a folder path");
            dirs = key switch
            {
                "robotdir" => dirs with { RobotDir = value },
                "outputdir" => dirs with { OutputDir = value },
                _ => dirs with { LogDir = value },
            };
        }
        return dirs;
    }

    private static LinuxRules ReadLinux(YamlFields f, YNode node, Dictionary<string, SourcePosition> positions)
    {
        var linux = new LinuxRules();
        if (f.Mapping(node, "linux", "a mapping of Linux settings") is not { } map)
            return linux;
        var e = f.Entries(map, "linux", LinuxKeys);
        foreach (var (k, v) in e)
            positions["linux." + k] = v.Position;
        linux = linux with { Dirs = ReadDirs(f, e, "linux") };
        if (e.TryGetValue("python", out var py)) linux = linux with { Python = f.OptionalText(py, "linux.python") };
        if (e.TryGetValue("robot", out var rb)) linux = linux with { Robot = f.OptionalText(rb, "linux.robot") };
        if (e.TryGetValue("user", out var u)) linux = linux with { User = f.Text(u, "linux.user", "a user name") ?? linux.User };
        return linux;
    }

    private static WindowsRules ReadWindows(YamlFields f, YNode node, Dictionary<string, SourcePosition> positions)
    {
        var windows = new WindowsRules();
        if (f.Mapping(node, "windows", "a mapping of Windows settings") is not { } map)
            return windows;
        var e = f.Entries(map, "windows", WindowsKeys);
        foreach (var (k, v) in e)
            positions["windows." + k] = v.Position;
        windows = windows with { Dirs = ReadDirs(f, e, "windows") };
        if (e.TryGetValue("python", out var py)) windows = windows with { Python = f.OptionalText(py, "windows.python") };
        if (e.TryGetValue("robot", out var rb)) windows = windows with { Robot = f.OptionalText(rb, "windows.robot") };
        if (e.TryGetValue("retry_count", out var rc)) windows = windows with { RetryCount = f.Int(rc, "windows.retry_count", 0, 100) ?? windows.RetryCount };
        if (e.TryGetValue("user", out var u)) windows = windows with { User = f.Text(u, "windows.user", "an account name or SYSTEM") ?? windows.User };
        if (e.TryGetValue("logon_type", out var lt)) windows = windows with { LogonType = f.Enum(lt, "windows.logon_type", LogonTypes) ?? windows.LogonType };
        return windows;
    }

    private static ImmutableArray<SuiteRule> ReadSuites(YamlFields f, ProblemList problems, YNode node)
    {
        if (node is YScalar { IsNull: true })
            return [];
        if (node is YMapping)
        {
            problems.Error(node.Position, "suites",
                "expected a list of suites ('- path: ...'), found a mapping; the rule file lists suites and the bakery computes their ids");
            return [];
        }
        if (node is not YSequence seq)
        {
            problems.Error(node.Position, "suites", $"expected a list of suites ('- path: ...'), found {YamlFields.Describe(node)}");
            return [];
        }
        var suites = ImmutableArray.CreateBuilder<SuiteRule>(seq.Items.Count);
        for (var i = 0; i < seq.Items.Count; i++)
        {
            if (ReadSuite(f, problems, seq.Items[i], i) is { } suite)
                suites.Add(suite);
        }
        return suites.ToImmutable();
    }

    private static SuiteRule? ReadSuite(YamlFields f, ProblemList problems, YNode node, int index)
    {
        var basePath = $"suites[{index}]";
        if (node is not YMapping map)
        {
            problems.Error(node.Position, basePath, $"expected a mapping with at least 'path', found {YamlFields.Describe(node)}");
            return null;
        }
        var e = f.Entries(map, basePath, SuiteKeys);
        if (!e.TryGetValue("path", out var pathNode))
        {
            problems.Error(map.Position, basePath, "missing required key 'path' (the suite file or folder, relative to robotdir)");
            return null;
        }
        var path = f.Text(pathNode, basePath + ".path", "the suite file or folder");
        if (path is null)
            return null;
        var tag = e.TryGetValue("tag", out var tagNode) ? f.OptionalText(tagNode, basePath + ".tag") : null;

        var suite = new SuiteRule
        {
            Id = SuiteId.Compute(path, tag), Path = path, Tag = tag, Position = map.Position, Index = index,
            KeyPositions = e.ToImmutableDictionary(kv => kv.Key, kv => kv.Value.Position, StringComparer.Ordinal),
        };
        foreach (var (key, value) in e)
        {
            var p = basePath + "." + key;
            suite = key switch
            {
                "piggybackhost" => suite with { PiggybackHost = f.OptionalText(value, p, "a host name") },
                "robot_params" => suite with { RobotParams = ReadRobotParams(f, value, p) },
                "failed_handling" => suite with { FailedHandling = ReadFailedHandling(f, value, p) },
                "timeout" => suite with { Timeout = Optional(value, v => f.Int(v, p, 1, MaxSeconds, " of seconds")) },
                "env" => suite with { Env = f.TextMap(value, p) },
                "cwd" => suite with { Cwd = f.OptionalText(value, p, "a folder path") },
                _ => suite,
            };
        }
        return suite;
    }

    private static RobotParams ReadRobotParams(YamlFields f, YNode node, string path)
    {
        var rp = new RobotParams();
        if (f.Mapping(node, path, "a mapping of robot options") is not { } map)
            return rp;
        foreach (var (k, v) in f.Entries(map, path, RobotParamKeys))
        {
            var p = path + "." + k;
            rp = k switch
            {
                "name" => rp with { Name = f.OptionalText(v, p) },
                "suite" => rp with { Suite = f.TextList(v, p) },
                "test" => rp with { Test = f.TextList(v, p) },
                "include" => rp with { Include = f.TextList(v, p) },
                "exclude" => rp with { Exclude = f.TextList(v, p) },
                "variable" => rp with { Variable = f.TextMap(v, p) },
                "variablefile" => rp with { VariableFile = f.TextList(v, p) },
                "argumentfile" => rp with { ArgumentFile = f.TextList(v, p) },
                "exitonfailure" => rp with { ExitOnFailure = f.Bool(v, p) ?? false },
                _ => rp,
            };
        }
        return rp;
    }

    private static FailedHandling ReadFailedHandling(YamlFields f, YNode node, string path)
    {
        var fh = new FailedHandling();
        if (f.Mapping(node, path, "a mapping with 'max_iterations' and 'strategy'") is not { } map)
            return fh;
        foreach (var (k, v) in f.Entries(map, path, FailedHandlingKeys))
        {
            var p = path + "." + k;
            if (k == "max_iterations")
            {
                fh = fh with { MaxIterations = f.Int(v, p, 1, 20) ?? fh.MaxIterations };
                continue;
            }
            if (f.Mapping(v, p, "a mapping with 'name' and 'rerun_selection'") is not { } strategy)
                continue;
            foreach (var (sk, sv) in f.Entries(strategy, p, StrategyKeys))
            {
                var sp = p + "." + sk;
                if (sk == "name")
                {
                    fh = fh with { Strategy = f.Enum(sv, sp, Strategies) ?? fh.Strategy };
                    continue;
                }
                if (f.Mapping(sv, sp, "a mapping with 'include' and 'exclude'") is not { } selection)
                    continue;
                foreach (var (xk, xv) in f.Entries(selection, sp, SelectionKeys))
                {
                    fh = xk == "include"
                        ? fh with { RerunInclude = f.TextList(xv, sp + "." + xk) }
                        : fh with { RerunExclude = f.TextList(xv, sp + "." + xk) };
                }
            }
        }
        return fh;
    }
}
