using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;

namespace Robotmk.Runner.Processes;

/// <summary>
/// One warm launcher process (the embedded <c>warm_launcher.py</c>, given to Python with <c>-c</c> so that nothing is
/// read from a folder others can write): it imports RF once and forks a child per request. The child leads a new
/// session, so the runner supervises and ends its process group exactly like a spawned RF; the launcher reports the
/// child's pid when its session exists and its rc when it has ended. One request at a time.
/// </summary>
internal sealed class WarmLauncher : IDisposable
{
    /// <summary>The launcher ends by itself after this long without a request (a runner that forgot it, a test host).</summary>
    private const int IdleSeconds = 30;
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan ReplyTimeout = TimeSpan.FromSeconds(30);

    private readonly Process _process;
    private readonly BlockingCollection<string> _replies = new();
    private readonly TailBuffer _stderr = new(8 * 1024);
    private readonly PrivateFolder _outputs;
    private readonly IReadOnlyDictionary<string, string> _pythonVariables;
    private int _requests;

    private WarmLauncher(Process process, PrivateFolder outputs, IReadOnlyDictionary<string, string> pythonVariables)
    {
        _process = process;
        _outputs = outputs;
        _pythonVariables = pythonVariables;
        var stdout = process.StandardOutput;
        new Thread(() =>
        {
            try
            {
                while (stdout.ReadLine() is { } line)
                    _replies.Add(line);
            }
            catch (IOException)
            {
                // The launcher was killed: same as its end.
            }
            _replies.CompleteAdding();
        }) { IsBackground = true, Name = "warm launcher replies" }.Start();
        _ = DrainStderr(process.StandardError.BaseStream);
    }

    /// <summary>RF's version as the launcher reported it.</summary>
    public string RfVersion { get; private set; } = "";

    /// <summary>How long the launcher's warm-up run took, or null when it failed (<see cref="WarmUpProblem"/>).</summary>
    public int? WarmUpMilliseconds { get; private set; }

    /// <summary>What the launcher said when its warm-up run failed (children then do RF's first-run work themselves).</summary>
    public string WarmUpProblem { get; private set; } = "";

    /// <summary>How the launcher prepared its children, for the log.</summary>
    public string Preparation => WarmUpMilliseconds is { } ms
        ? $"RF {RfVersion} imported and warmed up by a {ms} ms run of a built-in suite"
        : $"RF {RfVersion} imported; its warm-up run failed, so each child does RF's first-run work itself: {WarmUpProblem}";

    public int Pid => _process.Id;

    public bool IsAlive => !_replies.IsCompleted && !_process.HasExited;

    /// <summary>
    /// False once a request went unanswered or a child was given up without its "exited" line: replies still to come
    /// would be read as those of the next request, so the launcher must serve no other.
    /// </summary>
    public bool InStep { get; private set; } = true;

    /// <summary>A child was given up without its "exited" line (<see cref="InStep"/>).</summary>
    public void GiveUp() => InStep = false;

    /// <summary>
    /// Starts a launcher for <paramref name="python"/> through <paramref name="setsid"/> (its own session, away from the
    /// terminal's Ctrl-C) with <paramref name="environment"/> (the full environment, marker included) and waits until it
    /// has imported RF. <paramref name="start"/> starts the process (the caller records its pid in the same step,
    /// before anybody can see it as a new child of the runner); <see cref="Process.Start()"/> when null. Waiting for
    /// the launcher to be ready ends after <paramref name="readyTimeout"/> (60 s when null) or when
    /// <paramref name="cancel"/> is cancelled.
    /// </summary>
    /// <returns>The ready launcher, or null and why it cannot be used.</returns>
    public static WarmLauncher? Start(string python, string setsid, IReadOnlyDictionary<string, string> environment, out string detail,
        Action<Process>? start = null, TimeSpan? readyTimeout = null, CancellationToken cancel = default)
    {
        PrivateFolder outputs;
        try
        {
            outputs = PrivateFolder.Create();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            detail = $"no private folder for its output files: {ex.Message}";
            return null;
        }
        var psi = new ProcessStartInfo(setsid)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        psi.ArgumentList.Add(python);
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add(Script.Value);
        psi.ArgumentList.Add(IdleSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
        psi.ArgumentList.Add(outputs.FullPath);
        psi.Environment.Clear();
        foreach (var (k, v) in environment)
            psi.Environment[k] = v;
        var pythonVariables = environment.Where(e => IsPythonVariable(e.Key)).ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);

        var process = new Process { StartInfo = psi };
        try
        {
            if (start is null)
                process.Start();
            else
                start(process);
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            outputs.Dispose();
            process.Dispose();
            detail = $"cannot start '{python}': {ex.Message}";
            return null;
        }
        var launcher = new WarmLauncher(process, outputs, pythonVariables);
        var wait = readyTimeout is { } t && t < ReadyTimeout ? t : ReadyTimeout;
        var first = launcher.Reply(wait, cancel);
        if (first is not null && first.StartsWith("ready ", StringComparison.Ordinal))
        {
            (launcher.RfVersion, launcher.WarmUpMilliseconds, launcher.WarmUpProblem) = ReadyLine.Parse(first);
            detail = launcher.RfVersion;
            return launcher;
        }
        launcher.Dispose();
        detail = first is not null && first.StartsWith("unusable ", StringComparison.Ordinal)
            ? first["unusable ".Length..]
            : first is null && cancel.IsCancellationRequested ? "the runner was asked to stop while it started"
            : first is null ? $"'{python}' did not start it within {wait.TotalSeconds:0.#} s {launcher._stderr.ToText().Trim()}".Trim()
            : $"'{python}' did not start it: {first} {launcher._stderr.ToText().Trim()}".Trim();
        return null;
    }

