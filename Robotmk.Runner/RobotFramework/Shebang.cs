namespace Robotmk.Runner.RobotFramework;

/// <summary>The interpreter of a script, from its <c>#!</c> line: what a <c>robot</c> launcher installed by pip is run by.</summary>
public static class Shebang
{
    /// <summary>Pure: the Python named by a first line (<c>#!/usr/bin/python3</c>, <c>#!/usr/bin/env python3</c>), else null.</summary>
    public static string? Python(string firstLine, Func<string, string?> resolve)
    {
        if (!firstLine.StartsWith("#!", StringComparison.Ordinal))
            return null;
        var words = firstLine[2..].Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        var program = words switch
        {
            [var env, var name] when Path.GetFileName(env) == "env" => resolve(name),
            [var interpreter] => interpreter,
            _ => null,
        };
        return program is not null && Path.GetFileName(program).StartsWith("python", StringComparison.Ordinal) ? program : null;
    }

    /// <summary>The Python that runs <paramref name="script"/> (a file up to its first line), else null.</summary>
    public static string? PythonOf(string script, Func<string, string?> resolve)
    {
        var path = resolve(script);
        if (path is null)
            return null;
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read);
            var head = new byte[256];
            var n = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
            var text = Robotmk.Text.Utf8.NoBom.GetString(head, 0, n);
            var end = text.IndexOf('\n');
            return Python(end < 0 ? text : text[..end].TrimEnd('\r'), resolve);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
