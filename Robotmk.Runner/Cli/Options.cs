using CommandLine;

namespace Robotmk.Runner.Cli;

public abstract class CommonOptions
{
    [Option("config", HelpText = "robotmk.yml to use (default: $MK_CONFDIR/robotmk.yml, ROBOTMK_CONFIG, per-OS default).")]
    public string? Config { get; set; }

    [Option("state-dir", HelpText = "State folder read by the controller (default: $MK_VARDIR/robotmk, ROBOTMK_STATE_DIR, per-OS default).")]
    public string? StateDir { get; set; }
}

[Verb("agent", isDefault: true, HelpText = "What the Checkmk agent runs (no arguments): run all suites in agent_serial mode, print the runner section, exit 0.")]
public sealed class AgentOptions : CommonOptions;

[Verb("run", HelpText = "Run the suites now (external mode schedulers, or by hand) with progress on the terminal. Exit 0 all passed, 1 a suite failed or was fatal, 2 configuration error, 3 another runner is running.")]
public sealed class RunOptions : CommonOptions
{
    [Option("suite", Separator = ',', HelpText = "Run only these suite ids (repeat or comma-separate).")]
    public IEnumerable<string> Suites { get; set; } = [];
}

[Verb("validate", HelpText = "Check robotmk.yml and print OK with a summary, or every problem found. Exit 0 valid, 2 invalid.")]
public sealed class ValidateOptions : CommonOptions;

[Verb("history", HelpText = "Past suite runs from outputdir/results, oldest first: time, suite, state, duration, pass/fail/skip, attempts. Exit 0, 2 configuration error.")]
public sealed class HistoryOptions : CommonOptions
{
    [Option("suite", HelpText = "Only this suite id.")]
    public string? Suite { get; set; }

    [Option("last", HelpText = "Only the last N runs.")]
    public int? Last { get; set; }

    [Option("json", HelpText = "Print the result documents, one JSON document per line.")]
    public bool Json { get; set; }
}
