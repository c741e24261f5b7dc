using System.Diagnostics;
using Robotmk.Tests.Support;

namespace Robotmk.Tests.Runner;

/// <summary>The built robotmk-runner started as a real process with the harness's agent environment.</summary>
public static class RunnerProcess
{
    public static Process Start(RunnerHarness h, params string[] args) => Start(h, ["dotnet"], args);

    /// <summary>Started through a shell that sets the umask first (the test process keeps its own).</summary>
    public static Process StartWithUmask(RunnerHarness h, string umask, params string[] args) =>
        Start(h, ["/bin/sh", "-c", $"umask {umask} && exec dotnet \"$@\"", "sh"], args);

    private static Process Start(RunnerHarness h, string[] launcher, string[] args)
    {
        var psi = new ProcessStartInfo(launcher[0])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in (string[])[.. launcher[1..], TestPaths.ProgramDll("robotmk-runner"), .. args])
            psi.ArgumentList.Add(a);
        foreach (var (k, v) in h.Environment)
            psi.Environment[k] = v;
        return Process.Start(psi)!;
    }

    /// <summary>Waits for exit (bounded) and returns stdout; kills the process if it does not end.</summary>
    public static (int Rc, string Out, string Err) Finish(Process p, TimeSpan limit)
    {
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(limit))
        {
            p.Kill(entireProcessTree: true);
            Assert.Fail($"robotmk-runner did not exit within {limit}");
        }
        p.WaitForExit();
        return (p.ExitCode, stdout.Result, stderr.Result);
    }
}

public static class Pids
{
    /// <summary>
    /// Starts a command in the background through sh and returns its pid. It is no child that this process's Process
    /// API tracks: a runner under test in this process ends and reaps leftovers itself (waitpid), and .NET fails fast
    /// ("Error while reaping child") when a child it tracks was reaped by someone else.
    /// </summary>
    public static int StartDetached(IReadOnlyDictionary<string, string> environment, params string[] command)
    {
        var psi = new ProcessStartInfo("sh") { UseShellExecute = false, RedirectStandardOutput = true };
        foreach (var a in (string[])["-c", "\"$@\" </dev/null >/dev/null 2>&1 & echo $!", "sh", .. command])
            psi.ArgumentList.Add(a);
        foreach (var (k, v) in environment)
            psi.Environment[k] = v;
        using var sh = Process.Start(psi)!;
        var pid = int.Parse(sh.StandardOutput.ReadLine()!, System.Globalization.CultureInfo.InvariantCulture);
        sh.WaitForExit();
        return pid;
    }

    /// <summary>Ends a process started by <see cref="StartDetached"/> if it still runs.</summary>
    public static void Kill(int pid)
    {
        if (IsAlive(pid))
            Robotmk.Runner.Processes.Libc.Kill(pid, Robotmk.Runner.Processes.Libc.SigKill);
    }

    /// <summary>True while the process exists and is not a zombie (a zombie runs nothing and holds nothing).</summary>
    public static bool IsAlive(int pid)
    {
        var status = $"/proc/{pid}/status";
        if (!File.Exists(status))
            return false;
        try
        {
            var state = File.ReadLines(status).FirstOrDefault(l => l.StartsWith("State:", StringComparison.Ordinal)) ?? "";
            return !state.Contains("Z (zombie)") && !state.Contains("X (dead)");
        }
        catch (IOException)
        {
            return false;
        }
    }

    public static int ReadPidFile(string path) => int.Parse(File.ReadAllText(path).Trim());

    /// <summary>Waits until a condition holds, polling; fails the test after the limit.</summary>
    public static void WaitUntil(Func<bool> condition, TimeSpan limit, string what)
    {
        var sw = Stopwatch.StartNew();
        while (!condition())
        {
            if (sw.Elapsed > limit)
                Assert.Fail($"timed out after {limit} waiting until {what}");
            Thread.Sleep(20);
        }
    }
}
