using System.Collections.Immutable;
using System.Text;
using Robotmk.Paths;

namespace Robotmk.Config;

/// <summary>Reads robotmk.yml from disk, then checks what only the filesystem can tell (suite paths, discovery).</summary>
public static class ConfigLoader
{
    /// <summary>Larger files are rejected before parsing; a real robotmk.yml is a few KB.</summary>
    public const long MaxFileBytes = 4 * 1024 * 1024;

    public static ConfigResult Load(string file, HostPaths defaults)
    {
        string text;
        try
        {
            var info = new FileInfo(file);
            if (!info.Exists)
                return Fail(file, Directory.Exists(file)
                    ? "is a folder; expected the robotmk.yml file"
                    : "does not exist; create it or point --config / ROBOTMK_CONFIG at it");
            if (info.Length > MaxFileBytes)
                return Fail(file, $"is {info.Length} bytes; a robotmk.yml larger than {MaxFileBytes} bytes is refused");
            var bytes = File.ReadAllBytes(file);
            if (!TryDecode(bytes, out text, out var badLine, out var badColumn))
                return new ConfigResult(null, [new ConfigProblem(ProblemSeverity.Error, file, new SourcePosition(badLine, badColumn), "",
                    "the file is not valid UTF-8 text; save it as UTF-8")]);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return Fail(file, $"cannot be read: {ex.Message}");
        }

        var result = RelativePaths.Anchor(ConfigParser.Parse(text, file, defaults), file);
        return result.Config is null ? result : CheckSuitePaths(result, file, Directory.Exists, File.Exists);
    }

    /// <summary>Marks suites whose path does not exist under robotdir as not runnable; fills in discovered suites.</summary>
    public static ConfigResult CheckSuitePaths(ConfigResult result, string file, Func<string, bool> dirExists, Func<string, bool> fileExists)
    {
        var config = result.Config!;
        var problems = result.Problems.ToBuilder();
        var robotdir = config.Global.RobotDir;

        if (config.DiscoverSuites)
        {
            if (!dirExists(robotdir))
            {
                problems.Add(new ConfigProblem(ProblemSeverity.Error, file, default, "global.robotdir",
                    $"robotdir '{robotdir}' does not exist, so no suites can be found in it"));
                return new ConfigResult(config, problems.ToImmutable());
            }
            return new ConfigResult(config with { Suites = SuiteDiscovery.Discover(robotdir) }, problems.ToImmutable());
        }

        var suites = config.Suites.Select(s =>
        {
            if (!s.IsRunnable)
                return s;
            var full = ResolveSuitePath(robotdir, s.Path);
            if (dirExists(full) || fileExists(full))
                return s;
            var p = new ConfigProblem(ProblemSeverity.Error, file, default, $"suites.{s.Key}.path",
                $"'{full}' does not exist (robotdir is '{robotdir}')") { SuiteKey = s.Key };
            problems.Add(p);
            return s with { Errors = s.Errors.Add(p.ToString()) };
        }).ToImmutableArray();
        return new ConfigResult(config with { Suites = suites }, problems.ToImmutable());
    }

    public static string ResolveSuitePath(string robotdir, string path) =>
        Path.IsPathRooted(path) ? path : Path.GetFullPath(Path.Join(robotdir, path));

    private static ConfigResult Fail(string file, string message) =>
        new(null, [new ConfigProblem(ProblemSeverity.Error, file, default, "", $"'{file}' {message}")]);

    /// <summary>Strict UTF-8 (a BOM is accepted and dropped); on failure, where the first bad byte is.</summary>
    internal static bool TryDecode(byte[] bytes, out string text, out int line, out int column)
    {
        var start = bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes, start, bytes.Length - start);
            line = column = 0;
            return true;
        }
        catch (DecoderFallbackException ex)
        {
            var bad = start + Math.Max(ex.Index, 0);
            var prefix = Encoding.UTF8.GetString(bytes, start, Math.Max(0, Math.Min(bad, bytes.Length) - start));
            line = prefix.Count(c => c == '\n') + 1;
            column = prefix.Length - (prefix.LastIndexOf('\n') + 1) + 1;
            text = "";
            return false;
        }
    }
}
