using System.Diagnostics;
using Robotmk.Bakery.Cli;
using Robotmk.Bakery.Rendering;
using Robotmk.Bakery.Rules;

namespace Robotmk.Tests.Bakery;

/// <summary>A fresh folder under the system temp folder, deleted on dispose.</summary>
public sealed class TempDir : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("robotmk-bakery-test-").FullName;

    public string File(string relative, string content)
    {
        var full = Join(relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        System.IO.File.WriteAllText(full, content);
        return full;
    }

    public string Join(string relative) => System.IO.Path.Join(Path, relative);

    public void Dispose()
    {
        if (Directory.Exists(Path))
            Directory.Delete(Path, recursive: true);
    }
}

/// <summary>Shortcuts for reading rule files in tests.</summary>
public static class TestRules
{
    /// <summary>The version the tests bake with, so generated files do not change when the product version does.</summary>
    public static readonly GeneratorInfo Generator = new("0.0.0-test");

    public static RuleCheckResult Check(string yaml, Targets? targets = null) => RuleCheck.Run(yaml, "rules.yml", targets ?? Targets.Both);

    /// <summary>A rule set that must be valid; fails the test with the problems otherwise.</summary>
    public static RuleSet Valid(string yaml, Targets? targets = null)
    {
        var result = Check(yaml, targets);
        Assert.That(result.Errors.Select(p => p.ToString()), Is.Empty, "the rule file should be valid");
        return result.Rules!;
    }

    public static string ErrorText(RuleCheckResult result) => string.Join("\n", result.Errors.Select(p => p.ToString()));

    public static string WarningText(RuleCheckResult result) => string.Join("\n", result.Warnings.Select(p => p.ToString()));
}

/// <summary>Runs the bakery's command line in-process with captured streams and a given working folder.</summary>
public sealed record CliRun(int ExitCode, string Stdout, string Stderr)
{
    public static CliRun Invoke(string workingDirectory, params string[] args)
    {
        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter { NewLine = "\n" };
        var code = BakeryApp.Run(args, new BakeryContext(stdout, stderr, workingDirectory, TestRules.Generator));
        return new CliRun(code, stdout.ToString(), stderr.ToString());
    }
}

/// <summary>Starts an external tool with a timeout; on timeout its whole process tree is killed and the test fails.</summary>
public static class ExternalTool
{
    public static (int ExitCode, string Output) Run(string file, IEnumerable<string> args, TimeSpan timeout)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
            psi.ArgumentList.Add(a);
        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            Assert.Fail($"{file} did not finish within {timeout.TotalSeconds} s and was killed");
        }
        process.WaitForExit();
        return (process.ExitCode, stdout.Result + stderr.Result);
    }
}
