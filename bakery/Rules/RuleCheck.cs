using System.Collections.Immutable;
using Robotmk.Config;

namespace Robotmk.Bakery.Rules;

/// <summary>The outcome of reading and validating a rule file: the rules (when readable) and every problem found.</summary>
public sealed record RuleCheckResult(RuleSet? Rules, ImmutableArray<ConfigProblem> Problems)
{
    public bool HasErrors => Problems.Any(p => p.IsError);
    public IEnumerable<ConfigProblem> Errors => Problems.Where(p => p.IsError);
    public IEnumerable<ConfigProblem> Warnings => Problems.Where(p => p.Severity == ProblemSeverity.Warning);
}

/// <summary>Reads and validates a rule file's text. Pure: the caller reads the file.</summary>
public static class RuleCheck
{
    /// <param name="text">The rule file's content.</param>
    /// <param name="file">The file as the user named it; used in messages.</param>
    /// <param name="targets">The systems to bake for; some checks apply to one system only.</param>
    public static RuleCheckResult Run(string text, string file, Targets targets)
    {
        var (rules, positions, readProblems) = RuleReader.Read(text, file, Path.GetFileName(file));
        var problems = new ProblemList(file, readProblems);
        if (rules is not null && positions is not null)
            RuleValidator.Validate(rules, positions, targets, problems);
        return new RuleCheckResult(rules, problems.ToSortedArray());
    }
}
