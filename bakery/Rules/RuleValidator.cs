using System.Text.RegularExpressions;
using Robotmk.Bakery.Scheduling;
using Robotmk.Config;

namespace Robotmk.Bakery.Rules;

/// <summary>
/// Checks of a rule set that involve several keys or the target systems (SPEC §6). Pure. Every problem is reported,
/// none stops the others.
/// </summary>
internal static partial class RuleValidator
{
    public static void Validate(RuleSet rules, RulePositions at, Targets targets, ProblemList problems)
    {
        // A refused number was replaced by its default; checks across numbers would then talk about values nobody wrote.
        var timingRefused = problems.HasErrorAt([.. TimingKeys, .. SuiteIntervalKeys(rules)]);
        if (!timingRefused)
            CheckTiming(rules, at, problems);
        CheckSchedule(rules, at, targets, problems, timingRefused);
        CheckModeSpecificKeys(rules, at, problems);
        CheckDirs("linux", rules.Linux.Dirs, at, problems, IsLinuxAbsolute, "an absolute Linux path (starting with '/')");
        CheckDirs("windows", rules.Windows.Dirs, at, problems, IsWindowsAbsolute, @"an absolute Windows path (like C:\robot or \\server\share)");
        CheckUsers(rules, at, problems);
        CheckSuites(rules, at, targets, problems);
    }

    private static void CheckTiming(RuleSet rules, RulePositions at, ProblemList problems)
    {
        var t = rules.Timing;
        var interval = TickName(rules);
        var marginAt = at.IsSet("runner_timeout_margin") ? at.Of("runner_timeout_margin") : TickAt(rules, at);

        if (t.RunnerTimeout <= 0)
            problems.Error(marginAt, "runner_timeout_margin",
                $"the runner timeout ({interval} {t.Interval} s - runner_timeout_margin {t.Margin} s = {t.RunnerTimeout} s) must be positive; " +
                $"expected a margin below {t.Interval} s (default {Defaults.RunTimeoutMargin})");
        else if (t.RunnerTimeout >= t.Interval)
            problems.Error(marginAt, "runner_timeout_margin",
                $"the runner timeout ({t.RunnerTimeout} s = {interval} - runner_timeout_margin) must be below cache_age " +
                $"({t.Interval} s = {interval}), otherwise the agent may start the next run before it has stopped the last one; " +
                $"expected a margin of at least 1 s (default {Defaults.RunTimeoutMargin})");
        else if (t.RunBudget < 1)
            problems.Error(marginAt, "runner_timeout_margin",
                $"the runner's own budget ({interval} - 2 x runner_timeout_margin = {t.RunBudget} s) leaves no time to run suites; " +
                $"expected a margin below {(t.Interval + 1) / 2} s or " + (interval == "execution_interval" ? "a longer execution_interval" : "suite intervals with a longer tick"));

        if (t.CacheTime < t.Interval)
            problems.Error(at.Of("cache_time"), "cache_time",
                $"cache_time ({t.CacheTime} s) must be at least {interval} ({t.Interval} s), " +
                "otherwise the server sees every result as stale before the next run delivers");
        else if (t.CacheTime < t.RecommendedCacheTime)
            problems.Warning(at.Of("cache_time"), "cache_time",
                $"cache_time ({t.CacheTime} s) is below {interval} + expected runtime + {Defaults.PollJitter} s " +
                $"({t.Interval} + {t.ExpectedRuntime} + {Defaults.PollJitter} = {t.RecommendedCacheTime} s): the Linux agent counts the interval " +
                "from the end of the last run, so results can turn stale between two good runs" +
                (at.IsSet("expected_runtime") ? "" : "; set expected_runtime if runs are shorter than the whole run budget"));

        if (at.IsSet("expected_runtime") && t.RunBudget >= 1 && t.ExpectedRuntime > t.RunBudget)
            problems.Warning(at.Of("expected_runtime"), "expected_runtime",
                $"expected_runtime ({t.ExpectedRuntime} s) exceeds the run budget ({t.RunBudget} s = {interval} - 2 x runner_timeout_margin); " +
                "the runner stops suites that do not fit into the budget");

    }

