using System.Text;

namespace Robotmk.Runner.RobotFramework;

/// <summary>
/// The text of the argument file that gives RF the <c>robot_params</c> variables, so their values are not on the command
/// line, which every local user can read (/proc/PID/cmdline) (pure). RF 3.2 to 7.x read such a file alike: the text is
/// split at line breaks (Python's <c>splitlines</c>), each line is stripped, and a line <c>--variable=NAME:VALUE</c> is
/// the option and everything after the first '='. So a value with a line break or ending in whitespace cannot be
/// carried; such a variable stays on the command line (the runner's log masks it all the same).
/// </summary>
public static class VariableArgumentFile
{
    /// <summary>Its name in the suite's <see cref="Processes.PrivateFolder"/>; written before and removed after each attempt.</summary>
    public const string FileName = "variables.args";

    /// <summary>Whether the file can carry the variable unchanged.</summary>
    public static bool CanCarry(string name, string value)
    {
        var element = name + ":" + value;
        return !element.Any(IsLineBreak) && !IsWhiteSpace(element[^1]);
    }

    /// <summary>The file's text with every variable it can carry, in order; null when it would carry none.</summary>
    public static string? Text(IEnumerable<KeyValuePair<string, string>> variables)
    {
        var text = new StringBuilder();
        foreach (var (name, value) in variables)
        {
            if (CanCarry(name, value))
                text.Append("--variable=").Append(name).Append(':').Append(value).Append('\n');
        }
        return text.Length == 0 ? null : text.ToString();
    }

    /// <summary>Where Python's str.splitlines splits.</summary>
    private static bool IsLineBreak(char c) => c is '\n' or '\r' or '\v' or '\f' or '\x1c' or '\x1d' or '\x1e' or '\x85' or '\u2028' or '\u2029';

    /// <summary>What Python's str.strip removes: .NET's white space and the four separators \x1c to \x1f.</summary>
    private static bool IsWhiteSpace(char c) => char.IsWhiteSpace(c) || c is >= '\x1c' and <= '\x1f';
}
