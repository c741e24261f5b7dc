using Robotmk.Cli;
using Robotmk.Controller.Section;
using Robotmk.Controller.State;
using Robotmk.Controller.Status;
using Robotmk.Files;
using Robotmk.State;
using Robotmk.Text;

namespace Robotmk.Controller.Cli;

/// <summary><c>robotmk status</c>: the suites as a table for an admin at the console; not used by the agent.</summary>
public static class StatusCommand
{
    public static int Execute(StatusOptions options, ControllerContext ctx)
    {
        var stateDir = ctx.ResolveStateDir(options.StateDir);
        var max = SectionOptions.DefaultMaxPayloadBytes;
        var source = new SectionSource(new StateFolder(stateDir, max + SectionCommand.MetadataAllowance), ctx.Clock, ctx.ProductVersion, max, ctx.Err);
        var view = source.ReadRunnerView();
        var entries = source.ReadSuiteEntries(view).ToList();
        ctx.Out.Write(Utf8.NoBom.GetBytes(StatusTable.Render(view, entries, stateDir)));
        ctx.Out.Flush();
        // A state folder other users can write into lets them plant links the runner refuses, stopping its runs.
        foreach (var warning in FolderCheck.Exposed([("state folder", stateDir)]))
            ctx.Err.WriteLine("warning: " + warning);
        return StatusTable.IsHealthy(view, entries) ? ExitCode.Success : ExitCode.NotAllGood;
    }
}
