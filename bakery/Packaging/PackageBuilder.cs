using System.Collections.Immutable;
using System.Text;
using Robotmk.Bakery.Linux;
using Robotmk.Bakery.Rendering;
using Robotmk.Bakery.Rules;
using Robotmk.Bakery.Windows;
using Robotmk.Config;
using Robotmk.Paths;

namespace Robotmk.Bakery.Packaging;

/// <summary>Raised when a generated file breaks the bakery's own guarantees; a defect of the bakery, never of the rule file.</summary>
public sealed class BakeryDefectException(string message) : Exception(message);

/// <summary>
/// Assembles the package trees of a valid rule set (pure: no file is written here). Every generated robotmk.yml is
/// loaded back with the project's own parser before it is handed out, so a tree never carries a config the runner rejects.
/// </summary>
public static class PackageBuilder
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <param name="binariesSupplied">True when <c>--bin-dir</c> fills the binary slots; otherwise each tree gets BINARIES.txt.</param>
    public static ImmutableArray<PackageTree> Build(RuleSet rules, Targets targets, GeneratorInfo generator, bool binariesSupplied)
    {
        var trees = ImmutableArray.CreateBuilder<PackageTree>();
        foreach (var os in targets.All())
        {
            var tree = os == TargetOs.Linux ? Linux(rules, generator) : Windows(rules, generator);
            if (!binariesSupplied)
                tree = tree with { Files = tree.Files.Add(Text(BinariesList.FileName, BinariesList.Render(tree, rules, generator))) };
            trees.Add(tree with { Files = [.. tree.Files.OrderBy(f => f.Path, StringComparer.Ordinal)] });
        }
        return trees.ToImmutable();
    }

    private static PackageTree Linux(RuleSet rules, GeneratorInfo generator)
    {
        var files = ImmutableArray.CreateBuilder<PackageFile>();
        files.Add(Text(LinuxLayout.RobotmkYml, CheckedRobotmkYml(rules, TargetOs.Linux, generator)));
        var binaries = ImmutableArray.CreateBuilder<BinarySlot>();
        binaries.Add(new BinarySlot(LinuxLayout.Controller, LinuxLayout.ControllerName));
        if (rules.ExecutionMode == ExecutionMode.AgentSerial)
            binaries.Add(new BinarySlot(LinuxLayout.RunnerPlugin(rules.Tick), LinuxLayout.RunnerName));
        var runs = rules.ScheduledRuns;
        if (!runs.IsEmpty)
            binaries.Add(new BinarySlot(LinuxLayout.RunnerBinary, LinuxLayout.RunnerName));
        foreach (var run in runs)
        {
            files.Add(Text(LinuxLayout.CronFile(run.Name), CronFile.Render(run, rules, generator)));
            files.Add(Text(LinuxLayout.ServiceUnit(run.Name), SystemdUnits.RenderService(run, rules, generator)));
            files.Add(Text(LinuxLayout.TimerUnit(run.Name), SystemdUnits.RenderTimer(run, rules, generator)));
        }
        var suiteRuns = runs.Where(r => r.SuiteId is not null).ToList();
        if (suiteRuns.Count > 0)
            files.Add(Text(LinuxLayout.ExternalFoldersConf, ExternalFoldersConf.Render(suiteRuns, rules, generator)));
        return new PackageTree(TargetOs.Linux, files.ToImmutable(), binaries.ToImmutable());
    }

    private static PackageTree Windows(RuleSet rules, GeneratorInfo generator)
    {
        var files = ImmutableArray.CreateBuilder<PackageFile>();
        files.Add(Text(WindowsLayout.RobotmkYml, CheckedRobotmkYml(rules, TargetOs.Windows, generator)));
        files.Add(Text(WindowsLayout.AgentConfig, WindowsAgentConfig.Render(rules, generator)));
        var binaries = ImmutableArray.CreateBuilder<BinarySlot>();
        binaries.Add(new BinarySlot(WindowsLayout.Controller, WindowsLayout.ControllerExe));
        if (rules.ExecutionMode == ExecutionMode.AgentSerial)
            binaries.Add(new BinarySlot(WindowsLayout.RunnerPlugin, WindowsLayout.RunnerExe));
        var runs = rules.ScheduledRuns;
        if (!runs.IsEmpty)
        {
            binaries.Add(new BinarySlot(WindowsLayout.RunnerBinary, WindowsLayout.RunnerExe));
            files.Add(Text(WindowsLayout.TaskReadme, TaskReadme.Render(rules, generator)));
        }
        foreach (var run in runs)
            files.Add(new PackageFile(WindowsLayout.TaskXml(run.Name), TaskSchedulerXml.Render(run, rules, generator)));
        return new PackageTree(TargetOs.Windows, files.ToImmutable(), binaries.ToImmutable());
    }

    private static string CheckedRobotmkYml(RuleSet rules, TargetOs os, GeneratorInfo generator)
    {
        var text = RobotmkYml.Render(rules, os, generator);
        var defaults = HostPaths.Resolve(new AgentEnvironment(new Dictionary<string, string>(), os == TargetOs.Linux ? HostOs.Linux : HostOs.Windows));
        var result = ConfigParser.Parse(text, "robotmk.yml", defaults);
        if (result.Config is null || !result.Problems.IsEmpty)
            throw new BakeryDefectException(
                "the generated robotmk.yml does not load cleanly: " + string.Join("; ", result.Problems.Select(p => p.ToString())));
        return text;
    }

    private static PackageFile Text(string path, string content) => new(path, Utf8.GetBytes(content));
}
