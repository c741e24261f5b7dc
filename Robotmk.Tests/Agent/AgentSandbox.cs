using System.Diagnostics;
using Robotmk.Tests.Support;

namespace Robotmk.Tests.Agent;

/// <summary>
/// The real Checkmk 2.3 Linux agent (shared/peers/checkmk-agent) in a throw-away sandbox: lib/plugins holds sync plugins,
/// lib/plugins/&lt;seconds&gt;/ async ones, etc/ is MK_CONFDIR, var/ MK_VARDIR (caches in var/cache).
/// </summary>
public sealed class AgentSandbox : IDisposable
{
    private readonly TempDir _tmp = new();

    public string Root => _tmp.Path;
    public string Lib => Path.Join(Root, "lib");
    public string Etc => Path.Join(Root, "etc");
    public string Var => Path.Join(Root, "var");
    public string RobotDir => Path.Join(Lib, "robot");
    public string StateDir => Path.Join(Var, "robotmk");
    public string CacheDir => Path.Join(Var, "cache");

    public AgentSandbox()
    {
        Directory.CreateDirectory(Path.Join(Lib, "plugins"));
        Directory.CreateDirectory(Etc);
        Directory.CreateDirectory(RobotDir);
    }

    /// <summary>Installs an executable file (mode 0755) at a path relative to the sandbox.</summary>
    public string Install(string relativePath, string content)
    {
        var path = Path.Join(Root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(path, (UnixFileMode)0b111_101_101);
        return path;
    }

    /// <summary>A plugin that starts one of this solution's programs from the build output.</summary>
    public string InstallProgram(string relativePath, string assembly) =>
        Install(relativePath, $"#!/bin/sh\nexec dotnet '{TestPaths.ProgramDll(assembly)}' \"$@\"\n");

    public void Suite(string relativePath, string content)
    {
        var path = Path.Join(RobotDir, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }

    /// <summary>One agent poll (--mode plugins: sync plugins plus cached async output).</summary>
    /// <param name="waitAsync">Also wait until every job this poll started has ended.</param>
    public string Poll(string parts = "all", int? waitAsync = null)
    {
        var psi = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(Path.Join(TestPaths.AgentPeer, "run-agent.sh"));
        psi.ArgumentList.Add("--mode");
        psi.ArgumentList.Add("plugins");
        psi.ArgumentList.Add("--parts");
        psi.ArgumentList.Add(parts);
        if (waitAsync is { } w)
        {
            psi.ArgumentList.Add("--wait-async");
            psi.ArgumentList.Add(w.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        psi.ArgumentList.Add(Root);
        psi.Environment["PYTHONDONTWRITEBYTECODE"] = "1";
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        var limit = TimeSpan.FromSeconds((waitAsync ?? 0) + 120);
        if (!p.WaitForExit(limit))
        {
            p.Kill(entireProcessTree: true);
            Assert.Fail($"agent poll did not end within {limit}");
        }
        p.WaitForExit();
        Assert.That(p.ExitCode, Is.Zero, $"agent poll failed: {stderr.Result}");
        return stdout.Result;
    }

    public void Dispose() => _tmp.Dispose();
}
