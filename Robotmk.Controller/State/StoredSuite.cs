namespace Robotmk.Controller.State;

/// <summary>
/// A JSON string token exactly as it stands in a state file, quotes and escapes included. The encoded payloads
/// (<c>xml</c>, <c>htmllog</c>) travel from the state file to the agent output as these bytes, never as .NET strings.
/// </summary>
public readonly struct RawJsonString
{
    public RawJsonString(ReadOnlyMemory<byte> token)
    {
        if (token.Length < 2 || token.Span[0] != (byte)'"' || token.Span[^1] != (byte)'"')
            throw new ArgumentException("not a JSON string token", nameof(token));
        Token = token;
    }

    /// <summary>The token with its quotes: what is written to the output.</summary>
    public ReadOnlyMemory<byte> Token { get; }

    /// <summary>The bytes between the quotes, escapes not resolved.</summary>
    public ReadOnlySpan<byte> Content => Token.Span[1..^1];

    public int ContentLength => Token.Length - 2;

    public bool IsEmpty => Token.Length == 2;
}

/// <summary>What the controller needs from <c>robotmk_&lt;id&gt;.json</c> (the runner's <see cref="Robotmk.State.SuiteState"/>).</summary>
public sealed record StoredSuite(string Id, string State, string? RunningSince, StoredResult? Result);

/// <summary>
/// The runner's precomputed suite entry (<see cref="Robotmk.State.SuiteResult"/>). Identity fields (path, tag,
/// piggybackhost, max_executions) are taken from the current configuration snapshot instead, so they are not read.
/// </summary>
public sealed record StoredResult
{
    public required string Status { get; init; }
    public string? Error { get; init; }
    public int? CacheTime { get; init; }
    public int? ExecutionInterval { get; init; }
    public string? StartTime { get; init; }
    public string? EndTime { get; init; }
    public RawJsonString? Xml { get; init; }
    public RawJsonString? HtmlLog { get; init; }
    public int? Rc { get; init; }
    public int? Attempts { get; init; }
    public string? RunId { get; init; }
    public bool TimedOut { get; init; }
    public string? Outcome { get; init; }
}
