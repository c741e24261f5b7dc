using Robotmk.Runner.Processes;

namespace Robotmk.Runner.RobotFramework;

/// <summary>Turns a process outcome and the inspected output.xml into a verdict (pure; RF exit codes per the fixtures).</summary>
public static class AttemptClassifier
{
    public static AttemptVerdict Classify(int attempt, string command, ProcessOutcome outcome, OutputXmlReport output, TimeSpan timeout)
    {
        if (!outcome.Started)
            return Fatal(-1, $"Robot Framework could not be started ({command}): {outcome.StartError}");

        var rc = outcome.ExitCode ?? -1;
        if (outcome.Stopped)
            return Fatal(rc, "stopped: the runner was asked to stop (SIGTERM or Ctrl-C) while the suite ran; RF was " +
                             (outcome.EndedAtOnce ? AtOnce : outcome.Killed ? "killed with its process tree" : "stopped gracefully"));
        if (outcome.TimedOut)
        {
            var how = outcome.EndedAtOnce ? "was " + AtOnce
                : outcome.Killed ? "did not stop gracefully and its process tree was killed" : "was stopped gracefully";
            var partial = output.IsUsable ? "; its partial output.xml was kept" : "";
            return new AttemptVerdict(attempt, false, rc, $"timed out after {timeout.TotalSeconds:0} s: Robot Framework {how}{partial}", TimedOut: true)
            {
                Output = output,
            };
        }

        var reason = StderrReason(outcome.StderrTail);
        switch (rc)
        {
            case 252:
                return Fatal(rc, $"Robot Framework rejected the suite (rc 252, invalid data or options, or nothing to run){Suffix(reason)}");
            case 251:
                return Fatal(rc, $"Robot Framework printed help or version instead of running (rc 251); check robot_params and argument files{Suffix(reason)}");
            case 253:
                return Fatal(rc, $"Robot Framework execution was stopped (rc 253: forced stop or sys.exit() in a keyword){Suffix(reason)}");
            case 255:
                return Fatal(rc, $"Robot Framework had an unexpected internal error (rc 255){Suffix(reason)}");
        }
        if (!output.IsUsable)
        {
            var signal = rc > 128 && rc < 160 ? $"; the process ended by signal {rc - 128}" : "";
            return Fatal(rc, $"{output.Detail} (rc {rc}{signal}){Suffix(reason)}");
        }
        return new AttemptVerdict(attempt, true, rc, null, false) { Output = output };

        AttemptVerdict Fatal(int code, string error) => new(attempt, false, code, error, false) { Output = output };
    }

    private const string AtOnce = "ended at once with its process tree and job (Windows has no graceful stop; test teardowns did not run)";

    /// <summary>RF's own reason: its "[ ERROR ]" lines, else the last line of stderr (e.g. a Python traceback's last line).</summary>
    public static string? StderrReason(string stderr)
    {
        var lines = stderr.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var errors = lines.Where(l => l.StartsWith("[ ERROR ]", StringComparison.Ordinal)).Select(l => l[9..].Trim()).ToList();
        if (errors.Count > 0)
            return string.Join(" | ", errors.Distinct());
        var last = lines.LastOrDefault(l => !l.StartsWith("Try --help", StringComparison.Ordinal));
        return last;
    }

    private static string Suffix(string? reason) => reason is null ? "" : ": " + reason;
}
