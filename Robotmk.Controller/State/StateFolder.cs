using System.Diagnostics;
using System.Text.Json;
using Robotmk.Config;
using Robotmk.Files;
using Robotmk.State;

namespace Robotmk.Controller.State;

/// <summary>
/// The I/O side of the controller: reads the runner's state files. Files are opened so that the runner can
/// replace them (rename over) while they are read, and are read whole but only up to a size limit, counted while reading.
/// Every failure becomes a <see cref="RunnerStateRead"/> / <see cref="SuiteStateRead"/> case, never an exception.
/// </summary>
public sealed class StateFolder(string path, long maxSuiteFileBytes)
{
    public const long MaxRunnerFileBytes = StateFiles.MaxRunnerFileBytes;

    public string Path { get; } = path;

    public RunnerStateRead ReadRunner()
    {
        var file = StateFiles.RunnerFile(Path);
        if (!Directory.Exists(Path))
            return new RunnerStateRead.FolderMissing(file, Path);
        return ReadBytes(file, MaxRunnerFileBytes) switch
        {
            FileBytes.NotFound => new RunnerStateRead.Missing(file),
            FileBytes.Failed f => new RunnerStateRead.Unreadable(file, f.Reason),
            FileBytes.Oversized o => new RunnerStateRead.Unreadable(file, $"it is {o.Bytes} bytes, more than the {MaxRunnerFileBytes} bytes a runner state can have"),
            FileBytes.Read r => Parse(r.Bytes, StateFileFormat.ParseRunner, out var state) is { } error
                ? new RunnerStateRead.Unreadable(file, error)
                : new RunnerStateRead.Loaded(file, state!),
            _ => throw new UnreachableException(),
        };
    }

    public SuiteStateRead ReadSuite(string suiteId)
    {
        var file = StateFiles.SuiteFile(Path, suiteId);
        if (SuiteId.Problem(suiteId) is { } problem)
            return new SuiteStateRead.Unreadable(file, problem);
        return ReadBytes(file, maxSuiteFileBytes) switch
        {
            FileBytes.NotFound => new SuiteStateRead.Missing(file),
            FileBytes.Failed f => new SuiteStateRead.Unreadable(file, f.Reason),
            FileBytes.Oversized o => new SuiteStateRead.TooLarge(file, o.Bytes, maxSuiteFileBytes),
            FileBytes.Read r => Parse(r.Bytes, StateFileFormat.ParseSuite, out var suite) is { } error
                ? new SuiteStateRead.Unreadable(file, error)
                : new SuiteStateRead.Loaded(file, suite!),
            _ => throw new UnreachableException(),
        };
    }

    /// <summary>Suite ids that have a state file, sorted; used only when the runner state cannot tell which suites exist.</summary>
    public IReadOnlyList<string> ListSuiteIds()
    {
        try
        {
            return StateFiles.ListSuiteIds(Path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    /// <returns>null on success, else why the content is not usable.</returns>
    private static string? Parse<T>(byte[] bytes, Func<ReadOnlyMemory<byte>, T> parse, out T? value) where T : class
    {
        value = null;
        try
        {
            value = parse(bytes);
            return null;
        }
        catch (JsonException ex)
        {
            return "not valid JSON: " + ex.Message;
        }
        catch (StateFormatException ex)
        {
            return ex.Message;
        }
    }

    private abstract record FileBytes
    {
        public sealed record NotFound : FileBytes;
        public sealed record Failed(string Reason) : FileBytes;
        public sealed record Oversized(long Bytes) : FileBytes;
        public sealed record Read(byte[] Bytes) : FileBytes;
    }

    /// <summary>
    /// The runner writes only regular files here, never links: anything else (a FIFO would block a plain open until a
    /// writer appears, and the agent would get no section at all) is an unreadable file, found without blocking.
    /// </summary>
    private static FileBytes ReadBytes(string file, long limit) => BoundedFile.Read(file, limit, followLink: false) switch
    {
        BoundedRead.Content c => new FileBytes.Read(c.Bytes),
        BoundedRead.NotFound => new FileBytes.NotFound(),
        BoundedRead.Folder => new FileBytes.Failed("it is a folder, not a file"),
        BoundedRead.NotRegular n => new FileBytes.Failed($"it is {n.Kind}, not a regular file"),
        BoundedRead.TooLarge t => new FileBytes.Oversized(t.Bytes),
        BoundedRead.Failed f => new FileBytes.Failed(f.Reason),
        _ => throw new UnreachableException(),
    };
}
