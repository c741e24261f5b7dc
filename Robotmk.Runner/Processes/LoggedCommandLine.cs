namespace Robotmk.Runner.Processes;

/// <summary>
/// A command line as the runner's log shows it (pure): arguments joined by spaces, quoted for a POSIX shell where
/// needed, and the value of every RF variable masked (<c>--variable NAME:***</c>), since variables carry passwords.
/// Recognises the spellings RF accepts: <c>-v</c>, <c>--variable</c> in any case and, as RF 7 does, with dashes anywhere,
/// each followed by the value or joined to it with '='.
/// </summary>
public static class LoggedCommandLine
{
    public const string Mask = "***";

    public static string Of(IEnumerable<string> argv)
    {
        var shown = new List<string>();
        var maskNext = false;
        foreach (var arg in argv)
        {
            if (maskNext)
                shown.Add(Masked("", arg));
            else if (arg.StartsWith("--", StringComparison.Ordinal) && arg.IndexOf('=') is > 2 and var eq && IsVariableOption(arg[..eq]))
                shown.Add(Masked(arg[..(eq + 1)], arg[(eq + 1)..]));
            else
                shown.Add(Quote(arg));
            maskNext = !maskNext && IsVariableOption(arg);
        }
        return string.Join(' ', shown);
    }

    private static bool IsVariableOption(string arg) =>
        arg == "-v" || (arg.StartsWith("--", StringComparison.Ordinal) && arg.Replace("-", "", StringComparison.Ordinal).Equals("variable", StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// <paramref name="option"/> (--variable= or nothing) and NAME:VALUE are shown as NAME:*** (the name quoted where needed, the mask never: it stands for the value); without a
    /// colon RF would refuse it, and all of it is masked.
    /// </summary>
    private static string Masked(string option, string nameValue)
    {
        var shown = option + (nameValue.IndexOf(':') is >= 0 and var colon ? nameValue[..(colon + 1)] : "");
        return shown.Length == 0 ? Mask : Quote(shown) + Mask;
    }

    private static string Quote(string a) =>
        a.Length > 0 && a.All(c => char.IsLetterOrDigit(c) || "-_./:=@,+".Contains(c)) ? a : "'" + a.Replace("'", "'\\''") + "'";
}
