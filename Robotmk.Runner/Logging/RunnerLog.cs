using System.Globalization;
using Robotmk.Config;
using Robotmk.State;
using Robotmk.Time;

namespace Robotmk.Runner.Logging;

/// <summary>
/// The runner's log: one file per day in logdir (<c>robotmk-runner_YYYY-MM-DD.log</c>), so retention deletes whole
/// days after log_rotation. Level OFF writes nothing. Logging must never stop a run: a failed write goes to stderr.
/// </summary>
public sealed class RunnerLog(string? logDir, RobotmkLogLevel level, IClock clock, TextWriter? mirror = null)
{
    public const string FilePrefix = "robotmk-runner_";
    private readonly object _gate = new();

    public void Debug(string message) => Write(RobotmkLogLevel.Debug, message);
    public void Info(string message) => Write(RobotmkLogLevel.Info, message);
    public void Warning(string message) => Write(RobotmkLogLevel.Warning, message);
    public void Error(string message) => Write(RobotmkLogLevel.Error, message);

    public void Write(RobotmkLogLevel messageLevel, string message)
    {
        var now = clock.UtcNow;
        var line = $"{Iso8601.Format(now)} {Environment.ProcessId} {messageLevel.ToString().ToUpperInvariant()} {message}";
        if (mirror is not null && messageLevel <= RobotmkLogLevel.Warning)
            mirror.WriteLine(line);
        if (logDir is null || level == RobotmkLogLevel.Off || messageLevel > level)
            return;
        lock (_gate)
        {
            try
            {
                OwnerOnly.CreateDirectory(logDir);
                var file = Path.Join(logDir, FilePrefix + now.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + ".log");
                File.AppendAllText(file, line + "\n", Utf8.NoBom);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException || FileTooLarge.Is(ex))
            {
                Console.Error.WriteLine($"robotmk-runner: cannot write log in '{logDir}': {ex.Message}; message was: {line}");
            }
        }
    }
}
