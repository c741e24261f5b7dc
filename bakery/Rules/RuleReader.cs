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
        "start_offset", "max_parallel", "linux", "windows", "suites",
    ];
    private static readonly string[] DirKeys = ["robotdir", "outputdir", "logdir"];
    private static readonly string[] LinuxKeys = [.. DirKeys, "python", "robot", "user"];
    private static readonly string[] WindowsKeys = [.. DirKeys, "python", "robot", "retry_count", "user", "logon_type"];
    private static readonly string[] SuiteKeys =
    [
        "path", "tag", "piggybackhost", "robot_params", "failed_handling", "timeout", "env", "cwd", "skipped_as",
        .. SuiteSettingsReader.ScheduleKeys, "linux", "windows",
    ];
    /// <summary>A suite run on its own may have its own account on each system.</summary>
    private static readonly string[] SuiteLinuxKeys = ["user"];
    private static readonly string[] SuiteWindowsKeys = ["user", "logon_type"];

    /// <summary>The largest max_parallel, as robotmk.yml's parser accepts it.</summary>
    public const int MaxParallel = 64;

    public const int MaxSeconds = 7 * 86400;

    private const string NoSuites =
        "no suites: expected a list with at least one suite ('- path: ...'); the bakery computes the suite ids, so it cannot bake " +
        "robotmk.yml's catch-all (every folder in robotdir is a suite), which is an empty 'suites' written by hand";

    /// <summary>
    /// A rule file is written by hand for a whole fleet, so blank texts and names are refused; an unknown key is named by
    /// its key path alone and may be a shortened known key.
    /// </summary>
    private static readonly YamlFieldOptions RuleFileOptions = new()
    {
        RetiredKeys = new Dictionary<string, string>
        {
            ["critical"] = "Robot Framework 4 removed test criticality (--critical); use 'exclude' or skip tags instead",
            ["noncritical"] = "Robot Framework 4 removed test criticality (--noncritical); use 'exclude' or skip tags instead",
        },
        QuoteUnknownKeys = false,
        SuggestKeysByPrefix = true,
        BlankTextIsEmpty = true,
        AllowEmptyListItems = false,
        RejectEmptyNames = true,
        EmptyTextDescription = "''",
    };

    private static readonly WireEnum<WindowsLogonType> LogonTypes = new(
        ("password", WindowsLogonType.Password), ("interactive_token", WindowsLogonType.InteractiveToken), ("s4u", WindowsLogonType.S4U));

    /// <param name="file">The rule file as the user named it; used in messages.</param>
    /// <param name="sourceName">The rule file's name (no folder), named in generated files.</param>
    /// <returns>
    /// The rule set (null when the file is not a usable mapping), where its keys were found, and every problem found in reading.
    /// </returns>
    public static (RuleSet? Rules, RulePositions? Positions, IReadOnlyList<ConfigProblem> Problems) Read(string text, string file, string sourceName)
    {
        var f = new YamlFieldReader(file, RuleFileOptions);
        if (f.RootMapping(text, "a mapping with at least 'suites'") is not { } rootMap)
            return (null, null, f.Problems);

        var e = f.Entries(rootMap, "", RootKeys);
        var rules = new RuleSet { SourceName = sourceName };
        foreach (var (key, value) in e)
        {
            rules = key switch
            {
                "execution_mode" => rules with { ExecutionMode = f.Enum(value, key, WireNames.ExecutionModes) ?? rules.ExecutionMode },
                "execution_interval" => rules with { ExecutionInterval = f.Int(value, key, 1, MaxSeconds, " of seconds") ?? rules.ExecutionInterval },
                "runner_timeout_margin" => rules with { RunnerTimeoutMargin = f.Int(value, key, 0, 86400, " of seconds") ?? rules.RunnerTimeoutMargin },
                "expected_runtime" => rules with { ExpectedRuntime = Optional(value, v => f.Int(v, key, 0, MaxSeconds, " of seconds")) },
                "cache_time" => rules with { CacheTime = Optional(value, v => f.Int(v, key, 1, 30 * 86400, " of seconds")) },
                "agent_output_encoding" => rules with { Encoding = f.Enum(value, key, WireNames.Encodings) ?? rules.Encoding },
                "transmit_html" => rules with { TransmitHtml = f.Bool(value, key) ?? rules.TransmitHtml },
                "log_level" => rules with { LogLevel = f.Enum(value, key, WireNames.LogLevels) ?? rules.LogLevel },
                "log_rotation" => rules with { LogRotation = f.Int(value, key, 0, 3650, " of days") ?? rules.LogRotation },
                "robotmk_version_compat" => rules with { RobotmkVersionCompat = f.OptionalText(value, key) },
                "start_offset" => rules with { StartOffset = f.Int(value, key, 0, MaxSeconds, " of seconds") ?? rules.StartOffset },
                "max_parallel" => rules with { MaxParallel = f.Int(value, key, 1, MaxParallel) ?? rules.MaxParallel },
                "linux" => rules with { Linux = ReadLinux(f, value) },
                "windows" => rules with { Windows = ReadWindows(f, value) },
                "suites" => rules with { Suites = ReadSuites(f, value) },
                _ => rules,
            };
        }
        if (!e.TryGetValue("suites", out var suitesNode) || suitesNode is YScalar { IsNull: true } || suitesNode is YSequence { Items.Count: 0 })
            f.Error(suitesNode?.Position ?? rootMap.Position, "suites", NoSuites);
        return (rules, new RulePositions(f.Positions, rootMap.Position), f.Problems);
    }

    private static int? Optional(YNode node, Func<YNode, int?> read) => node is YScalar { IsNull: true } ? null : read(node);

    private static LinuxRules ReadLinux(YamlFieldReader f, YNode node)
    {
        var (linux, e) = ReadHost(f, node, new LinuxRules(), "linux", "a mapping of Linux settings", LinuxKeys);
        if (e.TryGetValue("user", out var u)) linux = linux with { User = f.Text(u, "linux.user", "a user name") ?? linux.User };
        return linux;
    }

    private static WindowsRules ReadWindows(YamlFieldReader f, YNode node)
    {
        var (windows, e) = ReadHost(f, node, new WindowsRules(), "windows", "a mapping of Windows settings", WindowsKeys);
        if (e.TryGetValue("retry_count", out var rc)) windows = windows with { RetryCount = f.Int(rc, "windows.retry_count", 0, 100) ?? windows.RetryCount };
        if (e.TryGetValue("user", out var u)) windows = windows with { User = f.Text(u, "windows.user", "an account name or SYSTEM") ?? windows.User };
        if (e.TryGetValue("logon_type", out var lt)) windows = windows with { LogonType = f.Enum(lt, "windows.logon_type", LogonTypes) ?? windows.LogonType };
        return windows;
    }

    /// <summary>
    /// The entries of the <paramref name="os"/> mapping, and <paramref name="rules"/> with what every system has
    /// (folders, python, robot) read from them; no entries when the value is not a mapping.
    /// </summary>
    private static (T Rules, Dictionary<string, YNode> Entries) ReadHost<T>(
        YamlFieldReader f, YNode node, T rules, string os, string expected, string[] keys) where T : HostRules
    {
        if (f.Mapping(node, os, expected) is not { } map)
            return (rules, []);
        var e = f.Entries(map, os, keys);
        rules = rules with { Dirs = ReadDirs(f, e, os) };
        if (e.TryGetValue("python", out var py)) rules = rules with { Python = f.OptionalText(py, os + ".python") };
        if (e.TryGetValue("robot", out var rb)) rules = rules with { Robot = f.OptionalText(rb, os + ".robot") };
        return (rules, e);
    }

    private static HostDirs ReadDirs(YamlFieldReader f, Dictionary<string, YNode> e, string path)
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

    private static ImmutableArray<SuiteRule> ReadSuites(YamlFieldReader f, YNode node)
    {
        if (node is YScalar { IsNull: true })
            return [];
        if (node is YMapping)
        {
            f.Error(node.Position, "suites",
                "expected a list of suites ('- path: ...'), found a mapping; the rule file lists suites and the bakery computes their ids");
            return [];
        }
        if (node is not YSequence seq)
        {
            f.Error(node.Position, "suites", $"expected a list of suites ('- path: ...'), found {f.Describe(node)}");
            return [];
        }
        var suites = ImmutableArray.CreateBuilder<SuiteRule>(seq.Items.Count);
        for (var i = 0; i < seq.Items.Count; i++)
        {
            if (ReadSuite(f, seq.Items[i], i) is { } suite)
                suites.Add(suite);
        }
        return suites.ToImmutable();
    }

    private static SuiteRule? ReadSuite(YamlFieldReader f, YNode node, int index)
    {
        var basePath = $"suites[{index}]";
        if (node is not YMapping map)
        {
            f.Error(node.Position, basePath, $"expected a mapping with at least 'path', found {f.Describe(node)}");
            return null;
        }
        var e = f.Entries(map, basePath, SuiteKeys);
        if (!e.TryGetValue("path", out var pathNode))
        {
            f.Error(map.Position, basePath, "missing required key 'path' (the suite file or folder, relative to robotdir)");
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
                "robot_params" => suite with { RobotParams = SuiteSettingsReader.ReadRobotParams(f, value, p, (r, n, path) => r.TextMap(n, path)) },
                "failed_handling" => suite with { FailedHandling = SuiteSettingsReader.ReadFailedHandling(f, value, p, acceptV1Spellings: false) },
                "timeout" => suite with { Timeout = Optional(value, v => f.Int(v, p, 1, MaxSeconds, " of seconds")) },
                "env" => suite with { Env = ReadTextMap(f, value, p) },
                "cwd" => suite with { Cwd = f.OptionalText(value, p, "a folder path") },
                "skipped_as" => suite with { SkippedAs = f.Enum(value, p, WireNames.SkippedAsValues) ?? suite.SkippedAs },
                "linux" => ReadSuiteLinux(f, value, p, suite),
                "windows" => ReadSuiteWindows(f, value, p, suite),
                _ => SuiteSettingsReader.ReadScheduleKey(f, key, value, p, suite),
            };
        }
        return suite;
    }

    private static SuiteRule ReadSuiteLinux(YamlFieldReader f, YNode node, string path, SuiteRule suite)
    {
        if (f.Mapping(node, path, "a mapping with the suite's Linux 'user'") is not { } map)
            return suite;
        var e = f.Entries(map, path, SuiteLinuxKeys);
        return e.TryGetValue("user", out var u) ? suite with { LinuxUser = f.Text(u, path + ".user", "a user name") } : suite;
    }

    private static SuiteRule ReadSuiteWindows(YamlFieldReader f, YNode node, string path, SuiteRule suite)
    {
        if (f.Mapping(node, path, "a mapping with the suite's Windows 'user' and 'logon_type'") is not { } map)
            return suite;
        var e = f.Entries(map, path, SuiteWindowsKeys);
        if (e.TryGetValue("user", out var u)) suite = suite with { WindowsUser = f.Text(u, path + ".user", "an account name or SYSTEM") };
        if (e.TryGetValue("logon_type", out var lt)) suite = suite with { WindowsLogonType = f.Enum(lt, path + ".logon_type", LogonTypes) };
        return suite;
    }

    /// <summary>Names and texts in file order (env; variables are read the same way, with positions, for their checks).</summary>
    private static ImmutableArray<KeyValuePair<string, string>> ReadTextMap(YamlFieldReader f, YNode node, string path) =>
        [.. f.TextMap(node, path).Select(entry => new KeyValuePair<string, string>(entry.Name, entry.Value))];
}
