using Robotmk.Runner.Logging;
using Robotmk.Runner.RobotFramework;

namespace Robotmk.Runner.Coordination;

/// <summary>Deletes RF outputs and runner logs older than log_rotation days (only files this product names).</summary>
public static class Retention
{
    public static int Apply(IEnumerable<string> dirs, int days, DateTimeOffset now, RunnerLog log)
    {
        if (days <= 0)
            return 0;
        var limit = now.UtcDateTime.AddDays(-days);
        var deleted = 0;
        foreach (var dir in dirs.Distinct(StringComparer.Ordinal).Where(Directory.Exists))
        {
            var candidates = Directory.EnumerateFiles(dir, OutputNames.Prefix + "*")
                .Concat(Directory.EnumerateFiles(dir, RunnerLog.FilePrefix + "*.log"));
            foreach (var file in candidates)
            {
                try
                {
                    if (File.GetLastWriteTimeUtc(file) >= limit)
                        continue;
                    File.Delete(file);
                    deleted++;
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    log.Warning($"retention: cannot delete '{file}': {ex.Message}");
                }
            }
        }
        return deleted;
    }
}
