using System.Collections.Immutable;
using Robotmk.Config;

namespace Robotmk.Runner.RobotFramework;

/// <summary>The v1 mapping of <c>robot_params</c> and re-execution settings to RF command-line options (pure).</summary>
public static class RobotArguments
{
    /// <param name="rerunFailedFrom">output.xml of the previous attempt for an incremental re-run, else null.</param>
    /// <param name="variablesFile">
    /// The argument file with the variables <see cref="VariableArgumentFile"/> can carry, which are then left off the
    /// command line; null puts every variable on the command line.
    /// </param>
    public static ImmutableArray<string> ForAttempt(
        SuiteConfig suite, string target, string outputDir, OutputNames names, int attempt, string? rerunFailedFrom, string? variablesFile = null)
    {
        var a = ImmutableArray.CreateBuilder<string>();
        var p = suite.RobotParams;
        if (p.Name is { } name)
            a.Add("--name", name);
        foreach (var s in p.Suite) a.Add("--suite", s);
        foreach (var t in p.Test) a.Add("--test", t);
        foreach (var i in p.Include) a.Add("--include", i);
        foreach (var e in p.Exclude) a.Add("--exclude", e);
        if (variablesFile is not null)
            a.Add("--argumentfile", variablesFile);
        foreach (var (k, v) in p.Variable.Where(v => variablesFile is null || !VariableArgumentFile.CanCarry(v.Key, v.Value)))
            a.Add("--variable", k + ":" + v);
        foreach (var f in p.VariableFile) a.Add("--variablefile", f);
        foreach (var f in p.ArgumentFile) a.Add("--argumentfile", f);
        if (p.ExitOnFailure)
            a.Add("--exitonfailure");

        if (rerunFailedFrom is not null)
            a.Add("--rerunfailed", rerunFailedFrom);
        if (attempt > 1)
        {
            // rerun_selection narrows every re-run, incremental or complete.
            foreach (var i in suite.FailedHandling.RerunInclude) a.Add("--include", i);
            foreach (var e in suite.FailedHandling.RerunExclude) a.Add("--exclude", e);
        }

        a.Add("--outputdir", outputDir);
        a.Add("--output", names.AttemptOutput(attempt));
        a.Add("--log", names.AttemptLog(attempt));
        a.Add("--report", "NONE");
        // quiet: nothing on stdout, but RF's [ ERROR ] reasons (rc 252) and warnings stay on stderr.
        a.Add("--console", "quiet");
        a.Add(target);
        return a.ToImmutable();
    }

    /// <summary><c>rebot --merge</c> of the attempts' outputs, in attempt order (attempt-10 after attempt-9).</summary>
    public static ImmutableArray<string> ForMerge(string outputDir, OutputNames names, IEnumerable<int> attempts) =>
    [
        "--merge",
        "--outputdir", outputDir,
        "--output", names.FinalOutput,
        "--log", names.FinalLog,
        "--report", "NONE",
        .. attempts.Order().Select(n => Path.Join(outputDir, names.AttemptOutput(n))),
    ];

    private static void Add(this ImmutableArray<string>.Builder b, string option, string value)
    {
        b.Add(option);
        b.Add(value);
    }
}
