using Robotmk.Cli;
using Robotmk.Runner.Logging;
using Robotmk.State;
using Robotmk.Tests.Runner;
using Robotmk.Tests.Support;

namespace Robotmk.Tests.Security;

/// <summary>
/// The runner runs as root: it never writes through or reads from a link it did not create. A link planted under the
/// name of its log or of an RF output is refused and reported, its target stays untouched and out of the agent output.
/// </summary>
[Category("Integration")]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public class PlantedLinkTests
{
    private RunnerHarness _h = null!;

    [SetUp]
    public void SetUp()
    {
        NobodyUser.Require();
        _h = new RunnerHarness();
    }

    [TearDown]
    public void TearDown() => _h?.Dispose();

    /// <summary>A file only root may read or write, which the attacker wants written or sent.</summary>
    private string RootOnlyFile(string name, string content)
    {
        var path = Path.Join(_h.Root, name);
        File.WriteAllText(path, content);
        File.SetUnixFileMode(path, OwnerOnly.FileMode);
        return path;
    }

    [Test]
    public void A_link_planted_as_the_runner_log_in_a_writable_logdir_is_not_followed_and_is_reported()
    {
        var logDir = Path.Join(_h.Root, "log");
        Directory.CreateDirectory(logDir);
        File.SetUnixFileMode(logDir, (UnixFileMode)0b111_111_111);
        NobodyUser.LetEveryoneThrough(_h.Root);
        var victim = RootOnlyFile("victim", "original\n");
        var logFile = RunnerLog.FileOf(logDir, DateTimeOffset.UtcNow);
        var plant = NobodyUser.Run("import os, sys; os.symlink(sys.argv[1], sys.argv[2])", victim, logFile);
        Assert.That(plant.Rc, Is.Zero, "nobody plants the link: " + plant.Err);
        _h.Suite("ok.robot", "*** Test Cases ***\nOk\n    No Operation\n");
        _h.Config("ok:\n  path: ok.robot", $"logdir: {logDir}");

        var validate = _h.Run("validate");
        var (rc, _, err) = _h.Run("run");

        Assert.That(File.ReadAllText(victim), Is.EqualTo("original\n"), "the runner wrote through the planted link");
        Assert.That(rc, Is.EqualTo(ExitCode.Success), "a log that cannot be written does not stop the run: " + err);
        Assert.That(err, Does.Contain(logFile).And.Contain("is a symbolic link"));
        Assert.That(validate.Out, Does.Contain($"warning: logdir '{logDir}' is writable by every user"));
    }

    [Test]
    public void An_attempt_output_that_is_a_link_to_a_root_only_file_is_a_fatal_error_and_its_target_is_not_sent()
    {
        var secret = RootOnlyFile("secret.xml", File.ReadAllText(Path.Join(TestPaths.Fixtures, "pass", "output.xml")).Replace("</robot>", "<!-- TOPSECRET --></robot>"));
        FakeRobot($"os.symlink({Py(secret)}, out)");

        _h.Run("run");

        var result = _h.SuiteState("s").Result!;
        Assert.That(result.Status, Is.EqualTo(SuiteResult.Fatal));
        Assert.That(result.Error, Does.Contain("_attempt-1_output.xml").And.Contain("is a symbolic link"));
        Assert.That(result.Xml, Is.Null);
        Assert.That(File.ReadAllText(StateFiles.SuiteFile(_h.StateDir, "s")), Does.Not.Contain("TOPSECRET"));
    }

    [Test]
    public void A_link_planted_under_the_final_output_name_is_replaced_not_written_through()
    {
        var victim = RootOnlyFile("victim", "original\n");
        FakeRobot($"""
            shutil.copy({Py(Path.Join(TestPaths.Fixtures, "pass", "output.xml"))}, out)
            os.symlink({Py(victim)}, out.replace("_attempt-1_output.xml", "_output.xml"))
            """);

        _h.Run("run");

        Assert.That(File.ReadAllText(victim), Is.EqualTo("original\n"), "the final output.xml was written through the link");
        var result = _h.SuiteState("s").Result!;
        Assert.That(result.Status, Is.EqualTo(SuiteResult.NonFatal), result.Error);
        var finals = Directory.GetFiles(_h.OutputDir, "*_output.xml").Where(f => !f.Contains("_attempt-")).ToList();
        Assert.That(finals, Has.Count.EqualTo(1));
        Assert.That(new FileInfo(finals[0]).LinkTarget, Is.Null);
    }

    /// <summary>
    /// A stand-in for RF that does what a local user could do in the outputdir meanwhile: <paramref name="action"/>
    /// (Python, with <c>out</c> the path of the requested --output) instead of running a suite.
    /// </summary>
    private void FakeRobot(string action)
    {
        var robot = Path.Join(_h.Root, "robot");
        var body = string.Join("\n", action.Split('\n').Select(l => "    " + l));
        File.WriteAllText(robot, $"""
            #!/usr/bin/python3
            import os, shutil, sys
            a = sys.argv
            out = os.path.join(a[a.index("--outputdir") + 1], a[a.index("--output") + 1])
            if True:
            {body}
            """);
        File.SetUnixFileMode(robot, (UnixFileMode)0b111_101_101);
        _h.Suite("s.robot", "*** Test Cases ***\nOk\n    No Operation\n");
        File.WriteAllText(_h.ConfigFile, $"""
            global:
              robotdir: {_h.RobotDir}
              outputdir: {_h.OutputDir}
              robot: {robot}
            suites:
              s:
                path: s.robot
            """);
    }

    private static string Py(string path) => "'" + path.Replace("\\", "\\\\").Replace("'", "\\'") + "'";
}
