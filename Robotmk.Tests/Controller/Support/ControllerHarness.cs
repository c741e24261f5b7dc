using System.Text;
using Robotmk.Controller;
using Robotmk.Controller.Cli;
using Robotmk.Paths;
using Robotmk.Tests.Support;

namespace Robotmk.Tests.Controller.Support;

/// <summary>Runs the controller in-process the way the agent does: MK_VARDIR set, no arguments unless given, a fake clock.</summary>
public sealed class ControllerHarness(TempDir temp, FakeClock clock)
{
    public const string ProductVersion = "9.9.9-test";

    public string VarDir { get; } = Path.Join(temp.Path, "var");
    public string StateDir => Path.Join(VarDir, "robotmk");
    public FakeClock Clock { get; } = clock;

    public StateBuilder State(string encoding = "zlib_codec", bool transmitHtml = false, string mode = "agent_serial") =>
        new(StateDir) { Encoding = encoding, TransmitHtml = transmitHtml, ExecutionMode = mode };

    public (int Rc, byte[] Output, string Err) Run(params string[] args)
    {
        Directory.CreateDirectory(VarDir);
        var env = new AgentEnvironment(new Dictionary<string, string> { ["MK_VARDIR"] = VarDir }, HostOs.Linux);
        using var output = new MemoryStream();
        using var err = new StringWriter();
        var rc = Program.Run(args, new ControllerContext(env, Clock, output, err, ProductVersion));
        return (rc, output.ToArray(), err.ToString());
    }

    /// <summary>The output with the machine-specific temp path replaced, for comparison with checked-in expectations.</summary>
    public string Normalized(byte[] output) => Encoding.UTF8.GetString(output).Replace(temp.Path, "<TMP>");
}
