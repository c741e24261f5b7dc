using Robotmk.Config;
using Robotmk.State;

namespace Robotmk.Runner.Results;

/// <summary>
/// The run history: <c>outputdir/results/&lt;suite id as file name&gt;/&lt;run id&gt;.json</c>, one document per
/// finished suite run, written atomically, 0600 in folders of 0700. Only files named like run ids are read or pruned.
/// </summary>
public sealed class ResultStore(string outputDir)
{
    public const string FolderName = "results";
    public const string Extension = ".json";

    public string Root { get; } = Path.Join(outputDir, FolderName);

    public string FolderOf(string suiteId) => Path.Join(Root, SuiteId.FileName(suiteId));

    /// <summary>The newest run id stored (of any suite); null when there is none.</summary>
    public string? NewestId() => All().Select(f => f.RunId).LastOrDefault();

    /// <returns>The file written.</returns>
    public string Write(ResultDocument document, byte[] json)
    {
        OwnerOnly.CreateOwnDirectory(Root);
        var folder = FolderOf(document.SuiteId);
        OwnerOnly.CreateOwnDirectory(folder);
        var file = Path.Join(folder, document.RunId + Extension);
        AtomicFile.Write(file, s => s.Write(json));
        return file;
    }

    /// <summary>Every stored document file, oldest first (by run id), of one suite folder or of all.</summary>
    public IEnumerable<(string SuiteFolder, string RunId, string File)> All()
    {
        if (!Directory.Exists(Root))
            return [];
        return Directory.EnumerateDirectories(Root)
            .SelectMany(folder => Ids(folder).Select(id => (Path.GetFileName(folder), id, Path.Join(folder, id + Extension))))
            .OrderBy(x => x.id, StringComparer.Ordinal)
            .ThenBy(x => x.Item1, StringComparer.Ordinal);
    }

    /// <summary>Deletes documents whose run started more than <paramref name="days"/> days before <paramref name="now"/>; 0 keeps all.</summary>
    /// <returns>The number deleted, and a message for each file that could not be.</returns>
    public (int Deleted, List<string> Problems) Prune(int days, DateTimeOffset now)
    {
        var problems = new List<string>();
        if (days <= 0)
            return (0, problems);
        var limit = now.UtcDateTime.AddDays(-days);
        var deleted = 0;
        foreach (var (_, id, file) in All().ToList())
        {
            if (RunIds.TryParse(id) is not { } started || started >= limit)
                continue;
            try
            {
                File.Delete(file);
                deleted++;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                problems.Add($"results: cannot delete '{file}': {ex.Message}");
            }
        }
        return (deleted, problems);
    }

    private static IEnumerable<string> Ids(string folder) =>
        !Directory.Exists(folder)
            ? []
            : Directory.EnumerateFiles(folder, "*" + Extension)
                .Select(f => Path.GetFileNameWithoutExtension(f))
                .Where(name => RunIds.TryParse(name) is not null);
}
