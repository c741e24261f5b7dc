using System.Diagnostics;
using System.Runtime.InteropServices;
using Robotmk.Tests.Runner;
using Robotmk.Tests.Support;

namespace Robotmk.Tests.Reliability;

/// <summary>
/// Real file system faults for a folder: a small tmpfs mounted there (read-only or full) where this sandbox allows
/// mounts. Tests run as root here, where chmod does not stop writes; without mount rights they fall back to a file
/// size limit on the runner process (every write beyond it fails with EFBIG), which a file system cannot tell apart
/// from a full disk for the writer.
/// </summary>
public sealed class TmpfsMount : IDisposable
{
    public string Path { get; }

    private TmpfsMount(string path) => Path = path;

    public static bool IsRoot => geteuid() == 0;

    /// <returns>The mount, or null when this process may not mount (or ROBOTMK_CHAOS_NO_MOUNT=1).</returns>
    public static TmpfsMount? TryMount(string path, int sizeKib)
    {
        // Set to check the fallbacks on a machine that allows mounts.
        if (Environment.GetEnvironmentVariable("ROBOTMK_CHAOS_NO_MOUNT") == "1")
            return null;
        Directory.CreateDirectory(path);
        return Command("mount", "-t", "tmpfs", "-o", $"size={sizeKib}k,mode=0755", "tmpfs", path) == 0 ? new TmpfsMount(path) : null;
    }

    public void RemountReadOnly() => Assert.That(Command("mount", "-o", "remount,ro", Path), Is.Zero, "remount read-only");

    public void RemountWritable() => Assert.That(Command("mount", "-o", "remount,rw", Path), Is.Zero, "remount writable");

    /// <summary>Writes a file until the file system is full; returns its path (delete it to free the space).</summary>
    public string Fill()
    {
        var filler = System.IO.Path.Join(Path, "filler");
        using var fs = new FileStream(filler, FileMode.Create, FileAccess.Write, FileShare.None, 1);
        var block = new byte[4096];
        try
        {
            while (true)
                fs.Write(block);
        }
        catch (IOException)
        {
            // ENOSPC: full.
        }
        return filler;
    }

    public void Dispose() => Command("umount", "-l", Path);

    private static int Command(string file, params string[] args)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in args)
            psi.ArgumentList.Add(a);
        try
        {
            using var p = Process.Start(psi)!;
            p.StandardOutput.ReadToEnd();
            p.StandardError.ReadToEnd();
            p.WaitForExit();
            return p.ExitCode;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return -1;
        }
    }

    [DllImport("libc")]
    private static extern uint geteuid();
}

/// <summary>The runner process started with a file size limit: writes beyond it fail with EFBIG (SIGXFSZ ignored).</summary>
public static class LimitedRunner
{
    public static (int Rc, string Out, string Err) Run(RunnerHarness h, int maxFileBlocks, params string[] args)
    {
        var psi = new ProcessStartInfo("/bin/sh")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { "-c", $"trap '' XFSZ; ulimit -f {maxFileBlocks}; exec \"$@\"", "sh", "dotnet", TestPaths.ProgramDll("robotmk-runner") }.Concat(args))
            psi.ArgumentList.Add(a);
        foreach (var (k, v) in h.Environment)
            psi.Environment[k] = v;
        // The runtime's W^X double mapping needs a file of its own size; the limit is meant for the runner's files.
        psi.Environment["DOTNET_EnableWriteXorExecute"] = "0";
        return RunnerProcess.Finish(Process.Start(psi)!, TimeSpan.FromMinutes(2));
    }
}
