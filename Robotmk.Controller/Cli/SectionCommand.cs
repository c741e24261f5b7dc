using Robotmk.Cli;
using Robotmk.Controller.Section;
using Robotmk.Controller.State;
using Robotmk.Sections;

namespace Robotmk.Controller.Cli;

/// <summary>The agent's command: the robotmk sections on stdout, problems on stderr, exit 0 whenever a valid section was printed.</summary>
public static class SectionCommand
{
    /// <summary>State files hold the payload plus about a KiB of metadata; this much more is read before a suite counts as too large.</summary>
    public const long MetadataAllowance = 1024 * 1024;

    public static int Execute(SectionOptions options, ControllerContext ctx)
    {
        var stateDir = ctx.ResolveStateDir(options.StateDir);
        var maxPayload = Math.Max(options.MaxPayloadBytes, 0);
        var folder = new StateFolder(stateDir, maxPayload + MetadataAllowance);
        var agentOutput = new AgentOutputWriter(new SectionSource(folder, ctx.Clock, ctx.ProductVersion, maxPayload, ctx.Err), ctx.Err);
        try
        {
            agentOutput.Write(ctx.Out);
            return ExitCode.Success;
        }
        catch (Exception ex) when (!agentOutput.Started)
        {
            // Nothing went out yet: answer with a whole section that names the failure instead of leaving the server without one.
            ctx.Err.WriteLine($"robotmk: internal error: {ex}");
            WriteEmergencySection(ctx, $"internal error of the controller: {ex.GetType().Name}: {ex.Message}");
            return ExitCode.Success;
        }
    }

    private static void WriteEmergencySection(ControllerContext ctx, string error)
    {
        var runner = RunnerViewBuilder.NoState(ctx.Clock.UtcNow, ctx.ProductVersion) with { Errors = [SectionText.OneLine(error)] };
        var writer = new SectionWriter(ctx.Out);
        writer.BeginBlock(runner, piggybackHost: null);
        writer.EndBlock();
    }
}
