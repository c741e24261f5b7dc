using Robotmk.Paths;

namespace Robotmk.Tests.Support;

/// <summary>What the agent package creates for an external suite (docs/STATE.md): the external root (root's, 0711) and the suite's folder (0700).</summary>
public static class ExternalSuiteInstall
{
    /// <returns>The suite's folder.</returns>
    public static string Create(string stateDir, string suiteId)
    {
        var root = ExternalSuiteFolders.Root(stateDir);
        Directory.CreateDirectory(root);
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(root, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        var folder = ExternalSuiteFolders.Of(stateDir, suiteId);
        if (OperatingSystem.IsWindows())
            Directory.CreateDirectory(folder);
        else
            Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return folder;
    }
}
