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

    /// <exception cref="System.Text.Json.JsonException">not JSON</exception>
    /// <exception cref="StateFormatException">not a runner state</exception>
    /// <exception cref="IOException">unreadable</exception>
    public static RunnerState ReadRunner(string path) => StateFileFormat.ParseRunner(File.ReadAllBytes(path));

    /// <exception cref="System.Text.Json.JsonException">not JSON</exception>
    /// <exception cref="StateFormatException">not a suite state</exception>
    /// <exception cref="IOException">unreadable</exception>
    public static SuiteState ReadSuite(string path) => StateFileFormat.ParseSuite(File.ReadAllBytes(path));
}
