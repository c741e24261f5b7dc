using System.Collections.Immutable;

namespace Robotmk.Config;

/// <summary>v1 catch-all: with no suites configured, every folder and *.robot file directly in robotdir is a suite.</summary>
public static class SuiteDiscovery
{
    /// <summary>The suites found in <paramref name="robotdir"/>; hidden entries and __pycache__ are not suites.</summary>
    /// <exception cref="IOException">robotdir cannot be listed.</exception>
    /// <exception cref="UnauthorizedAccessException">robotdir cannot be listed.</exception>
    public static ImmutableArray<SuiteConfig> Discover(string robotdir) =>
        FromNames(Directory.EnumerateDirectories(robotdir).Select(Path.GetFileName)
            .Concat(Directory.EnumerateFiles(robotdir, "*.robot").Select(Path.GetFileName))
            .OfType<string>()
            .Where(n => !n.StartsWith('.') && n != "__pycache__"));

    /// <summary>
    /// Pure part: entry names (folders and .robot files) to suites, sorted by id. Names whose ids clash (e.g.
    /// "web shop" and "web_shop") become one suite that is not runnable, with an error naming all of them.
    /// </summary>
    public static ImmutableArray<SuiteConfig> FromNames(IEnumerable<string> names) =>
    [
        .. names
            .Distinct(StringComparer.Ordinal)
            .Select(n => (Name: n, Id: SuiteId.Compute(n, null)))
            .Where(s => SuiteId.IsUsableComputed(s.Id) || s.Id == SuiteId.Reserved)
            .GroupBy(s => s.Id, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g =>
            {
                var members = g.Select(s => s.Name).Order(StringComparer.Ordinal).ToList();
                var suite = new SuiteConfig { Key = g.Key, Id = g.Key, Path = members[0] };
                if (g.Key == SuiteId.Reserved)
                    return suite with { Errors = [$"robotdir entry '{members[0]}': " + SuiteId.Refusal(g.Key) + " (list the suites in robotmk.yml)"] };
                return members.Count == 1 ? suite : suite with
                {
                    Errors = [$"the entries {string.Join(" and ", members.Select(m => $"'{m}'"))} in robotdir all give the suite id " +
                              $"'{g.Key}'; rename all but one of them, or list the suites in robotmk.yml with a distinct 'tag'"],
                };
            }),
    ];
}
