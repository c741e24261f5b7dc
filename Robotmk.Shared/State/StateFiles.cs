using Newtonsoft.Json;

namespace Robotmk.State;

/// <summary>Names of the state files and their (de)serialization; the runner writes them, the controller reads them.</summary>
public static class StateFiles
{
    public const int SchemaVersion = 1;
    public const string RunnerFileName = "robotmk_runner.json";
    public const string LockFileName = "robotmk_runner.lock";

    public static string SuiteFileName(string suiteId) => $"robotmk_{suiteId}.json";

    public static string RunnerFile(string stateDir) => Path.Join(stateDir, RunnerFileName);
    public static string SuiteFile(string stateDir, string suiteId) => Path.Join(stateDir, SuiteFileName(suiteId));

    public static readonly JsonSerializerSettings Settings = new()
    {
        DateParseHandling = DateParseHandling.None,
        FloatParseHandling = FloatParseHandling.Double,
        MissingMemberHandling = MissingMemberHandling.Ignore,
        NullValueHandling = NullValueHandling.Include,
        Formatting = Formatting.None,
        MaxDepth = 32,
    };

    public static void Write<T>(string path, T value) =>
        AtomicFile.Write(path, s =>
        {
            using var sw = new StreamWriter(s, Utf8.NoBom, 64 * 1024, leaveOpen: true);
            using var jw = new JsonTextWriter(sw);
            JsonSerializer.Create(Settings).Serialize(jw, value);
        });

    /// <exception cref="JsonException">corrupt content</exception>
    /// <exception cref="IOException">unreadable</exception>
    public static T Read<T>(string path) where T : class
    {
        using var sr = new StreamReader(path, Utf8.NoBom, detectEncodingFromByteOrderMarks: true);
        using var jr = new JsonTextReader(sr) { DateParseHandling = DateParseHandling.None, MaxDepth = 32 };
        return JsonSerializer.Create(Settings).Deserialize<T>(jr)
            ?? throw new JsonSerializationException($"'{path}' contains null instead of a JSON object");
    }
}
