using System.Diagnostics;
using Robotmk.Files;

namespace Robotmk.Tests.Security;

/// <summary>
/// The other local user of the attacks: a small Python program run as nobody (uid 65534) through setpriv. The tests
/// run as root, as the runner does under the agent.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public static class NobodyUser
{
    public const uint Uid = 65534;
    private const string Setpriv = "/usr/bin/setpriv";

    /// <summary>The system's Python: a Python of root's home (pyenv) is out of nobody's reach.</summary>
    private static string Python => File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";

    public static void Require()
    {
        if (!OperatingSystem.IsLinux())
            Assert.Ignore("the attacks are on Linux file permissions");
        if (NoFollowFile.EffectiveUid != 0)
            Assert.Ignore("needs root, as the runner under the agent, to act as the other user nobody");
        if (!File.Exists(Setpriv))
            Assert.Ignore("setpriv is missing: cannot run a command as nobody");
    }

    /// <summary>Starts the program as nobody; its stdin stays open until the caller closes it.</summary>
    public static Process Start(string pythonCode, params string[] args)
    {
        var psi = new ProcessStartInfo(Setpriv)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in (string[])["--reuid=65534", "--regid=65534", "--clear-groups", Python, "-c", pythonCode, .. args])
            psi.ArgumentList.Add(a);
        return Process.Start(psi)!;
    }

    public static (int Rc, string Out, string Err) Run(string pythonCode, params string[] args)
    {
        using var p = Start(pythonCode, args);
        p.StandardInput.Close();
        var stderr = p.StandardError.ReadToEndAsync();
        var stdout = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, stdout, stderr.Result);
    }

    /// <summary>Makes nobody the owner of a file or folder (as the agent package does for the folder of an external suite).</summary>
    public static void Own(string path)
    {
        using var p = Process.Start("chown", [$"{Uid}:{Uid}", path])!;
        p.WaitForExit();
        Assert.That(p.ExitCode, Is.Zero, $"chown {path}");
    }

    /// <summary>The folders on the way are searchable by everyone, as /var/lib/check_mk_agent and /var/log are (the test's temp folder is 0700).</summary>
    public static void LetEveryoneThrough(params string[] folders)
    {
        foreach (var f in folders)
            File.SetUnixFileMode(f, File.GetUnixFileMode(f) | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
    }
}
