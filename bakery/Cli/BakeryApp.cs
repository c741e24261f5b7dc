using CommandLine;
using CommandLine.Text;
using Robotmk.Bakery.Output;
using Robotmk.Bakery.Packaging;
using Robotmk.Bakery.Rendering;
using Robotmk.Bakery.Rules;
using Robotmk.Cli;
using Robotmk.Config;

namespace Robotmk.Bakery.Cli;

/// <summary>What the program gets from its surroundings: streams, the folder relative paths start from, its version.</summary>
public sealed record BakeryContext(TextWriter Out, TextWriter Error, string WorkingDirectory, GeneratorInfo Generator);

/// <summary>The command line: <c>bake RULES --out DIR [--os …] [--bin-dir DIR] [--force]</c> and <c>validate RULES [--os …]</c>.</summary>
public static class BakeryApp
{
    /// <summary>Rule files are a few KB; anything this large is not one.</summary>
    public const int MaxRuleFileBytes = 1024 * 1024;

    public static int Run(string[] args, BakeryContext ctx)
    {
        using var parser = new Parser(s =>
        {
            s.HelpWriter = null;
            s.CaseSensitive = true;
        });
        var result = parser.ParseArguments<BakeOptions, ValidateOptions>(args);
        try
        {
            return result.MapResult(
                (BakeOptions o) => Bake(o, ctx),
                (ValidateOptions o) => Validate(o, ctx),
                errors => Usage(result, errors, ctx));
        }
        catch (BakeryDefectException ex)
        {
            ctx.Error.WriteLine($"{GeneratorInfo.Name}: internal error: {ex.Message}");
            return ExitCode.InternalError;
        }
    }

    private static int Validate(ValidateOptions o, BakeryContext ctx)
    {
        if (ParseTargets(o.Os, ctx) is not { } targets)
            return ExitCode.InvalidInput;
        var check = Check(o.Rules, targets, ctx);
        if (check.HasErrors)
            return Report(check, o.Rules, "", ctx);
        Report(check, o.Rules, "", ctx);
        var rules = check.Rules!;
        var t = rules.Timing;
        ctx.Out.WriteLine(
            $"{o.Rules} is valid: {WireNames.Of(rules.ExecutionMode)}, {rules.Suites.Length} suite(s) " +
            $"({string.Join(", ", rules.Suites.Select(s => s.Id).Order(StringComparer.Ordinal))}); every {t.Interval} s, " +
            $"cache_time {t.CacheTime} s, runner timeout {t.RunnerTimeout} s, run budget {t.RunBudget} s" + ScheduleSummary(rules));
        return ExitCode.Success;
    }

    /// <summary>The suites that do not simply run at every start of the runner: their intervals, and who starts them.</summary>
    private static string ScheduleSummary(RuleSet rules)
    {
        var special = rules.Suites.Where(s => rules.IntervalOf(s) != rules.Tick || rules.RunsOnItsOwn(s)).OrderBy(s => s.Id, StringComparer.Ordinal).ToList();
        if (special.Count == 0)
            return "";
        return "; " + string.Join(", ", special.Select(s => $"{s.Id} every {rules.IntervalOf(s)} s" + (rules.RunsOnItsOwn(s) ? " on its own" : "")));
    }

    private static int Bake(BakeOptions o, BakeryContext ctx)
    {
        if (ParseTargets(o.Os, ctx) is not { } targets)
            return ExitCode.InvalidInput;
        var check = Check(o.Rules, targets, ctx);
        if (check.HasErrors)
            return Report(check, o.Rules, "; nothing was baked", ctx);
        Report(check, o.Rules, "", ctx);

        var rules = check.Rules!;
        var trees = PackageBuilder.Build(rules, targets, ctx.Generator, binariesSupplied: o.BinDir is not null);
        var outDir = Path.GetFullPath(o.Out, ctx.WorkingDirectory);
        var binDir = o.BinDir is null ? null : Path.GetFullPath(o.BinDir, ctx.WorkingDirectory);
        var keep = new[] { Path.GetFullPath(o.Rules, ctx.WorkingDirectory), binDir }.OfType<string>().ToList();
        try
        {
            TreeWriter.Write(trees, outDir, binDir, o.Force, keep);
        }
        catch (OutputException ex)
        {
            ctx.Error.WriteLine($"{GeneratorInfo.Name}: error: {ex.Message}");
            return ExitCode.NotAllGood;
        }

        ctx.Out.WriteLine($"Baked {o.Rules} ({WireNames.Of(rules.ExecutionMode)}, {rules.Suites.Length} suite(s), every {rules.Timing.Interval} s) into {o.Out}:");
        foreach (var tree in trees)
        {
            var paths = tree.Files.Select(f => f.Path).Concat(o.BinDir is null ? [] : tree.Binaries.Select(b => b.Path));
            foreach (var path in paths.Order(StringComparer.Ordinal))
                ctx.Out.WriteLine($"  {tree.Folder}/{path}");
        }
        return ExitCode.Success;
    }

