namespace Robotmk.State;

/// <summary>Names and places of the state files; the runner writes them, the runner and the controller read them.</summary>
public static class StateFiles
{
    public const int SchemaVersion = 1;
    public const string RunnerFileName = "robotmk_runner.json";
    public const string LockFileName = "robotmk_runner.lock";
    private const string SuitePrefix = "robotmk_";
    private const string SuiteSuffix = ".json";

    /// <summary>The state file of a suite: the id as <see cref="Config.SuiteId.FileName"/> encodes it.</summary>
    public static string SuiteFileName(string suiteId) => SuitePrefix + Config.SuiteId.FileName(suiteId) + SuiteSuffix;

    public static string RunnerFile(string stateDir) => Path.Join(stateDir, RunnerFileName);
    public static string SuiteFile(string stateDir, string suiteId) => Path.Join(stateDir, SuiteFileName(suiteId));

    /// <summary>The ids of the suites that have a state file in the folder, sorted.</summary>
    /// <exception cref="IOException">the folder cannot be listed</exception>
    /// <exception cref="UnauthorizedAccessException">the folder cannot be listed</exception>
    public static IReadOnlyList<string> ListSuiteIds(string stateDir) =>
        Directory.EnumerateFiles(stateDir, SuitePrefix + "*" + SuiteSuffix)
            .Select(f => Path.GetFileName(f))
            .Where(n => n != RunnerFileName)
            .Select(n => Config.SuiteId.FromFileName(n[SuitePrefix.Length..^SuiteSuffix.Length]))
            .OfType<string>()
            .Order(StringComparer.Ordinal)
            .ToList();

    /// <summary>A file of a newer schema is not guessed at: its keys may mean something else.</summary>
    /// <exception cref="StateFormatException">the version is newer than this program understands</exception>
    internal static int? CheckSchema(int? version) =>
        version > SchemaVersion
            ? throw new StateFormatException("schema", $"version {version} is newer than this controller understands ({SchemaVersion}); update the controller")
            : version;

    public static void Write(string path, RunnerState state) => AtomicFile.Write(path, s => StateFileFormat.Write(s, state));

    public static void Write(string path, SuiteState state) => AtomicFile.Write(path, s => StateFileFormat.Write(s, state));

    /// <summary>A runner state with thousands of suites is a few hundred KiB; anything near this is not ours.</summary>
    public const long MaxRunnerFileBytes = 16L * 1024 * 1024;

    /// <summary>The largest payload the section carries, plus room for a suite's metadata.</summary>
    public const long MaxSuiteFileBytes = Sections.PayloadLimits.MaxEncodedBytes + 1024 * 1024;

    /// <exception cref="System.Text.Json.JsonException">not JSON</exception>
    /// <exception cref="StateFormatException">not a runner state</exception>
    /// <exception cref="IOException">unreadable, not a regular file, too large</exception>
    public static RunnerState ReadRunner(string path) => StateFileFormat.ParseRunner(ReadBytes(path, MaxRunnerFileBytes));

    /// <exception cref="System.Text.Json.JsonException">not JSON</exception>
    /// <exception cref="StateFormatException">not a suite state</exception>
    /// <exception cref="IOException">unreadable, not a regular file, too large</exception>
    public static SuiteState ReadSuite(string path) => StateFileFormat.ParseSuite(ReadBytes(path, MaxSuiteFileBytes));

    /// <summary>The runner writes only regular files here: a FIFO must not block it, a link is not followed.</summary>
    private static byte[] ReadBytes(string path, long limit) => Files.BoundedFile.Read(path, limit, followLink: false) switch
    {
        Files.BoundedRead.Content c => c.Bytes,
        Files.BoundedRead.NotFound => throw new FileNotFoundException($"'{path}' does not exist", path),
        Files.BoundedRead.Folder => throw new IOException($"'{path}' is a folder, not a file"),
        Files.BoundedRead.NotRegular n => throw new IOException($"'{path}' is {n.Kind}, not a regular file"),
        Files.BoundedRead.TooLarge t => throw new IOException($"'{path}' is {t.Bytes} bytes, more than the {limit} bytes a state file can have"),
        Files.BoundedRead.Failed f => throw new IOException($"'{path}' cannot be read: {f.Reason}"),
        _ => throw new IOException($"'{path}' cannot be read"),
    };
}
