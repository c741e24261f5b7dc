namespace Robotmk.Config;

public enum ProblemSeverity { Notice, Warning, Error }

/// <summary>One finding about a configuration file, located by file, line, column and key path.</summary>
public sealed record ConfigProblem(
    ProblemSeverity Severity,
    string File,
    SourcePosition Position,
    string KeyPath,
    string Message)
{
    /// <summary>The key under <c>suites</c> this problem belongs to, or null for global problems.</summary>
    public string? SuiteKey { get; init; }

    public bool IsError => Severity == ProblemSeverity.Error;

    /// <summary>Single line, so it can travel in a section field where a newline would break the server.</summary>
    public override string ToString()
    {
        var where = Position.Line > 0 ? $"{File}:{Position.Line}:{Position.Column}" : File;
        var path = KeyPath.Length > 0 ? $" {KeyPath}:" : "";
        var sev = Severity switch { ProblemSeverity.Error => "error", ProblemSeverity.Warning => "warning", _ => "notice" };
        return $"{where}: {sev}:{path} {Message}".Replace('\n', ' ').Replace('\r', ' ');
    }
}
