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
        return Read(file, MaxRunnerFileBytes) switch
        {
            BoundedRead.NotFound => new RunnerStateRead.Missing(file),
            BoundedRead.TooLarge t => new RunnerStateRead.Unreadable(file, $"it is {t.Bytes} bytes, more than the {MaxRunnerFileBytes} bytes a runner state can have"),
            BoundedRead.Content c => Parse(c.Bytes, StateFileFormat.ParseRunner, out var state) is { } error
                ? new RunnerStateRead.Unreadable(file, error)
                : new RunnerStateRead.Loaded(file, state!),
            var unusable => new RunnerStateRead.Unreadable(file, Why(unusable)),
        };
    }

    public SuiteStateRead ReadSuite(string suiteId)
    {
        var file = StateFiles.SuiteFile(Path, suiteId);
        if (SuiteId.Problem(suiteId) is { } problem)
            return new SuiteStateRead.Unreadable(file, problem);
        return FromRead(file, Read(file, maxSuiteFileBytes), maxSuiteFileBytes);
    }

    /// <summary>The state of a suite that its user's runner runs, read from that user's folder (see <see cref="ExternalSuiteFolder"/>).</summary>
    public SuiteStateRead ReadExternalSuite(string suiteId, string folder) => ExternalSuiteFolder.Read(folder, suiteId, maxSuiteFileBytes);

    /// <summary>What a bounded read of a suite's state file gave, as a <see cref="SuiteStateRead"/>.</summary>
    internal static SuiteStateRead FromRead(string file, BoundedRead read, long maxSuiteFileBytes) => read switch
    {
        BoundedRead.NotFound => new SuiteStateRead.Missing(file),
        BoundedRead.TooLarge t => new SuiteStateRead.TooLarge(file, t.Bytes, maxSuiteFileBytes),
        BoundedRead.Content c => Parse(c.Bytes, StateFileFormat.ParseSuite, out var suite) is { } error
            ? new SuiteStateRead.Unreadable(file, error)
            : new SuiteStateRead.Loaded(file, suite!),
        var unusable => new SuiteStateRead.Unreadable(file, Why(unusable)),
    };

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

    /// <summary>
    /// The runner writes only regular files here, never links: anything else (a FIFO would block a plain open until a
    /// writer appears, and the agent would get no section at all) is an unreadable file, found without blocking.
    /// </summary>
    private static BoundedRead Read(string file, long limit) => BoundedFile.Read(file, limit, followLink: false);

    /// <summary>Why a file that is there cannot be used, for the cases other than content, absence and size.</summary>
    private static string Why(BoundedRead read) => read switch
    {
        BoundedRead.Folder => "it is a folder, not a file",
        BoundedRead.NotRegular n => $"it is {n.Kind}, not a regular file",
        BoundedRead.Failed f => f.Reason,
        _ => throw new UnreachableException(),
    };
}
