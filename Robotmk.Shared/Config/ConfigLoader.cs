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
            if (!TryDecode(File.ReadAllBytes(file), out text, out var bad))
                return new ConfigResult(null, [new ConfigProblem(ProblemSeverity.Error, file, bad, "",
                    "the file is not valid UTF-8 text (a byte sequence here is not UTF-8); save it as UTF-8")]);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return Fail(file, $"cannot be read: {ex.Message}");
        }

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

    private static ConfigResult Fail(string file, string message) =>
        new(null, [new ConfigProblem(ProblemSeverity.Error, file, default, "", $"'{file}' {message}")]);

    /// <summary>Strict UTF-8 (a BOM is accepted and dropped); on failure, the line and column of the first bad byte.</summary>
    internal static bool TryDecode(byte[] bytes, out string text, out SourcePosition bad)
    {
        var start = bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0;
        var strict = new UTF8Encoding(false, throwOnInvalidBytes: true);
        try
        {
            text = strict.GetString(bytes, start, bytes.Length - start);
            bad = default;
            return true;
        }
        catch (DecoderFallbackException)
        {
            var offset = FirstInvalidByte(bytes, start);
            // Everything before the bad byte is valid UTF-8, so it decodes to the text the author sees up to the fault.
            var prefix = strict.GetString(bytes, start, offset - start);
            var line = prefix.Count(c => c == '\n') + 1;
            var column = prefix.Length - (prefix.LastIndexOf('\n') + 1) + 1;
            text = "";
            bad = new SourcePosition(line, column);
            return false;
        }
    }

    /// <summary>The offset of the first byte that does not start a valid UTF-8 sequence, found by decoding incrementally.</summary>
    private static int FirstInvalidByte(byte[] bytes, int start)
    {
        var status = System.Text.Unicode.Utf8.ToUtf16(bytes.AsSpan(start), new char[bytes.Length - start], out var read, out _,
            replaceInvalidSequences: false);
        return status == System.Buffers.OperationStatus.Done ? bytes.Length : start + read;
    }
}
