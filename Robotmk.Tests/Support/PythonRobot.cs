using System.Diagnostics;

namespace Robotmk.Tests.Support;

/// <summary>
/// RF installed as pip installs it: a venv whose Python imports the real RF of the shared peers, with <c>robot</c> and
/// <c>rebot</c> console scripts run by that Python (<c>#!…/python</c>). The runner starts such a launcher warm, where
/// the peers' <c>bin/robot</c> (a shell script) is always spawned. Made once per test run in a temp folder, removed at its end.
/// </summary>
[SetUpFixture]
public sealed class PythonRobot
{
    private static readonly Lazy<string> Venv = new(Create);

    public static string Python => Path.Join(Venv.Value, "bin", "python");
    public static string Robot => Path.Join(Venv.Value, "bin", "robot");
    public static string Rebot => Path.Join(Venv.Value, "bin", "rebot");

    [OneTimeTearDown]
    public void RemoveVenv()
    {
        if (Venv.IsValueCreated)
            Directory.Delete(Path.GetDirectoryName(Venv.Value)!, recursive: true);
    }

    private static string Create()
    {
        var venv = Path.Join(Directory.CreateTempSubdirectory("robotmk-test-rf-").FullName, "venv");
        Run("python3", "-m", "venv", "--without-pip", venv);
        var python = Path.Join(venv, "bin", "python");
        var site = Run(python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])").Trim();
        File.WriteAllText(Path.Join(site, "robotframework.pth"), Path.Join(TestPaths.Shared, "peers", "robotframework", "src") + "\n");
        foreach (var (name, entry) in new[] { ("robot", "run_cli"), ("rebot", "rebot_cli") })
        {
            var script = Path.Join(venv, "bin", name);
            File.WriteAllText(script, $"#!{python}\nimport sys\nfrom robot import {entry}\nsys.exit({entry}())\n");
            if (!OperatingSystem.IsWindows())
                File.SetUnixFileMode(script, (UnixFileMode)0b111_101_101);
        }
        return venv;
    }

    private static string Run(string program, params string[] args)
    {
        var psi = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
            psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stderr = p.StandardError.ReadToEndAsync();
        var stdout = p.StandardOutput.ReadToEnd();
        if (!p.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            p.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{program} {string.Join(' ', args)} did not finish within 60 s");
        }
        if (p.ExitCode != 0)
            throw new InvalidOperationException($"{program} {string.Join(' ', args)} failed with rc {p.ExitCode}: {stderr.Result}");
        return stdout;
    }
}
