using System.Collections.Immutable;
using Robotmk.Config;

namespace Robotmk.Bakery.Rules;

/// <summary>Collects the problems of one rule file, each located by line, column and key path.</summary>
/// <param name="found">Problems found before, in the order found (reading the file).</param>
internal sealed class ProblemList(string file, IEnumerable<ConfigProblem> found)
{
    private readonly List<ConfigProblem> _problems = [.. found];

    public string File { get; } = file;
    public bool HasErrors => _problems.Any(p => p.IsError);

    /// <summary>True when a value under one of <paramref name="keyPaths"/> was refused, so checks built on it would mislead.</summary>
    public bool HasErrorAt(params string[] keyPaths) =>
        _problems.Any(p => p.IsError && keyPaths.Any(k => p.KeyPath == k || p.KeyPath.StartsWith(k + ".", StringComparison.Ordinal)));

    public void Error(SourcePosition position, string keyPath, string message) =>
        _problems.Add(new ConfigProblem(ProblemSeverity.Error, File, position, keyPath, message));

    public void Warning(SourcePosition position, string keyPath, string message) =>
        _problems.Add(new ConfigProblem(ProblemSeverity.Warning, File, position, keyPath, message));

    /// <summary>Errors first, then warnings; each group in file order.</summary>
    public ImmutableArray<ConfigProblem> ToSortedArray() =>
    [
        .. _problems
            .Select((p, i) => (p, i))
            .OrderByDescending(x => x.p.Severity)
            .ThenBy(x => x.p.Position.Line)
            .ThenBy(x => x.p.Position.Column)
            .ThenBy(x => x.i)
            .Select(x => x.p),
    ];
}
