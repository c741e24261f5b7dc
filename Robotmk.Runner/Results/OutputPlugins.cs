using System.Collections.Immutable;
using Robotmk.Config;
using Robotmk.Runner.Logging;
using Robotmk.Runner.Processes;

namespace Robotmk.Runner.Results;

/// <summary>
/// Runs the output plugins of a finished suite, one after the other: each gets the result document on stdin, without
/// a shell, under its own timeout with the kill of its whole process tree. What a plugin does — exit non-zero, hang,
/// be missing — is logged and returned as an error for the runner section; it never changes the suite's result or
/// keeps the next plugin from running.
/// </summary>
public sealed class OutputPlugins(IProcessRunner processes, RunnerLog log, TimeSpan killGrace, string? pathVariable)
{
    /// <summary>Marks plugins like RF, so a later runner ends what a killed one left running.</summary>
    public ProcessMarker? Marker { get; init; }

    /// <summary>Of each plugin's stdout and stderr, this many trailing bytes are logged.</summary>
    public const int LoggedOutputBytes = 4 * 1024;

    /// <returns>One error per plugin that did not succeed.</returns>
    public ImmutableArray<string> Run(IEnumerable<OutputPluginConfig> plugins, string suiteId, byte[] document, string workingDirectory)
    {
        var errors = ImmutableArray.CreateBuilder<string>();
        foreach (var plugin in plugins)
        {
            if (RunOne(plugin, document, workingDirectory) is { } problem)
            {
                var message = $"suite {suiteId}: output plugin '{plugin.Command[0]}': {problem}";
                log.Error(message);
                errors.Add(message);
            }
        }
        return errors.ToImmutable();
    }

    private string? RunOne(OutputPluginConfig plugin, byte[] document, string workingDirectory)
    {
        var (program, problem) = PluginCommand.Resolve(plugin.Command[0], pathVariable);
        if (program is null)
            return problem;
        var spec = new ProcessSpec(program, [.. plugin.Command.Skip(1)], workingDirectory)
        {
            Stdin = document,
            Timeout = TimeSpan.FromSeconds(plugin.Timeout),
            KillGrace = killGrace,
            OutputTailBytes = LoggedOutputBytes,
            Marker = Marker,
        };
        log.Info($"output plugin: {spec.CommandLine}");
        var outcome = processes.Run(spec);
        if (outcome.StdoutTail.Length > 0)
            log.Info($"output plugin '{plugin.Command[0]}' stdout: {outcome.StdoutTail}");
        if (outcome.StderrTail.Length > 0)
            log.Warning($"output plugin '{plugin.Command[0]}' stderr: {outcome.StderrTail}");
        if (!outcome.Started)
            return $"could not be started: {outcome.StartError}";
        if (outcome.TimedOut)
            return $"timed out after {plugin.Timeout} s; " + (outcome.Killed ? "its process tree was killed" : "it was stopped");
        if (outcome.ExitCode != 0)
            return $"exited with rc {outcome.ExitCode}";
        log.Info($"output plugin '{plugin.Command[0]}' done in {outcome.Duration.TotalSeconds:0.0} s");
        return null;
    }
}
