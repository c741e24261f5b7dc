namespace Robotmk.Paths;

public enum HostOs { Linux, Windows }

/// <summary>
/// The environment a program was started in: variables and OS. Constructed from the real process in
/// <see cref="FromProcess"/>, and from a dictionary in tests, so path rules are tested without touching the host.
/// </summary>
public sealed class AgentEnvironment(IReadOnlyDictionary<string, string> variables, HostOs os)
{
    public HostOs Os { get; } = os;

    public string? this[string name] =>
        variables.TryGetValue(name, out var v) && !string.IsNullOrWhiteSpace(v) ? v : null;

    public static AgentEnvironment FromProcess()
    {
        var vars = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (System.Collections.DictionaryEntry e in Environment.GetEnvironmentVariables())
            vars[(string)e.Key] = (string?)e.Value ?? "";
        return new AgentEnvironment(vars, OperatingSystem.IsWindows() ? HostOs.Windows : HostOs.Linux);
    }
}

/// <summary>SPEC §2: where config, state, suites and outputs live, from flags, ROBOTMK_* and MK_* variables, then per-OS defaults.</summary>
public sealed record HostPaths(string ConfigFile, string StateDir, string RobotDir, string OutputDir, string LogDir)
{
    public const string WindowsAgentData = @"C:\ProgramData\checkmk\agent";

    /// <param name="configOverride">--config flag, wins over ROBOTMK_CONFIG.</param>
    /// <param name="stateDirOverride">--state-dir flag, wins over ROBOTMK_STATE_DIR.</param>
    public static HostPaths Resolve(AgentEnvironment env, string? configOverride = null, string? stateDirOverride = null)
    {
        var win = env.Os == HostOs.Windows;
        string Join(string a, string b) => win ? a.TrimEnd('\\') + "\\" + b : System.IO.Path.Join(a, b);

        var config = configOverride ?? env["ROBOTMK_CONFIG"]
            ?? (env["MK_CONFDIR"] is { } conf ? Join(conf, "robotmk.yml")
                : win ? WindowsAgentData + @"\config\robotmk.yml" : "/etc/check_mk/robotmk.yml");

        var state = stateDirOverride ?? env["ROBOTMK_STATE_DIR"]
            ?? (win
                ? (env["MK_STATEDIR"] is { } sd ? Join(sd, "robotmk") : WindowsAgentData + @"\state\robotmk")
                : (env["MK_VARDIR"] is { } vd ? Join(vd, "robotmk") : "/var/lib/check_mk_agent/robotmk"));

        var robot = win ? WindowsAgentData + @"\robot"
            : env["MK_LIBDIR"] is { } lib ? Join(lib, "robot") : "/usr/lib/check_mk_agent/robot";

        var output = win ? WindowsAgentData + @"\log\robotmk" : "/var/log/robotmk";

        return new HostPaths(config, state, robot, output, output);
    }
}
