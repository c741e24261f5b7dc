using System.Diagnostics;
using Robotmk.Tests.Support;

namespace Robotmk.Tests.Wine;

/// <summary>
/// The win-x64 programs under Wine, as the Windows smoke tests start them. CI's Wine stage sets ROBOTMK_WINE (the wine
/// loader), ROBOTMK_WIN_BIN_DIR (build/publish.sh win-x64), ROBOTMK_WINE_ROBOT_DIR (the published fake robot.exe) and
/// WINEPREFIX (a prefix of its own); every program gets a timeout and is killed when it runs over (Windows processes it
/// started are no Linux children of it: the stage ends them all with <c>wineserver -k</c>).
/// </summary>
public sealed class WineHost
{
    public static readonly TimeSpan ProgramTimeout = TimeSpan.FromSeconds(120);

    public string Wine { get; } = Required("ROBOTMK_WINE");
    public string BinDir { get; } = Path.GetFullPath(Required("ROBOTMK_WIN_BIN_DIR"), TestPaths.RepoRoot);
    public string RobotExe { get; } = Path.Join(Path.GetFullPath(Required("ROBOTMK_WINE_ROBOT_DIR"), TestPaths.RepoRoot), "robot.exe");

    private static string Required(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } v
            ? v
            : throw new InvalidOperationException($"{name} is not set; the Wine tests run in the Wine stage of .ci/run");

    /// <summary>The Windows name of a host path: Wine maps the Linux root to drive Z:.</summary>
    public static string WinPath(string linuxPath) => "Z:" + Path.GetFullPath(linuxPath).Replace('/', '\\');

    public string Program(string name) => Path.Join(BinDir, name + ".exe");

    /// <summary>Starts a Windows program; the Linux process is the Windows process (Wine runs it in place).</summary>
    public Process Start(string exe, IEnumerable<string> args, IReadOnlyDictionary<string, string> env, string? workingDirectory = null)
    {
        var psi = new ProcessStartInfo(Wine)
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        psi.ArgumentList.Add(exe);
        foreach (var a in args)
            psi.ArgumentList.Add(a);
        foreach (var (k, v) in env)
            psi.Environment[k] = v;
        return Process.Start(psi)!;
    }

    public WineRun Run(string exe, IEnumerable<string> args, IReadOnlyDictionary<string, string> env, string? workingDirectory = null)
    {
        using var p = Start(exe, args, env, workingDirectory);
        return Finish(p, ProgramTimeout);
    }

    /// <summary>Waits for a started program's end (killing its tree at the timeout, which fails the test) and collects its output.</summary>
    public static WineRun Finish(Process p, TimeSpan timeout)
    {
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(timeout))
        {
            p.Kill(entireProcessTree: true);
            Assert.Fail($"{string.Join(' ', p.StartInfo.ArgumentList)} did not end within {timeout.TotalSeconds:0} s under Wine");
        }
        // A process the program left running may have inherited its output handles and keep the pipes open.
        if (!Task.WaitAll([stdout, stderr], TimeSpan.FromSeconds(30)))
            Assert.Fail($"{string.Join(' ', p.StartInfo.ArgumentList)} exited (rc {p.ExitCode}), but a process it started still holds its output open");
        return new WineRun(p.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>
    /// Whether a Windows process whose command line contains <paramref name="marker"/> runs: Wine runs each one as a
    /// Linux process with the Windows command line, so /proc shows them (a zombie's command line is empty).
    /// </summary>
    public static bool Alive(string marker) =>
        Directory.EnumerateDirectories("/proc").Any(d => int.TryParse(Path.GetFileName(d), out _) && CommandLine(d).Contains(marker, StringComparison.Ordinal));

    private static string CommandLine(string procDir)
    {
        try
        {
            return File.ReadAllText(Path.Join(procDir, "cmdline"));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return ""; // the process ended while the table was read
        }
    }

    /// <summary>
    /// Waits until no process with the marker runs: ending a job or a tree is asynchronous (the wine server delivers the
    /// kill), so the check is repeated until a deadline rather than made once.
    /// </summary>
    public static bool Gone(string marker) => SpinWait.SpinUntil(() => !Alive(marker), TimeSpan.FromSeconds(30));

    /// <summary>Waits until a process with the marker runs (the fake robot and its child have started).</summary>
    public static void AwaitAlive(string marker, Process whileRunning)
    {
        SpinWait.SpinUntil(() => Alive(marker) || whileRunning.HasExited, ProgramTimeout);
        Assert.That(Alive(marker), $"no process with '{marker}' in its command line runs (the program under test has exited: {whileRunning.HasExited})");
    }
}

public sealed record WineRun(int ExitCode, string Stdout, string Stderr)
{
    public override string ToString() => $"rc {ExitCode}\nstdout:\n{Stdout}\nstderr:\n{Stderr}";
}