    private static RuleCheckResult Check(string file, Targets targets, BakeryContext ctx)
    {
        var read = TextFileReader.Read(Path.GetFullPath(file, ctx.WorkingDirectory), MaxRuleFileBytes);
        if (read is not TextFileRead.Text { Content: var text })
            return Refusal(file, read);
        return RuleCheck.Run(text, file, targets);
    }

    private static RuleCheckResult Refusal(string file, TextFileRead read) => read switch
    {
        TextFileRead.IsFolder => Fail(file, "is a folder; expected the rule file"),
        TextFileRead.NotRegular other => Fail(file, $"is not a regular file (it is {other.Kind}); expected the rule file"),
        TextFileRead.Missing => Fail(file, "does not exist"),
        TextFileRead.TooLarge large => Fail(file, $"is {large.Bytes} bytes; a rule file larger than {MaxRuleFileBytes} bytes is refused"),
        TextFileRead.NotUtf8 => Fail(file, "is not valid UTF-8 text; save it as UTF-8"),
        TextFileRead.Unreadable unreadable => Fail(file, $"cannot be read: {unreadable.Reason}"),
        _ => throw new ArgumentOutOfRangeException(nameof(read), read, null),
    };

    private static RuleCheckResult Fail(string file, string message) =>
        new(null, [new ConfigProblem(ProblemSeverity.Error, file, default, "", $"the rule file {message}")]);

    /// <summary>Writes every problem to stderr; with errors, a closing count.</summary>
    private static int Report(RuleCheckResult check, string file, string consequence, BakeryContext ctx)
    {
        foreach (var problem in check.Problems)
            ctx.Error.WriteLine(problem.ToString());
        if (!check.HasErrors)
            return ExitCode.Success;
        var errors = check.Errors.Count();
        var warnings = check.Warnings.Count();
        ctx.Error.WriteLine($"{file}: {Count(errors, "error")}, {Count(warnings, "warning")}{consequence}");
        return ExitCode.InvalidInput;
    }

    private static string Count(int n, string what) => n == 1 ? $"1 {what}" : $"{n} {what}s";

    private static Targets? ParseTargets(string os, BakeryContext ctx)
    {
        var targets = Targets.Parse(os);
        if (targets is null)
            ctx.Error.WriteLine($"{GeneratorInfo.Name}: error: --os '{os}' is not known; expected linux, windows or both");
        return targets;
    }

    private static int Usage(ParserResult<object> result, IEnumerable<Error> errors, BakeryContext ctx)
    {
        var list = errors.ToList();
        if (list.IsVersion())
        {
            ctx.Out.WriteLine($"{GeneratorInfo.Name} {ctx.Generator.Version}");
            return ExitCode.Success;
        }
        var help = HelpText.AutoBuild(result, h =>
        {
            h.Heading = $"{GeneratorInfo.Name} {ctx.Generator.Version}";
            h.Copyright = "";
            h.AddDashesToOption = true;
            return HelpText.DefaultParsingErrorsHandler(result, h);
        }, e => e, verbsIndex: true);
        if (list.IsHelp())
        {
            ctx.Out.WriteLine(help);
            return ExitCode.Success;
        }
        ctx.Error.WriteLine(help);
        return ExitCode.InvalidInput;
    }
}
