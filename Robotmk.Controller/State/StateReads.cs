using Robotmk.State;

namespace Robotmk.Controller.State;

/// <summary>What reading <c>robotmk_runner.json</c> gave.</summary>
public abstract record RunnerStateRead(string File)
{
    /// <summary>The state folder itself does not exist: the runner never ran on this host (or looks elsewhere).</summary>
    public sealed record FolderMissing(string File, string Folder) : RunnerStateRead(File);

    public sealed record Missing(string File) : RunnerStateRead(File);

    public sealed record Unreadable(string File, string Reason) : RunnerStateRead(File);

    public sealed record Loaded(string File, RunnerState State) : RunnerStateRead(File);
}

/// <summary>What reading one <c>robotmk_&lt;id&gt;.json</c> gave.</summary>
public abstract record SuiteStateRead(string File)
{
    public sealed record Missing(string File) : SuiteStateRead(File);

    public sealed record Unreadable(string File, string Reason) : SuiteStateRead(File);

    /// <summary>Not read at all: bigger than the controller accepts.</summary>
    public sealed record TooLarge(string File, long Bytes, long Limit) : SuiteStateRead(File);

    public sealed record Loaded(string File, SuiteState Suite) : SuiteStateRead(File);
}
