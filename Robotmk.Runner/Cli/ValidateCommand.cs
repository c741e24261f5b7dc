using Robotmk.Cli;
using Robotmk.Config;
using Robotmk.Files;
using Robotmk.Runner.Coordination;

namespace Robotmk.Runner.Cli;

/// <summary><c>robotmk-runner validate</c>: OK plus a one-line summary, or every problem; exit 0 / 2.</summary>
public static class ValidateCommand
{
    public static int Execute(ValidateOptions o, RunnerContext ctx)
    {
        var paths = ctx.Paths(o);
        var result = ctx.LoadConfig(paths);
        foreach (var p in result.Problems.Where(p => !p.IsError))
            ctx.Out.WriteLine(p);
        if (result.HasErrors)
        {
            foreach (var p in result.Errors)
                ctx.Err.WriteLine(p);
            var count = result.Errors.Count();
            ctx.Err.WriteLine($"INVALID: {paths.ConfigFile}: {count} error{(count == 1 ? "" : "s")}");
            return ExitCode.InvalidInput;
        }
        var c = result.Config!;
        var g = c.Global;
        foreach (var warning in FolderCheck.Exposed(RunCoordinator.WrittenFolders(paths, g)))
            ctx.Out.WriteLine("warning: " + warning);
        foreach (var line in ExternalRun.Notes(paths.StateDir, c))
            ctx.Out.WriteLine(line);
        var mode = WireNames.Of(g.ExecutionMode);
        var ids = string.Join(", ", c.Suites.Select(s => s.Id));
        var sideBySide = g.MaxParallel > 1 ? $", up to {g.MaxParallel} suites side by side" : "";
        var own = c.Suites.Where(s => SuiteSchedule.IntervalOf(s, g) != g.ExecutionInterval)
            .Select(s => $"{s.Id} every {SuiteSchedule.IntervalOf(s, g)} s").ToList();
        var intervals = own.Count > 0 ? "; own intervals: " + string.Join(", ", own) : "";
        ctx.Out.WriteLine($"OK: {paths.ConfigFile}: {c.Suites.Length} suite{(c.Suites.Length == 1 ? "" : "s")} ({ids}); " +
                          $"mode {mode}, interval {g.ExecutionInterval} s, cache_time {g.CacheTime} s, run budget {g.EffectiveRunTimeout} s{sideBySide}{intervals}");
        return ExitCode.Success;
    }
}