    private static void CheckModeSpecificKeys(RuleSet rules, RulePositions at, ProblemList problems)
    {
        if (rules.ExecutionMode == ExecutionMode.AgentSerial)
        {
            // Suites run on their own use these keys (their scheduler entries start at start_offset, as these users by default).
            if (!rules.OwnScheduleSuites.IsEmpty)
                return;
            foreach (var key in new[] { "start_offset", "linux.user", "windows.user", "windows.logon_type" })
                if (at.IsSet(key))
                    problems.Warning(at.Of(key), key,
                        "only used in external mode (by the scheduler that starts the runner); ignored in agent_serial mode, where the agent starts it");
        }
        else
        {
            if (at.IsSet("windows.retry_count"))
                problems.Warning(at.Of("windows.retry_count"), "windows.retry_count",
                    "only used in agent_serial mode (the runner is not an agent plugin in external mode); ignored");
            if (at.IsSet("windows.logon_type") && rules.Windows.RunsAsSystem)
                problems.Warning(at.Of("windows.logon_type"), "windows.logon_type",
                    "ignored: the SYSTEM account needs no logon type (it needs no password and runs without a desktop session)");
        }
    }

    private static void CheckDirs(string os, HostDirs dirs, RulePositions at, ProblemList problems, Func<string, bool> isAbsolute, string expected)
    {
        foreach (var (key, value) in new[] { ("robotdir", dirs.RobotDir), ("outputdir", dirs.OutputDir), ("logdir", dirs.LogDir) })
        {
            if (value is not null && !isAbsolute(value))
                problems.Error(at.Of($"{os}.{key}"), $"{os}.{key}", $"expected {expected}, found '{value}'");
        }
    }

    private static void CheckUsers(RuleSet rules, RulePositions at, ProblemList problems)
    {
        if (at.IsSet("linux.user"))
            CheckLinuxUser(rules.Linux.User, at.Of("linux.user"), "linux.user", problems);
        if (at.IsSet("windows.user"))
            CheckWindowsUser(rules.Windows.User, at.Of("windows.user"), "windows.user", problems);
    }

    private static void CheckLinuxUser(string user, SourcePosition position, string keyPath, ProblemList problems)
    {
        if (!LinuxUserName().IsMatch(user))
            problems.Error(position, keyPath,
                $"expected a Linux user name (lower-case letters, digits, '_' and '-', starting with a letter or '_', at most 32 characters), found '{user}'");
    }

    private static void CheckWindowsUser(string user, SourcePosition position, string keyPath, ProblemList problems)
    {
        if (!WindowsAccount.IsSystem(user) && !WindowsUserName().IsMatch(user))
            problems.Error(position, keyPath,
                $"expected SYSTEM, a user name, DOMAIN\\user or user@domain (without \" / [ ] : ; | = , + * ? < > %), found '{user}'");
    }

