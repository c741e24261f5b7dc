namespace Robotmk.Config;

/// <summary>Relative robotdir/outputdir/logdir in robotmk.yml are taken relative to the folder of robotmk.yml, not to the current directory.</summary>
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
}
