namespace Robotmk.Files;

/// <summary>
/// Reports the existing folders the runner writes into (state, outputdir, logdir) that another user can plant files
/// in (<see cref="FileTrust.WhyExposed"/>). The runner creates its folders 0700; such a folder was made by someone
/// else, and the runner cannot fix it without taking it from its owner, so it warns. Linux only: on Windows the
/// folders inherit the ACLs of the agent's ProgramData folders.
/// </summary>
public static class FolderCheck
{
    /// <param name="folders">Each folder with what it is for ("state folder", "outputdir", "logdir").</param>
    /// <returns>One warning per exposed folder, naming it and why.</returns>
    public static IReadOnlyList<string> Exposed(IEnumerable<(string Role, string Path)> folders)
    {
        if (!OperatingSystem.IsLinux())
            return [];
        var euid = NoFollowFile.EffectiveUid;
        var warnings = new List<string>();
        foreach (var (role, path) in folders.DistinctBy(f => f.Path, StringComparer.Ordinal))
        {
            FileFacts? facts;
            try
            {
                facts = NoFollowFile.Facts(path);
            }
            catch (IOException ex)
            {
                warnings.Add($"{role} '{path}' cannot be checked: {ex.Message}");
                continue;
            }
            if (facts is { } f && FileTrust.WhyExposed(f, euid) is { } why)
                warnings.Add($"{role} '{path}' {why}; make it the runner's own with mode 0700 (or remove it, the runner creates it)");
        }
        return warnings;
    }
}
