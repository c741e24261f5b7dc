using System.Diagnostics.CodeAnalysis;
using CommandLine;
using CommandLine.Text;
using Robotmk.Cli;
using Robotmk.Controller.Cli;
using Robotmk.Paths;
using Robotmk.Text;
using Robotmk.Time;

namespace Robotmk.Controller;

public static class Program
{
    // The options types are only reached through CommandLineParser's reflection; keep them whole when trimmed (NativeAOT).
    [DynamicDependency(DynamicallyAccessedMemberTypes.All, typeof(SectionOptions))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.All, typeof(StatusOptions))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.All, typeof(CommonOptions))]
    public static int Main(string[] args)
    {
        using var stdout = new BufferedStream(Console.OpenStandardOutput(), 64 * 1024);
        var ctx = new ControllerContext(AgentEnvironment.FromProcess(), SystemClock.Instance, stdout, Console.Error, ProductInfo.Version);
        var rc = Run(args, ctx);
        stdout.Flush();
        return rc;
    }

    public static int Run(string[] args, ControllerContext ctx)
    {
        // The agent starts the controller without arguments at every poll: that path does not need the parser.
        if (args.Length == 0)
            return SectionCommand.Execute(new SectionOptions(), ctx);

        using var parser = new Parser(s =>
        {
            s.HelpWriter = null;
            s.AutoHelp = true;
            s.AutoVersion = true;
        });
        var parsed = parser.ParseArguments<SectionOptions, StatusOptions>(args);
        return parsed.MapResult(
            (SectionOptions o) => SectionCommand.Execute(o, ctx),
            (StatusOptions o) => Guard(ctx, () => StatusCommand.Execute(o, ctx)),
            errors => Usage(parsed, errors, ctx));
    }

    private static int Usage(ParserResult<object> parsed, IEnumerable<Error> errors, ControllerContext ctx)
    {
        var list = errors.ToList();
        if (list.Any(e => e.Tag == ErrorType.VersionRequestedError))
        {
            Print(ctx.Out, $"robotmk {ctx.ProductVersion} (Robotmk for .NET controller, agent section format of Robotmk 1.6)\n");
            return ExitCode.Success;
        }
        var help = HelpText.AutoBuild(parsed, h =>
        {
            h.Heading = $"robotmk {ctx.ProductVersion}";
            h.Copyright = "Prints the robotmk agent sections from the state files of robotmk-runner.";
            h.AddDashesToOption = true;
            return HelpText.DefaultParsingErrorsHandler(parsed, h);
        }, e => e, verbsIndex: true);
        var asked = list.All(e => e.Tag is ErrorType.HelpRequestedError or ErrorType.HelpVerbRequestedError);
        if (asked)
        {
            Print(ctx.Out, help + "\n");
            return ExitCode.Success;
        }
        ctx.Err.WriteLine(help);
        return ExitCode.InvalidInput;
    }

    /// <summary>The boundary of the console commands: an unexpected failure is one message on stderr and <see cref="ExitCode.InternalError"/>.</summary>
    private static int Guard(ControllerContext ctx, Func<int> command)
    {
        try
        {
            return command();
        }
        catch (Exception ex)
        {
            ctx.Err.WriteLine($"robotmk: internal error: {ex}");
            return ExitCode.InternalError;
        }
    }

    private static void Print(Stream output, string text)
    {
        output.Write(Utf8.NoBom.GetBytes(text));
        output.Flush();
    }
}
