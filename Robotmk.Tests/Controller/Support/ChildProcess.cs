using System.Diagnostics;

namespace Robotmk.Tests.Controller.Support;

/// <summary>Runs a program of this solution (<c>dotnet &lt;dll&gt;</c>) with a timeout; on timeout its whole process tree is killed.</summary>
public static class ChildProcess
{
    public sealed record Outcome(int ExitCode, byte[] Stdout, string Stderr);

    public static Outcome RunDll(string dll, IEnumerable<string> args, IReadOnlyDictionary<string, string?> environment, TimeSpan timeout)
    {
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add(dll);
        foreach (var a in args)
            psi.ArgumentList.Add(a);
        // The agent's variables decide where state lives: never inherit the test host's own.
        foreach (var name in new[] { "MK_VARDIR", "MK_CONFDIR", "MK_LIBDIR", "MK_STATEDIR", "ROBOTMK_STATE_DIR", "ROBOTMK_CONFIG" })
            psi.Environment.Remove(name);
        foreach (var (k, v) in environment)
        {
            if (v is null)
                psi.Environment.Remove(k);
            else
                psi.Environment[k] = v;
        }

        using var p = Process.Start(psi)!;
        p.StandardInput.Close();
        using var stdout = new MemoryStream();
        var copy = p.StandardOutput.BaseStream.CopyToAsync(stdout);
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(timeout))
        {
            p.Kill(entireProcessTree: true);
            p.WaitForExit();
            Assert.Fail($"{Path.GetFileName(dll)} {string.Join(' ', args)} did not finish within {timeout.TotalSeconds} s; killed. stderr: {stderr.Result}");
        }
        p.WaitForExit();
        copy.Wait();
        return new Outcome(p.ExitCode, stdout.ToArray(), stderr.Result);
    }
}
