using System.Collections.Immutable;

namespace Robotmk.Runner.Processes;

/// <summary>An external program to run: argv (never a shell line), working directory, changes to the inherited environment, limits.</summary>
public sealed record ProcessSpec(string FileName, ImmutableArray<string> Arguments, string WorkingDirectory)
{
    public ImmutableSortedDictionary<string, string> Environment { get; init; } = ImmutableSortedDictionary<string, string>.Empty;

    /// <summary>After this the process gets a graceful stop (SIGTERM to its group).</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Time between the graceful stop and the kill of the whole process tree.</summary>
    public TimeSpan KillGrace { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How many trailing bytes of stdout/stderr are kept; the rest is read and dropped.</summary>
    public int OutputTailBytes { get; init; } = 32 * 1024;

    /// <summary>
    /// Set in the environment of the process and so inherited by everything it starts, whatever process group or
    /// session that moves to: the next runner finds and ends what a killed runner left running by it.
    /// </summary>
    public ProcessMarker? Marker { get; init; }

    /// <summary>Variables of the runner's environment that the program does not inherit; <see cref="Environment"/> is set after.</summary>
    public ImmutableArray<string> Unset { get; init; } = [];

    /// <summary>How the program can be started warm instead (Linux, RF and rebot only); it is spawned when null or when that cannot be done.</summary>
    public WarmStart? Warm { get; init; }

    /// <summary>Written to the program's stdin, which is closed after it (closed at once when null).</summary>
    public byte[]? Stdin { get; init; }

    /// <summary>The whole environment the program gets: the runner's, less <see cref="Unset"/>, with <see cref="Environment"/> and the marker set.</summary>
    public Dictionary<string, string> FullEnvironment() => ComposeEnvironment(Unset, Environment, Marker);

    /// <summary>The runner's environment less <paramref name="unset"/>, with <paramref name="set"/> and <paramref name="marker"/> set on top.</summary>
    public static Dictionary<string, string> ComposeEnvironment(IEnumerable<string> unset, IEnumerable<KeyValuePair<string, string>> set, ProcessMarker? marker)
    {
        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (System.Collections.DictionaryEntry e in System.Environment.GetEnvironmentVariables())
            env[(string)e.Key] = (string?)e.Value ?? "";
        foreach (var name in unset)
            env.Remove(name);
        foreach (var (k, v) in set)
            env[k] = v;
        if (marker is not null)
            env[marker.Name] = marker.Value;
        return env;
    }

    /// <summary>For the log: quoted, variable values masked.</summary>
    public string CommandLine => LoggedCommandLine.Of(Arguments.Prepend(FileName));
}
