using System.Diagnostics;
using System.Text.Json;
using Robotmk.Config;
using Robotmk.State;

namespace Robotmk.Controller.State;

/// <summary>
/// The I/O side of the controller: reads the runner's state files. Files are opened so that the runner can
/// replace them (rename over) while they are read, and are read whole but only up to a size limit.
/// Every failure becomes a <see cref="RunnerStateRead"/> / <see cref="SuiteStateRead"/> case, never an exception.
/// </summary>
public sealed class StateFolder(string path, long maxSuiteFileBytes)
{
    /// <summary>A runner state with thousands of suites is a few hundred KiB; anything near this is not ours.</summary>
    public const long MaxRunnerFileBytes = 16L * 1024 * 1024;

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

    private static FileBytes ReadBytes(string file, long limit)
    {
        try
        {
            // FileShare.Delete: on Windows the runner's rename over this file must not fail while it is open here.
            using var fs = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 1);
            var length = fs.Length;
            if (length > limit)
                return new FileBytes.Oversized(length);
            var bytes = new byte[length];
            fs.ReadExactly(bytes);
            return new FileBytes.Read(bytes);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return new FileBytes.NotFound();
        }
        catch (EndOfStreamException)
        {
            return new FileBytes.Failed("the file became shorter while it was read");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return new FileBytes.Failed(ex.Message);
        }
    }
}
