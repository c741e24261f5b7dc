using Robotmk.Files;
using Robotmk.Paths;
using Robotmk.State;

namespace Robotmk.Controller.State;

/// <summary>
/// Reads the state of an external suite from its user's folder (docs/STATE.md, docs/SECURITY.md): the controller runs
/// as root and the folder is another user's, so the folder and the file are checked before anything is believed. The
/// external root must be root's and closed to others (only root names the folders in it), the suite's folder a real
/// folder only its owner writes into, the file that owner's own regular file (<see cref="UsersFile"/>). Every problem
/// is a <see cref="SuiteStateRead.Unreadable"/> naming the folder or file and why, never an exception.
/// </summary>
public static class ExternalSuiteFolder
{
    public static SuiteStateRead Read(string folder, string suiteId, long maxSuiteFileBytes)
    {
        var file = StateFiles.SuiteFile(folder, suiteId);
        if (ExternalSuiteFolders.Problem(suiteId) is { } idProblem)
            return new SuiteStateRead.Unreadable(file, idProblem);
        string? problem;
        uint owner;
        try
        {
            problem = Check(folder, out owner);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return new SuiteStateRead.Unreadable(file, $"the suite's folder '{folder}' cannot be checked: {ex.Message}");
        }
        if (problem is not null)
            return new SuiteStateRead.Unreadable(file, problem);
        return StateFolder.FromRead(file, UsersFile.Read(file, owner, maxSuiteFileBytes), maxSuiteFileBytes);
    }

    /// <summary>Why the folder (or the external root it is in) cannot be trusted, or null; <paramref name="owner"/> is the folder's owner.</summary>
    private static string? Check(string folder, out uint owner)
    {
        owner = 0;
        var root = Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(folder)) ?? folder;
        if (!OperatingSystem.IsLinux())
            return LinkProblem(root, "external root") ?? LinkProblem(folder, "suite's folder") ?? MissingProblem(folder);
        if (NoFollowFile.Facts(root) is not { } rootFacts)
            return $"the external root '{root}' does not exist; create it owned by root, mode 0711, and the suite's folder in it (docs/STATE.md)";
        if (FileTrust.WhyNotRootsFolder(rootFacts, NoFollowFile.EffectiveUid) is { } rootWhy)
            return $"the external root '{root}' {rootWhy}: whoever can write it can choose who reports the suite; make it root's with mode 0711";
        if (NoFollowFile.Facts(folder) is not { } facts)
            return MissingProblem(folder);
        if (FileTrust.WhyNotUsersFolder(facts) is { } why)
            return $"the suite's folder '{folder}' {why}; make it its user's own with mode 0700";
        owner = facts.OwnerUid;
        return null;
    }

    private static string? MissingProblem(string folder) => Directory.Exists(folder)
        ? null
        : $"the suite's folder '{folder}' does not exist: create it owned by the user who runs the suite, mode 0700 (docs/STATE.md)";

    private static string? LinkProblem(string path, string what) =>
        new DirectoryInfo(path).LinkTarget is not null ? $"the {what} '{path}' is a link, which is refused" : null;
}
