using System.Diagnostics;
using System.Runtime.InteropServices;
using Robotmk.Tests.Runner;
using Robotmk.Tests.Support;

namespace Robotmk.Tests.Reliability;

/// <summary>
/// Starts several runner processes at the same instant: each waits in <c>read</c> on a FIFO that the gate holds
/// open; once all of them wait there, the gate closes its end and all of them see end-of-file at once and exec the
/// runner. The race for the lock is then between processes that start together, as when an agent and a scheduler
/// fire at the same second.
/// </summary>
public sealed class StartingGate : IDisposable
{
    private readonly string _fifo;
    private FileStream? _holder;

    public StartingGate(string folder)
    {
        _fifo = Path.Join(folder, "gate-" + Guid.NewGuid().ToString("N")[..8]);
        if (mkfifo(_fifo, 0b110_000_000) != 0)
            throw new IOException($"mkfifo '{_fifo}' failed: errno {Marshal.GetLastPInvokeError()}");
        // Read+write open never blocks on a FIFO and makes the runners' read block until we close it.
        _holder = new FileStream(_fifo, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite, 1);
    }

    /// <summary>Starts a runner that waits behind the gate.</summary>
    public Process Enqueue(RunnerHarness h, params string[] args)
    {
        var psi = new ProcessStartInfo("/bin/sh")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { "-c", "read _ < \"$0\"; exec \"$@\"", _fifo, "dotnet", TestPaths.ProgramDll("robotmk-runner") }.Concat(args))
            psi.ArgumentList.Add(a);
        foreach (var (k, v) in h.Environment)
            psi.Environment[k] = v;
        return Process.Start(psi)!;
    }

    /// <summary>Waits until every runner waits on the gate, then lets them all go at once.</summary>
    public void Open(IReadOnlyCollection<Process> waiting)
    {
        Pids.WaitUntil(() => waiting.All(p => WaitsOnGate(p.Id)), TimeSpan.FromMinutes(1), "every runner waits at the gate");
        _holder!.Dispose();
        _holder = null;
    }

    private bool WaitsOnGate(int pid)
    {
        try
        {
            return File.ResolveLinkTarget($"/proc/{pid}/fd/0", returnFinalTarget: false)?.FullName == _fifo;
        }
        catch (IOException)
        {
            return false;
        }
    }

    public void Dispose()
    {
        _holder?.Dispose();
        File.Delete(_fifo);
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int mkfifo(string path, uint mode);
}