    /// <summary>
    /// Whether a fork of this launcher runs Python as a new interpreter would with the spec's environment: every
    /// PYTHON* variable but PYTHONPATH (which the child applies) is read only when Python starts.
    /// </summary>
    public bool Fits(IReadOnlyDictionary<string, string> environment) =>
        environment.Where(e => IsPythonVariable(e.Key)).Count() == _pythonVariables.Count &&
        environment.Where(e => IsPythonVariable(e.Key)).All(e => _pythonVariables.TryGetValue(e.Key, out var v) && v == e.Value);

    private static bool IsPythonVariable(string name) =>
        name.StartsWith("PYTHON", StringComparison.Ordinal) && name != "PYTHONPATH";

    /// <summary>A started child: its pid (= its process group and session) and the files its stdout and stderr go to.</summary>
    public sealed record Child(int Pid, string Stdout, string Stderr);

    /// <returns>The child, or null when the launcher is gone or did not answer.</returns>
    public Child? Launch(string entry, IEnumerable<string> argv, string cwd, IReadOnlyDictionary<string, string> environment)
    {
        var n = Interlocked.Increment(ref _requests);
        var stdout = Path.Join(_outputs.FullPath, $"{n}.stdout");
        var stderr = Path.Join(_outputs.FullPath, $"{n}.stderr");
        var buffer = new ArrayBufferWriter<byte>(4096);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("entry", entry);
            w.WriteStartArray("argv");
            foreach (var a in argv)
                w.WriteStringValue(a);
            w.WriteEndArray();
            w.WriteString("cwd", cwd);
            w.WriteStartObject("env");
            foreach (var (k, v) in environment)
                w.WriteString(k, v);
            w.WriteEndObject();
            w.WriteString("stdout", stdout);
            w.WriteString("stderr", stderr);
            w.WriteEndObject();
        }
        try
        {
            var input = _process.StandardInput.BaseStream;
            input.Write(buffer.WrittenSpan);
            input.WriteByte((byte)'\n');
            input.Flush();
        }
        catch (IOException)
        {
            InStep = false;
            return null;
        }
        var reply = Reply(ReplyTimeout);
        if (reply is not null && reply.StartsWith("started ", StringComparison.Ordinal) && int.TryParse(reply.AsSpan("started ".Length), out var pid))
            return new Child(pid, stdout, stderr);
        InStep = false;
        return null;
    }

    /// <summary>How waiting for a child ended.</summary>
    public enum Wait { Exited, NotYet, LauncherGone }

    /// <summary>
    /// Waits until the child has ended and been reaped by the launcher, or <paramref name="token"/> is cancelled.
    /// <paramref name="usage"/> is what the child and the processes it waited for used.
    /// </summary>
    public Wait WaitExit(Child child, CancellationToken token, out int rc, out ResourceUsage usage)
    {
        rc = -1;
        usage = ResourceUsage.Unknown;
        try
        {
            if (!_replies.TryTake(out var line, Timeout.Infinite, token))
                return Wait.LauncherGone;
            return ExitedLine.TryParse(line, child.Pid, out rc, out usage) ? Wait.Exited : Wait.LauncherGone;
        }
        catch (OperationCanceledException)
        {
            return Wait.NotYet;
        }
        catch (InvalidOperationException)
        {
            return Wait.LauncherGone; // completed: the launcher ended
        }
    }

    public Wait WaitExit(Child child, TimeSpan timeout, out int rc, out ResourceUsage usage)
    {
        using var cts = new CancellationTokenSource(timeout);
        return WaitExit(child, cts.Token, out rc, out usage);
    }

    /// <summary>The last bytes of what the child wrote to one of its output files; the file is deleted.</summary>
    public static TailBuffer Tail(string file, int tailBytes)
    {
        var tail = new TailBuffer(tailBytes);
        try
        {
            using (var stream = new FileStream(file, FileMode.Open, FileAccess.Read))
                tail.ReadEnd(stream);
            File.Delete(file);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Never created (the child died first): nothing was written.
        }
        return tail;
    }

    private string? Reply(TimeSpan timeout, CancellationToken cancel = default)
    {
        try
        {
            return _replies.TryTake(out var line, (int)Math.Clamp(timeout.TotalMilliseconds, 0, int.MaxValue), cancel) ? line : null;
        }
        catch (Exception ex) when (ex is InvalidOperationException or OperationCanceledException)
        {
            return null;
        }
    }

    private async Task DrainStderr(Stream stream)
    {
        var buffer = new byte[4096];
        try
        {
            int n;
            while ((n = await stream.ReadAsync(buffer).ConfigureAwait(false)) > 0)
                lock (_stderr)
                    _stderr.Write(buffer.AsSpan(0, n));
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException)
        {
            // Killed.
        }
    }

    /// <summary>Ends the launcher: end of its input, then its group is killed if it has not gone in a moment.</summary>
    public void Dispose()
    {
        try
        {
            _process.StandardInput.Close();
        }
        catch (IOException)
        {
        }
        if (!_process.WaitForExit(TimeSpan.FromSeconds(2)))
        {
            _ = Libc.Kill(-_process.Id, Libc.SigKill);
            _process.WaitForExit(TimeSpan.FromSeconds(5));
        }
        _process.Dispose();
        _outputs.Dispose();
    }

    /// <summary>The launcher's first line: <c>ready VERSION warmed=MS</c>, or <c>ready VERSION cold REASON</c>.</summary>
    internal static class ReadyLine
    {
        public static (string Version, int? WarmUpMilliseconds, string WarmUpProblem) Parse(string line)
        {
            var parts = line.Split(' ', 4);
            var version = parts.Length > 1 ? parts[1] : "";
            if (parts.Length == 3 && parts[2].StartsWith("warmed=", StringComparison.Ordinal)
                && int.TryParse(parts[2].AsSpan("warmed=".Length), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var ms))
                return (version, ms, "");
            var problem = parts is [_, _, "cold", var reason] ? reason : "the launcher did not say how its warm-up went";
            return (version, null, problem);
        }
    }

    /// <summary>The launcher's reply when a child has been reaped: <c>exited PID RC USER_US SYSTEM_US MAXRSS_KIB</c>.</summary>
    internal static class ExitedLine
    {
        public static bool TryParse(string line, int pid, out int rc, out ResourceUsage usage)
        {
            rc = -1;
            usage = ResourceUsage.Unknown;
            var inv = System.Globalization.CultureInfo.InvariantCulture;
            const System.Globalization.NumberStyles digits = System.Globalization.NumberStyles.None;
            if (line.Split(' ') is not ["exited", var p, var code, var user, var system, var maxRss]
                || !int.TryParse(p, digits, inv, out var reaped) || reaped != pid
                || !int.TryParse(code, digits, inv, out rc))
                return false;
            if (long.TryParse(user, digits, inv, out var u) && long.TryParse(system, digits, inv, out var s) && long.TryParse(maxRss, digits, inv, out var kib))
                usage = new ResourceUsage(Math.Round(u / 1e6, 3), Math.Round(s / 1e6, 3), kib > 0 ? kib * 1024 : null);
            return true;
        }
    }

    /// <summary>The launcher's source, embedded in the runner.</summary>
    private static class Script
    {
        public static readonly string Value = Load();

        private static string Load()
        {
            using var stream = typeof(WarmLauncher).Assembly.GetManifestResourceStream("Robotmk.Runner.warm_launcher.py")
                ?? throw new InvalidOperationException("the warm launcher is not embedded in the runner");
            using var reader = new StreamReader(stream, Robotmk.Text.Utf8.NoBom);
            return reader.ReadToEnd();
        }
    }
}
