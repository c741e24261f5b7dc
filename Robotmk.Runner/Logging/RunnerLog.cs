using System.Globalization;
using Robotmk.Config;
using Robotmk.Files;
using Robotmk.State;
using Robotmk.Text;
using Robotmk.Time;

namespace Robotmk.Runner.Logging;

/// <summary>
/// The runner's log: one file per day in logdir (<c>robotmk-runner_YYYY-MM-DD.log</c>), so retention deletes whole
/// days after log_rotation. Level OFF writes nothing. Logging must never stop a run: a failed write goes to
/// <paramref name="err"/> instead. The file is the runner's own (0600), opened without following links: a link or a
/// file of another user planted under its name is refused, never written through (<see cref="NoFollowFile"/>).
/// </summary>
/// <param name="err">The runner's stderr: it gets what cannot be written to the log file.</param>
/// <param name="mirrorToErr">Warnings and errors also go to <paramref name="err"/>, whatever the log level.</param>
public sealed class RunnerLog(string? logDir, RobotmkLogLevel level, IClock clock, TextWriter err, bool mirrorToErr = false)
{
    public const string FilePrefix = "robotmk-runner_";
    private readonly object _gate = new();

    /// <summary>The log file of the (UTC) day of <paramref name="time"/>.</summary>
    public static string FileOf(string logDir, DateTimeOffset time) =>
        Path.Join(logDir, FilePrefix + time.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + ".log");

    public void Debug(string message) => Write(RobotmkLogLevel.Debug, message);
    public void Info(string message) => Write(RobotmkLogLevel.Info, message);
    public void Warning(string message) => Write(RobotmkLogLevel.Warning, message);
    public void Error(string message) => Write(RobotmkLogLevel.Error, message);

    public void Write(RobotmkLogLevel messageLevel, string message)
    {
        var now = clock.UtcNow;
        var line = $"{Iso8601.Format(now)} {Environment.ProcessId} {WireNames.Of(messageLevel)} {LogText.OneLine(message)}";
        if (mirrorToErr && messageLevel <= RobotmkLogLevel.Warning)
            err.WriteLine(line);
        if (logDir is null || level == RobotmkLogLevel.Off || messageLevel > level)
            return;
        lock (_gate)
        {
            try
            {
                OwnerOnly.CreateDirectory(logDir);
                using var handle = NoFollowFile.OpenAppend(FileOf(logDir, now));
                // Opened for appending (O_APPEND): the OS writes at the end whatever offset is given.
                RandomAccess.Write(handle, Utf8.NoBom.GetBytes(line + "\n"), RandomAccess.GetLength(handle));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException || FileTooLarge.Is(ex))
            {
                err.WriteLine($"robotmk-runner: cannot write log in '{logDir}': {ex.Message}; message was: {line}");
            }
        }
    }
}
