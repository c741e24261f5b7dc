using System.Diagnostics;
using Robotmk.Tests.Support;

namespace Robotmk.Tests.Security;

/// <summary>Runs the robot of one bundled RF release directly, to see how RF itself treats what the runner gives it.</summary>
internal static class PeerRobot
{
    /// <param name="release">The folder under ../shared/peers: robotframework (7.4.2) or robotframework-versions/X.Y.Z.</param>
    /// <returns>The exit code and stdout followed by stderr.</returns>
    public static (int ExitCode, string Output) Run(string release, string workingDirectory, params string[] args)
    {
        var psi = new ProcessStartInfo(Path.Join(TestPaths.Shared, "peers", release, "bin", "robot"))
        {
            WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        foreach (var a in args)
            psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        p.WaitForExit();
        return (p.ExitCode, stdout.Result + stderr.Result);
    }
}