    private static void CheckSuites(RuleSet rules, RulePositions at, Targets targets, ProblemList problems)
    {
        // An empty list is reported by the reader; a list whose entries all failed to parse has its own errors.
        if (rules.Suites.IsEmpty)
            return;

        foreach (var suite in rules.Suites)
            CheckSuite(suite, rules, targets, problems);

        foreach (var group in rules.Suites.GroupBy(s => s.Id, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            var first = group.First();
            var taken = rules.Suites.Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
            foreach (var other in group.Skip(1))
            {
                var n = 2;
                while (taken.Contains(SuiteId.Compute(other.Path, TagFor(other, n))))
                    n++;
                var tag = TagFor(other, n);
                taken.Add(SuiteId.Compute(other.Path, tag));
                problems.Error(other.Position, $"suites[{other.Index}]",
                    $"suite id '{other.Id}' clashes: suites[{first.Index}] (line {first.Position.Line}, {Describe(first)}) and " +
                    $"suites[{other.Index}] (line {other.Position.Line}, {Describe(other)}) both get it; " +
                    $"give one of them a distinct tag, e.g. tag: {tag} (id '{SuiteId.Compute(other.Path, tag)}')");
            }
        }
    }

    private static string TagFor(SuiteRule suite, int n) => suite.Tag is null ? n.ToString(System.Globalization.CultureInfo.InvariantCulture) : $"{suite.Tag}{n}";

    private static string Describe(SuiteRule s) => s.Tag is null ? $"path '{s.Path}'" : $"path '{s.Path}', tag '{s.Tag}'";

    private static void CheckSuite(SuiteRule suite, RuleSet rules, Targets targets, ProblemList problems)
    {
        var basePath = $"suites[{suite.Index}]";
        if (!SuiteId.IsUsableComputed(suite.Id))
            problems.Error(suite.At("path"), basePath + ".path",
                $"the suite id computed from path and tag ('{suite.Id}') is not usable as a file name; expected a path with letters or digits");

        CheckSuitePath(suite.Path, suite.At("path"), basePath + ".path", targets, problems, mustStayInside: true);
        if (suite.Cwd is { } cwd)
            CheckSuitePath(cwd, suite.At("cwd"), basePath + ".cwd", targets, problems, mustStayInside: false);

        if (suite.PiggybackHost is { } host && (host.Any(char.IsWhiteSpace) || host.Contains('<') || host.Contains('>')))
            problems.Error(suite.At("piggybackhost"), basePath + ".piggybackhost",
                $"expected a host name without spaces or angle brackets, found '{host}'");

        var budget = rules.Timing.RunBudget;
        if (suite.Timeout is { } timeout && budget >= 1 && timeout > budget)
            problems.Warning(suite.At("timeout"), basePath + ".timeout",
                $"timeout ({timeout} s) exceeds the run budget ({budget} s = {TickName(rules)} - 2 x runner_timeout_margin); the run budget stops the suite first");
    }

    private static void CheckSuitePath(string path, SourcePosition at, string keyPath, Targets targets, ProblemList problems, bool mustStayInside)
    {
        if (IsLinuxAbsolute(path))
        {
            if (targets.Windows)
                problems.Error(at, keyPath,
                    $"'{path}' is an absolute Linux path, which cannot work on Windows; expected a path relative to robotdir (or bake with --os linux)");
            return;
        }
        if (IsWindowsAbsolute(path))
        {
            if (targets.Linux)
                problems.Error(at, keyPath,
                    $"'{path}' is an absolute Windows path, which cannot work on Linux; expected a path relative to robotdir (or bake with --os windows)");
            return;
        }
        if (path.Contains('\\') && targets.Linux)
            problems.Error(at, keyPath,
                $"'{path}' uses '\\' as folder separator, which Linux reads as part of a name; expected '/' (it works on Windows too)");
        if (mustStayInside && RelativePaths.ClimbsAboveStart(path))
            problems.Error(at, keyPath,
                $"'{path}' leaves robotdir through '..'; expected a path inside robotdir or an absolute path");
    }

    public static bool IsLinuxAbsolute(string path) => path.StartsWith('/');

    public static bool IsWindowsAbsolute(string path) =>
        (path.Length >= 3 && char.IsAsciiLetter(path[0]) && path[1] == ':' && path[2] is '\\' or '/') || path.StartsWith(@"\\", StringComparison.Ordinal);

    [GeneratedRegex("^[a-z_][a-z0-9_-]{0,31}$")]
    private static partial Regex LinuxUserName();

    [GeneratedRegex("""^(?:[^\\/"\[\]:;|=,+*?<>%\p{C}]+\\)?[^\\/"\[\]:;|=,+*?<>%@\p{C}]+(?:@[A-Za-z0-9.-]+)?$""")]
    private static partial Regex WindowsUserName();
}
