namespace Robotmk.Paths;

public enum HostOs { Linux, Windows }

/// <summary>
/// The environment a program was started in: variables and OS. Constructed from the real process in
/// <see cref="FromProcess"/>, and from a dictionary in tests, so path rules are tested without touching the host.
/// </summary>
public sealed class AgentEnvironment
{
    private readonly Dictionary<string, string> _variables;

    public AgentEnvironment(IReadOnlyDictionary<string, string> variables, HostOs os)
    {
        Os = os;
        // Windows looks up environment variables without regard to case; Linux does not.
        _variables = new Dictionary<string, string>(os == HostOs.Windows ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal);
        foreach (var (name, value) in variables)
            _variables[name] = value;
    }

    public HostOs Os { get; }

    /// <summary>The value of a variable; unset, empty and blank all read as null.</summary>
    public string? this[string name] =>
        _variables.TryGetValue(name, out var v) && !string.IsNullOrWhiteSpace(v) ? v : null;

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
        // The target OS decides the separator, not the OS the code runs on.
        string Join(string a, string b) => win ? a.TrimEnd('\\', '/') + "\\" + b : a.TrimEnd('/') + "/" + b;

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
