namespace Robotmk.Config;

/// <summary>
/// Relative paths in configuration files: relative robotdir/outputdir/logdir in robotmk.yml are taken relative to the
/// folder of robotmk.yml, not to the current directory; a suite path must not climb out of robotdir.
/// </summary>
public static class RelativePaths
{
    public static ConfigResult Anchor(ConfigResult result, string configFile)
    {
        if (result.Config is not { } config)
            return result;
        var baseDir = Path.GetDirectoryName(Path.GetFullPath(configFile))!;
        string Abs(string p) => Path.IsPathRooted(p) ? p : Path.GetFullPath(Path.Join(baseDir, p));
        var g = config.Global;
        return result with
        {
            Config = config with { Global = g with { RobotDir = Abs(g.RobotDir), OutputDir = Abs(g.OutputDir), LogDir = Abs(g.LogDir) } },
        };
    }

    /// <summary>True when a path, read as relative, climbs above its start with '..' at any point ('a/../../b', not 'a/../b').</summary>
    public static bool ClimbsAboveStart(string relativePath)
    {
        var depth = 0;
        foreach (var part in relativePath.Split('/', '\\'))
        {
            if (part == "..") depth--;
            else if (part is not ("" or ".")) depth++;
            if (depth < 0) return true;
        }
        return false;
    }
}
