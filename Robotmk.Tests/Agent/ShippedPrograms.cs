using System.Diagnostics;
using Robotmk.Tests.Support;

namespace Robotmk.Tests.Agent;

/// <summary>
/// The programs as a host gets them: the published binaries of dist/&lt;rid&gt; when ROBOTMK_BIN_DIR names that folder
/// (CI does, after build/publish.sh), else launchers of the build output with the same names.
/// </summary>
public static class ShippedPrograms
{
    public static readonly string[] Names = ["robotmk", "robotmk-runner", "robotmk-bakery"];

    public static string? PublishedDir =>
        Environment.GetEnvironmentVariable("ROBOTMK_BIN_DIR") is { Length: > 0 } d ? Path.GetFullPath(d, TestPaths.RepoRoot) : null;

    /// <summary>A folder holding robotmk, robotmk-runner and robotmk-bakery, for --bin-dir.</summary>
    public static string BinDir(TempDir tmp)
    {
        if (PublishedDir is { } published)
        {
            foreach (var n in Names)
                Assert.That(File.Exists(Path.Join(published, n)), $"ROBOTMK_BIN_DIR={published} has no {n}");
            return published;
        }
        var dir = tmp.Sub("bin");
        foreach (var n in Names)
        {
            var path = Path.Join(dir, n);
            File.WriteAllText(path, $"#!/bin/sh\nexec dotnet '{TestPaths.ProgramDll(n)}' \"$@\"\n");
            if (!OperatingSystem.IsWindows())
                File.SetUnixFileMode(path, (UnixFileMode)0b111_101_101);
        }
        return dir;
    }

    /// <summary>Runs a program with a bounded wait; the environment is the caller's plus <paramref name="env"/>.</summary>
    public static (int Rc, string Out, string Err) Run(string program, IEnumerable<string> args, IDictionary<string, string>? env = null, int seconds = 120)
    {
        var psi = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
            psi.ArgumentList.Add(a);
        foreach (var (k, v) in env ?? new Dictionary<string, string>())
            psi.Environment[k] = v;
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(TimeSpan.FromSeconds(seconds)))
        {
            p.Kill(entireProcessTree: true);
            Assert.Fail($"{program} did not end within {seconds} s");
        }
        p.WaitForExit();
        return (p.ExitCode, stdout.Result, stderr.Result);
    }
}
