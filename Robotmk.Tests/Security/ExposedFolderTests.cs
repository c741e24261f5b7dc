using System.Text;
using Robotmk.Controller;
using Robotmk.Controller.Cli;
using Robotmk.Paths;
using Robotmk.Runner.Logging;
using Robotmk.Tests.Runner;
using Robotmk.Tests.Support;
using Robotmk.Time;

namespace Robotmk.Tests.Security;

/// <summary>A folder the runner writes into that other users can write into is reported where a person looks.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public class ExposedFolderTests
{
    private const UnixFileMode Everyone = (UnixFileMode)0b111_111_111;

    [Test]
    public void Robotmk_status_warns_about_a_state_folder_every_user_can_write_into()
    {
        if (!OperatingSystem.IsLinux())
            Assert.Ignore("Unix file modes");
        using var temp = new TempDir();
        var stateDir = Directory.CreateDirectory(Path.Join(temp.Path, "robotmk")).FullName;
        File.SetUnixFileMode(stateDir, Everyone);
        using var output = new MemoryStream();
        using var err = new StringWriter();
        var env = new AgentEnvironment(new Dictionary<string, string> { ["MK_VARDIR"] = temp.Path }, HostOs.Linux);

        Program.Run(["status"], new ControllerContext(env, SystemClock.Instance, output, err, "9.9.9"));

        Assert.That(Encoding.UTF8.GetString(output.ToArray()), Does.Not.Contain("warning"), "the table stays as it is");
        Assert.That(err.ToString(), Does.Contain($"warning: state folder '{stateDir}' is writable by every user (mode 0777)"));
    }

    [Test]
    public void The_runner_logs_a_warning_for_an_outputdir_every_user_can_write_into_and_still_runs()
    {
        if (!OperatingSystem.IsLinux())
            Assert.Ignore("Unix file modes");
        using var h = new RunnerHarness();
        Directory.CreateDirectory(h.OutputDir);
        File.SetUnixFileMode(h.OutputDir, Everyone);
        h.Suite("ok.robot", "*** Test Cases ***\nOk\n    No Operation\n");
        h.Config("ok:\n  path: ok.robot");

        var (rc, _, _) = h.Run("run");

        Assert.That(rc, Is.Zero);
        Assert.That(File.ReadAllText(RunnerLog.FileOf(h.OutputDir, DateTimeOffset.UtcNow)),
            Does.Contain($"WARNING outputdir '{h.OutputDir}' is writable by every user (mode 0777)"));
    }
}
