using CommandLine;

namespace Robotmk.Bakery.Cli;

[Verb("bake", HelpText = "Generate the package trees (robotmk.yml, agent plugin entries, scheduler files) for a rule file.")]
public sealed class BakeOptions
{
    [Value(0, MetaName = "RULES", Required = true, HelpText = "The rule file (YAML), see docs/BAKERY.md.")]
    public string Rules { get; set; } = "";

    [Option("out", Required = true, HelpText = "Output folder; it must be new or empty unless --force is given.")]
    public string Out { get; set; } = "";

    [Option("os", Default = "both", HelpText = "Which trees to generate: linux, windows or both.")]
    public string Os { get; set; } = "both";

    [Option("bin-dir", HelpText = "Folder with the program binaries (robotmk, robotmk-runner, robotmk.exe, robotmk-runner.exe) to copy into the trees.")]
    public string? BinDir { get; set; }

    [Option("force", HelpText = "Replace the whole content of a non-empty output folder.")]
    public bool Force { get; set; }
}

[Verb("validate", HelpText = "Check a rule file and report every problem, without writing anything.")]
public sealed class ValidateOptions
{
    [Value(0, MetaName = "RULES", Required = true, HelpText = "The rule file (YAML), see docs/BAKERY.md.")]
    public string Rules { get; set; } = "";

    [Option("os", Default = "both", HelpText = "The systems the rule file is meant for: linux, windows or both.")]
    public string Os { get; set; } = "both";
}
