using System.Globalization;
using Newtonsoft.Json;

namespace Robotmk.Tests.Reliability;

/// <summary>
/// How big a reliability scenario runs and where its figures go. The CI suite runs with the defaults; bench/chaos.sh
/// runs the same scenarios with <c>ROBOTMK_CHAOS_SCALE</c> (a multiplier of every count), a seed of its choice
/// (<c>ROBOTMK_CHAOS_SEED</c>) and <c>ROBOTMK_CHAOS_FIGURES</c> (a file that collects one JSON line per scenario).
/// </summary>
public static class Chaos
{
    public const string ScaleVariable = "ROBOTMK_CHAOS_SCALE";
    public const string SeedVariable = "ROBOTMK_CHAOS_SEED";
    public const string FiguresVariable = "ROBOTMK_CHAOS_FIGURES";

    /// <summary>The seed of the CI runs, so a red CI run is reproduced by running the test again.</summary>
    public const int DefaultSeed = 20261123;

    public static int Scale => ReadInt(ScaleVariable) is { } s && s >= 1 ? s : 1;

    public static int Seed => ReadInt(SeedVariable) ?? DefaultSeed;

    /// <summary>A scenario's count: its CI count times the scale.</summary>
    public static int Count(int ciCount) => ciCount * Scale;

    /// <summary>A random source for one scenario, seeded reproducibly; the seed is printed with the test output.</summary>
    public static Random Random(string scenario)
    {
        var seed = Seed;
        TestContext.Progress.WriteLine($"[chaos] {scenario}: seed {seed} ({SeedVariable}), scale {Scale} ({ScaleVariable})");
        // One stream per scenario, so adding draws to one scenario does not change the moments of another.
        return new Random(unchecked(seed * 31 + StableHash(scenario)));
    }

    /// <summary>Writes a scenario's figures to the test output and, when asked for, to the figures file.</summary>
    public static void Report(ScenarioFigures figures)
    {
        var line = JsonConvert.SerializeObject(figures with { Seed = Seed, Scale = Scale }, Formatting.None);
        TestContext.Progress.WriteLine("[chaos] " + line);
        if (Environment.GetEnvironmentVariable(FiguresVariable) is { Length: > 0 } file)
            File.AppendAllText(file, line + "\n");
    }

    private static int? ReadInt(string variable) =>
        int.TryParse(Environment.GetEnvironmentVariable(variable), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : null;

    private static int StableHash(string s)
    {
        var h = 17;
        foreach (var c in s)
            h = unchecked(h * 31 + c);
        return h;
    }
}

/// <summary>What one scenario did and found: how often it tried, and every failure with its description.</summary>
public sealed record ScenarioFigures
{
    [JsonProperty("scenario")] public required string Scenario { get; init; }
    [JsonProperty("count")] public required int Count { get; init; }
    [JsonProperty("unit")] public required string Unit { get; init; }
    [JsonProperty("failures")] public required IReadOnlyList<string> Failures { get; init; }
    /// <summary>Further measured figures (name → value), e.g. torn files, orphans, peak memory.</summary>
    [JsonProperty("figures")] public IReadOnlyDictionary<string, object> Figures { get; init; } = new Dictionary<string, object>();
    [JsonProperty("seed")] public int Seed { get; init; }
    [JsonProperty("scale")] public int Scale { get; init; }
}
