using System.Text;

namespace Robotmk.Config;

/// <summary>The v1 suite id rule: path + "_" + tag, every char outside [A-Za-z0-9.] becomes '_', runs collapse, lower-case.</summary>
public static class SuiteId
{
    public static string Compute(string path, string? tag)
    {
        var raw = string.IsNullOrEmpty(tag) ? path : path + "_" + tag;
        var sb = new StringBuilder(raw.Length);
        foreach (var c in raw)
        {
            var keep = c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9' or '.';
            if (keep)
                sb.Append(char.ToLowerInvariant(c));
            else if (sb.Length == 0 || sb[^1] != '_')
                sb.Append('_');
        }
        return sb.ToString();
    }

    /// <summary>The id whose state file name (robotmk_runner.json) belongs to the runner itself.</summary>
    public const string Reserved = "runner";

    /// <summary>True when the id can be used as part of a file name (state and output files) and is not reserved.</summary>
    public static bool IsFileSafe(string id) =>
        id.Length > 0 && id != "." && id != ".." && id != Reserved && id.All(c => c is >= 'a' and <= 'z' or >= '0' and <= '9' or '.' or '_');

    /// <summary>Why <see cref="IsFileSafe"/> refuses an id, for messages.</summary>
    public static string Refusal(string id) => id == Reserved
        ? $"the suite id '{Reserved}' is reserved (robotmk_{Reserved}.json is the runner's own state file); set a 'tag' to make it e.g. '{Reserved}_main'"
        : $"the computed suite id '{id}' is not usable; give the suite a path with letters or digits";
}
