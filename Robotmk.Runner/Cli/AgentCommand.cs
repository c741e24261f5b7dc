using Robotmk.Cli;
using Robotmk.Config;
using Robotmk.Runner.Coordination;

namespace Robotmk.Runner.Cli;

/// <summary>
/// The runner as an agent plugin: in agent_serial mode run every suite; in external mode do nothing. Always print the
/// runner section and exit 0, because the Linux agent drops (and deletes) the cache of a plugin that exits non-zero.
/// </summary>
public static class AgentCommand
{
    public static int Execute(AgentOptions o, RunnerContext ctx)
    {
        var paths = ctx.Paths(o);
        var config = ctx.LoadConfig(paths);
        var log = ctx.Log(config, mirrorToStderr: true);
        var now = ctx.Clock.UtcNow;

        if (config.Config?.Global.ExecutionMode == ExecutionMode.External)
        {
            ctx.Out.Write(RunnerSection.Render(new RunReport(RunStatus.Completed, "", now, now)
            {
                Message = "external mode: suites are run by the OS scheduler (robotmk-runner run), not by the agent",
            }, WireNames.External));
            return ExitCode.Success;
        }

        var report = ctx.Coordinator(paths, log).Run(config);
        if (report.Status == RunStatus.ConfigError)
            foreach (var e in report.Errors)
                ctx.Err.WriteLine(e);
        ctx.Out.Write(RunnerSection.Render(report, WireNames.AgentSerial));
        return ExitCode.Success;
    }
}
