using System.Collections.Immutable;
using Robotmk.Paths;

namespace Robotmk.Config;

/// <summary>Reads robotmk.yml from disk, then checks what only the filesystem can tell (suite paths, discovery).</summary>
public static class ConfigLoader
{
    /// <summary>Larger files are rejected before parsing; a real robotmk.yml is a few KB.</summary>
    public const long MaxFileBytes = 4 * 1024 * 1024;

    public static ConfigResult Load(string file, HostPaths defaults)
    {
        var read = TextFileReader.Read(file, MaxFileBytes);
        if (read is not TextFileRead.Text { Content: var text })
            return Refusal(file, read);

        var result = RelativePaths.Anchor(ConfigParser.Parse(text, file, defaults), file);
        return CheckSuitePaths(result, file);
    }

    /// <summary>
    /// Looks at robotdir: marks configured suites whose path does not exist as not runnable, or, when robotmk.yml
    /// lists no suites, fills in the suites found there. A robotdir that cannot be listed makes discovery impossible,
    /// so the config becomes unusable.
    /// </summary>
    public static ConfigResult CheckSuitePaths(ConfigResult result, string file)
    {
        if (result.Config is not { } config)
            return result;
        var problems = result.Problems.ToBuilder();
        var robotdir = config.Global.RobotDir;

        if (config.DiscoverSuites)
        {
            ImmutableArray<SuiteConfig> found;
            try
            {
                found = Directory.Exists(robotdir)
                    ? SuiteDiscovery.Discover(robotdir)
                    : throw new DirectoryNotFoundException("it does not exist");
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                problems.Add(new ConfigProblem(ProblemSeverity.Error, file, config.PositionOf("global.robotdir"), "global.robotdir",
                    $"no suites are configured and robotdir '{robotdir}' cannot be searched for suites: {ex.Message}"));
                return new ConfigResult(null, problems.ToImmutable());
            }
            var suites = found.Select(s =>
            {
                if (s.IsRunnable)
                    return s;
                var clash = new ConfigProblem(ProblemSeverity.Error, file, default, "suites", s.Errors[0]) { SuiteKey = s.Key };
                problems.Add(clash);
                return s with { Errors = [clash.ToString()] };
            }).ToImmutableArray();
            return new ConfigResult(config with { Suites = suites }, problems.ToImmutable());
        }

        var checkedSuites = config.Suites.Select(s =>
        {
            if (!s.IsRunnable)
                return s;
            var full = ResolveSuitePath(robotdir, s.Path);
            if (Directory.Exists(full) || File.Exists(full))
                return s;
            var key = $"suites.{s.Key}.path";
            var p = new ConfigProblem(ProblemSeverity.Error, file, config.PositionOf(key), key,
                $"'{full}' does not exist (robotdir is '{robotdir}')") { SuiteKey = s.Key };
            problems.Add(p);
            return s with { Errors = s.Errors.Add(p.ToString()) };
        }).ToImmutableArray();
        return new ConfigResult(config with { Suites = checkedSuites }, problems.ToImmutable());
    }

    public static string ResolveSuitePath(string robotdir, string path) =>
        Path.IsPathRooted(path) ? path : Path.GetFullPath(Path.Join(robotdir, path));

    private static ConfigResult Refusal(string file, TextFileRead read) => read switch
    {
        TextFileRead.IsFolder => Fail(file, "is a folder; expected the robotmk.yml file"),
        TextFileRead.NotRegular other => Fail(file, $"is not a regular file (it is {other.Kind}); expected the robotmk.yml file"),
        TextFileRead.Missing => Fail(file, "does not exist; create it or point --config / ROBOTMK_CONFIG at it"),
        TextFileRead.TooLarge large => Fail(file, $"is {large.Bytes} bytes; a robotmk.yml larger than {MaxFileBytes} bytes is refused"),
        TextFileRead.NotUtf8 bad => new ConfigResult(null, [new ConfigProblem(ProblemSeverity.Error, file, bad.Position, "",
            "the file is not valid UTF-8 text (a byte sequence here is not UTF-8); save it as UTF-8")]),
        TextFileRead.Unreadable unreadable => Fail(file, $"cannot be read: {unreadable.Reason}"),
        _ => throw new ArgumentOutOfRangeException(nameof(read), read, null),
    };

    private static ConfigResult Fail(string file, string message) =>
        new(null, [new ConfigProblem(ProblemSeverity.Error, file, default, "", $"'{file}' {message}")]);

}
