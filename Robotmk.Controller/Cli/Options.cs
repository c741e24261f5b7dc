using CommandLine;

namespace Robotmk.Controller.Cli;

public abstract class CommonOptions
{
    [Option("state-dir", HelpText = "State folder written by robotmk-runner (default: ROBOTMK_STATE_DIR, $MK_VARDIR/robotmk, %MK_STATEDIR%\\robotmk, per-OS default).")]
    public string? StateDir { get; set; }
}

[Verb("section", isDefault: true, HelpText = "What the Checkmk agent runs (no arguments): print the robotmk agent sections from the runner's state files. Always exits 0 with a valid section.")]
public sealed class SectionOptions : CommonOptions
{
    public const long DefaultMaxPayloadBytes = Robotmk.Sections.PayloadLimits.MaxEncodedBytes;

    [Option("max-payload-bytes", Default = DefaultMaxPayloadBytes, HelpText = "A suite whose encoded result (output.xml plus log.html) is larger is reported fatal instead of being sent.")]
    public long MaxPayloadBytes { get; set; } = DefaultMaxPayloadBytes;
}

[Verb("status", HelpText = "Show the suites as the Checkmk server will see them: host, state, last result, age, attempts. Exit 0 all suites usable, 1 a suite is fatal or the runner has a problem.")]
public sealed class StatusOptions : CommonOptions;
