using Robotmk.Cli;
using Robotmk.Config;
using Robotmk.Paths;
using Robotmk.Runner.Coordination;

namespace Robotmk.Runner.Cli;

/// <summary><c>robotmk-runner run</c>: run now with readable progress; exit 0 all passed, 1 failed/fatal, 2 config error, 3 busy.</summary>
public static class RunCommand
{
    public static int Execute(RunOptions o, RunnerContext ctx)
    {
        var paths = ctx.Paths(o);
        var config = ctx.LoadConfig(paths);
        if (config.Config is null)
        {
            foreach (var e in config.Errors)
                ctx.Err.WriteLine(e);
        }
        var only = o.Suites.Any() ? o.Suites.ToHashSet(StringComparer.Ordinal) : null;
        if (only is not null && config.Config is { } cfg)
        {
            var unknown = only.Where(id => cfg.Suites.All(s => s.Id != id)).ToList();
            if (unknown.Count > 0)
            {
                ctx.Err.WriteLine($"unknown suite id(s): {string.Join(", ", unknown)}; configured: {string.Join(", ", cfg.Suites.Select(s => s.Id))}");
                return ExitCode.InvalidInput;
            }
            if (ExternalRun.Selects(cfg, only, ctx.Err) is { } external)
                return external ? ExternalRun.Execute(ctx, paths, config, only) : ExitCode.InvalidInput;
        }
        return RunAndReport(ctx, paths, config, only);
    }

    /// <summary>One run of the coordinator in one state folder, with progress and summary on the terminal; returns the exit code.</summary>
    /// <param name="agentStateDir">The agent runner's state folder when <paramref name="paths"/> names an external suite's folder.</param>
    internal static int RunAndReport(RunnerContext ctx, HostPaths paths, ConfigResult config, IReadOnlySet<string>? only, string? agentStateDir = null)
    {
        var log = ctx.Log(config, mirrorToStderr: false);
        var coordinator = ctx.Coordinator(paths, log, new RunProgress
        {
            Starting = s => ctx.Out.WriteLine($"> {s.Id}: running {s.Path} (up to {s.FailedHandling.MaxIterations} attempt{(s.FailedHandling.MaxIterations == 1 ? "" : "s")}{(s.Timeout is { } t ? $", timeout {t} s" : "")})"),
            Finished = (r, elapsed) => ctx.Out.WriteLine(
                $"  {r.Id}: {RunSummaryTable.Result(r)} rc {r.Rc}, {r.Attempts} attempt{(r.Attempts == 1 ? "" : "s")}, {elapsed.TotalSeconds:0.0} s{(r.Error is null ? "" : ": " + r.Error)}"),
        }, agentStateDir);
        var report = coordinator.Run(config, only);
        switch (report.Status)
        {
            case RunStatus.ConfigError:
                return ExitCode.InvalidInput;
            case RunStatus.AlreadyRunning or RunStatus.StateDirUnusable:
                ctx.Err.WriteLine(report.Message);
                return ExitCode.Busy;
        }

        ctx.Out.WriteLine();
        foreach (var line in RunSummaryTable.Lines(report))
            ctx.Out.WriteLine(line);
        // Results that could not be written (full disk, read-only state folder) are in no table row: say so.
        foreach (var e in report.Errors)
            ctx.Err.WriteLine(e);
        ctx.Out.WriteLine($"run {report.RunId}: {report.Passed} passed, {report.Failed} failed, {report.Fatal} fatal, {report.Skipped.Length} skipped in {(report.End - report.Start).TotalSeconds:0.0} s");
        return report.Passed == report.Results.Length && report.Errors.IsEmpty ? ExitCode.Success : ExitCode.NotAllGood;
    }
}
