using System.Text;

namespace Robotmk.Config;

/// <summary>
/// Suite ids (SPEC §1 "Suite id"). In robotmk.yml the key under <c>suites:</c> is the id, verbatim, as in Robotmk 1.6.0:
/// the server names the service after it, so it is never changed. The bakery writes keys computed from path and tag
/// (<see cref="Compute"/>), and so are the ids of suites found in robotdir when robotmk.yml lists none.
/// Files named after a suite use <see cref="FileName"/>, which encodes what a file name cannot hold.
/// </summary>
public static class SuiteId
{
    /// <summary>Longest file name part an id may need (file systems allow 255 bytes for the whole name).</summary>
    public const int MaxFileNameLength = 160;

    /// <summary>The v1 rule: path + "_" + tag, every char outside [A-Za-z0-9.] becomes '_', runs collapse, lower-case.</summary>
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

    /// <summary>
    /// The id as part of a file name (always behind a prefix such as <c>robotmk_</c>): unchanged when it consists of
    /// lower-case letters, digits, '_', '-' and '.', as every computed id does; otherwise every other character is
    /// written as '%' and the hex digits of its UTF-8 bytes ('Smoke' → '%53moke'). The encoding is one-to-one, so
    /// distinct ids never share a file, and it has no upper-case letters, so it holds on file systems that ignore
    /// case (Windows).
    /// </summary>
    public static string FileName(string id)
    {
        if (IsPlain(id))
            return id;
        var sb = new StringBuilder(id.Length * 3);
        var bytes = Encoding.UTF8.GetBytes(id);
        for (var i = 0; i < bytes.Length; i++)
        {
            var b = bytes[i];
            if (IsPlainByte(b))
                sb.Append((char)b);
            else
                sb.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
        }
        return sb.ToString();
    }

    /// <summary>The id a file name part was made from by <see cref="FileName"/>; null for a name it never makes.</summary>
    public static string? FromFileName(string name)
    {
        if (!name.Contains('%'))
            return IsPlain(name) ? name : null;
        var bytes = new List<byte>(name.Length);
        for (var i = 0; i < name.Length; i++)
        {
            if (name[i] != '%')
            {
                if (name[i] > 0x7F)
                    return null;
                bytes.Add((byte)name[i]);
                continue;
            }
            if (i + 2 >= name.Length || !byte.TryParse(name.AsSpan(i + 1, 2), System.Globalization.NumberStyles.AllowHexSpecifier, null, out var b))
                return null;
            bytes.Add(b);
            i += 2;
        }
        try
        {
            var id = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString([.. bytes]);
            return FileName(id) == name ? id : null;
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

    /// <summary>Why an id cannot be used, or null when it can: empty, reserved, control characters, too long a file name.</summary>
    public static string? Problem(string id)
    {
        if (id.Length == 0)
            return "an empty suite id cannot name a suite";
        if (id == Reserved)
            return $"the suite id '{Reserved}' is reserved (robotmk_{Reserved}.json is the runner's own state file); use another key, e.g. '{Reserved}_main'";
        if (id.Any(c => char.IsControl(c) || c is '\u2028' or '\u2029'))
            return "a suite id cannot contain control characters or line breaks: it names a service on the Checkmk server";
        if (FileName(id).Length > MaxFileNameLength)
            return $"the suite id is too long to name its files (at most {MaxFileNameLength} characters after encoding); use a shorter key";
        return null;
    }

    /// <summary>True when the id names a suite and its files (see <see cref="Problem"/>).</summary>
    public static bool IsUsable(string id) => Problem(id) is null;

    /// <summary>
    /// True when an id computed from a path (bakery, robotdir without a suite list) can be a suite key: lower-case
    /// letters, digits, '_' and '.', not "." or "..", not reserved.
    /// </summary>
    public static bool IsUsableComputed(string id) =>
        id.Length > 0 && id != "." && id != ".." && id != Reserved && id.All(c => c is >= 'a' and <= 'z' or >= '0' and <= '9' or '.' or '_');

    /// <summary>Why <see cref="IsUsableComputed"/> refuses an id, for messages.</summary>
    public static string Refusal(string id) => id == Reserved
        ? $"the suite id '{Reserved}' is reserved (robotmk_{Reserved}.json is the runner's own state file); set a 'tag' to make it e.g. '{Reserved}_main'"
        : $"the computed suite id '{id}' is not usable; give the suite a path with letters or digits";

    private static bool IsPlain(string id) => id.Length > 0 && id.All(c => c < 0x80 && IsPlainByte((byte)c));

    private static bool IsPlainByte(byte b) => b is >= (byte)'a' and <= (byte)'z' or >= (byte)'0' and <= (byte)'9' or (byte)'_' or (byte)'-' or (byte)'.';
}
