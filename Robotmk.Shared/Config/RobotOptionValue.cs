namespace Robotmk.Config;

/// <summary>
/// Whether a <c>robot_params</c> or <c>rerun_selection</c> value can follow its RF option as one argv element and stay a
/// value. RF reads argument files before it parses options, and it looks for them in every element, values included:
/// <c>--include -A/tmp/x.txt</c> makes RF 3.2–7.x read /tmp/x.txt (which may name a <c>--prerunmodifier</c>), and RF 7
/// also takes <c>argumentfile</c> or <c>argument-file=PATH</c> as the option. So no value may start with '-' or look like
/// that option. Variable values are not affected: the element is <c>NAME:VALUE</c> and starts with the name.
/// </summary>
public static class RobotOptionValue
{
    /// <summary>Why RF would not take <paramref name="value"/> as a value; null when it would.</summary>
    public static string? Problem(string value)
    {
        if (value.StartsWith('-'))
            return $"'{YamlFieldReader.Shorten(value)}' starts with '-', so Robot Framework would read it as an option (-A reads an argument file), not as a value; remove the '-'";
        // RF 7 compares "--" + the element in lower case without dashes with "--argumentfile".
        var normalized = value.ToLowerInvariant().Replace("-", "", StringComparison.Ordinal);
        if (normalized == "argumentfile" || normalized.StartsWith("argumentfile=", StringComparison.Ordinal))
            return $"'{YamlFieldReader.Shorten(value)}' would make Robot Framework read an argument file instead of taking it as a value";
        return null;
    }
}
