using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;
using CommandLine;
using Robotmk.Cli;
using Robotmk.Config;
using Robotmk.Paths;
using Robotmk.Runner.Cli;
using Robotmk.Runner.Coordination;
using Robotmk.Runner.Processes;
using Robotmk.Sections;
using Robotmk.Text;
using Robotmk.Time;

namespace Robotmk.Runner;

public static class Program
{
    public static int Main(string[] args)
    {
        Console.OutputEncoding = Utf8.NoBom;
        using var stop = new CancellationTokenSource();
        // SIGTERM (cron's timeout, systemd, kill) and SIGINT (Ctrl-C): stop the running suite's process tree
        // gracefully, start nothing new, write the state, then exit, instead of dying with RF left running.
        using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; stop.Cancel(); });
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => { c.Cancel = true; stop.Cancel(); });
        using var processes = new ProcessRunner();
        var ctx = new RunnerContext(AgentEnvironment.FromProcess(), SystemClock.Instance, processes, new RunnerLimits(), Console.Out, Console.Error)
        {
            Stop = stop.Token,
        };
        return Run(args, ctx);
    }

    // The options types are only reached through CommandLineParser's reflection; keep them whole when trimmed (NativeAOT).
    [DynamicDependency(DynamicallyAccessedMemberTypes.All, typeof(AgentOptions))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.All, typeof(RunOptions))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.All, typeof(ValidateOptions))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.All, typeof(CommonOptions))]
    public static int Run(string[] args, RunnerContext ctx)
    {
        using var parser = new Parser(s =>
        {
            s.HelpWriter = ctx.Err;
            s.AutoVersion = true;
            s.CaseInsensitiveEnumValues = true;
        });
        var parsed = parser.ParseArguments<AgentOptions, RunOptions, ValidateOptions, HistoryOptions>(args);
        try
        {
            return parsed.MapResult(
                (AgentOptions o) => Guard(ctx, () => AgentCommand.Execute(o, ctx), agentMode: true),
                (RunOptions o) => Guard(ctx, () => RunCommand.Execute(o, ctx), agentMode: false),
                (ValidateOptions o) => Guard(ctx, () => ValidateCommand.Execute(o, ctx), agentMode: false),
                (HistoryOptions o) => Guard(ctx, () => HistoryCommand.Execute(o, ctx), agentMode: false),
                errors => errors.All(e => e.Tag is ErrorType.HelpRequestedError or ErrorType.VersionRequestedError or ErrorType.HelpVerbRequestedError) ? ExitCode.Success : ExitCode.InvalidInput);
        }
        finally
        {
            ctx.Out.Flush();
        }
    }

    /// <summary>The boundary: an unexpected exception is reported, never a stack trace on the agent's stdout.</summary>
    private static int Guard(RunnerContext ctx, Func<int> command, bool agentMode)
    {
        try
        {
            return command();
        }
        catch (Exception ex)
        {
            ctx.Err.WriteLine($"robotmk-runner: internal error: {ex}");
            if (!agentMode)
                return ExitCode.InternalError;
            var now = ctx.Clock.UtcNow;
            ctx.Out.Write(RunnerSection.Render(new RunReport(RunStatus.InternalError, "", now, now)
            {
                Errors = [SectionText.OneLine($"internal error: {ex.GetType().Name}: {ex.Message}")],
            }, WireNames.AgentSerial));
            return ExitCode.Success;
        }
    }
}
