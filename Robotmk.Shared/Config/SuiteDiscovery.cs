using System.Collections.Immutable;

namespace Robotmk.Config;

/// <summary>v1 catch-all: with no suites configured, every folder and *.robot file directly in robotdir is a suite.</summary>
public static class SuiteDiscovery
{
    public static ImmutableArray<SuiteConfig> Discover(string robotdir)
    {
        var names = Directory.EnumerateDirectories(robotdir).Select(Path.GetFileName)
            .Concat(Directory.EnumerateFiles(robotdir, "*.robot").Select(Path.GetFileName))
            .OfType<string>()
            .Where(n => !n.StartsWith('.') && n != "__pycache__");
        return FromNames(names);
    }

    /// <summary>Pure part: entry names to suites, sorted by id; names whose ids clash keep only the first (reported by the caller).</summary>
    public static ImmutableArray<SuiteConfig> FromNames(IEnumerable<string> names) =>
    [
        .. names
            .Select(n => new SuiteConfig { Key = SuiteId.Compute(n, null), Id = SuiteId.Compute(n, null), Path = n })
            .Where(s => SuiteId.IsFileSafe(s.Id))
            .GroupBy(s => s.Id, StringComparer.Ordinal).Select(g => g.OrderBy(s => s.Path, StringComparer.Ordinal).First())
            .OrderBy(s => s.Id, StringComparer.Ordinal),
    ];
}
