namespace Robotmk.Runner.Processes;

/// <summary>An environment variable that marks the processes of one state folder's runs.</summary>
public sealed record ProcessMarker(string Name, string Value)
{
    public const string VariableName = "ROBOTMK_RUN_OWNER";

    /// <summary>The marker of the runs that use a state folder (one runner at a time holds its lock).</summary>
    public static ProcessMarker ForStateDir(string stateDir) => new(VariableName, Path.GetFullPath(stateDir));

    /// <summary>The NAME=VALUE entry as it appears in a process environment.</summary>
    public string Entry => Name + "=" + Value;
}
