using System.Text;
using Robotmk.Controller;
using Robotmk.Controller.Cli;
using Robotmk.Paths;
using Robotmk.Tests.Controller.Support;
using Robotmk.Tests.Support;
using Robotmk.Time;

namespace Robotmk.Tests.Controller;

/// <summary>The command line in-process: what the agent, an admin or a script sees.</summary>
public sealed class ProgramTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    private static (int Rc, string Out, string Err) Run(IReadOnlyDictionary<string, string> env, IClock clock, params string[] args)
    {
        using var output = new MemoryStream();
        using var err = new StringWriter();
        var rc = Program.Run(args, new ControllerContext(new AgentEnvironment(env, HostOs.Linux), clock, output, err, "9.9.9"));
        return (rc, Encoding.UTF8.GetString(output.ToArray()), err.ToString());
    }

    private static (int Rc, string Out, string Err) Run(TempDir temp, params string[] args) =>
        Run(new Dictionary<string, string> { ["MK_VARDIR"] = temp.Path }, new FakeClock(Now), args);

    [Test]
    public void Version_OnStdout()
    {
        using var temp = new TempDir();
        var (rc, output, _) = Run(temp, "--version");

        Assert.That(rc, Is.EqualTo(0));
        Assert.That(output, Does.StartWith("robotmk 9.9.9 "));
    }

    [Test]
    public void Help_ListsTheCommands()
    {
        using var temp = new TempDir();
        var (rc, output, _) = Run(temp, "--help");

        Assert.That(rc, Is.EqualTo(0));
        Assert.That(output, Does.Contain("section").And.Contain("status"));
    }

    [Test]
    public void AnUnknownOption_IsExit2WithUsageOnStderr()
    {
        using var temp = new TempDir();
        var (rc, output, err) = Run(temp, "--bogus");

        Assert.That(rc, Is.EqualTo(2));
        Assert.That(output, Is.Empty, "nothing that could be mistaken for a section");
        Assert.That(err, Does.Contain("bogus"));
    }

    [Test]
    public void NoArguments_FindsTheStateFolderThroughTheAgentsVariables()
    {
        using var temp = new TempDir();
        var b = new StateBuilder(Path.Join(temp.Path, "robotmk")).Suite("a");
        b.IdleRunner(Now.AddMinutes(-2), Now.AddMinutes(-1));

        var (rc, output, _) = Run(temp);

        Assert.That(rc, Is.EqualTo(0));
        Assert.That(output, Does.StartWith("<<<robotmk:sep(0)>>>\n").And.Contain("\"id\":\"a\""));
    }

    [Test]
    public void StateDirFlag_WinsOverTheEnvironment()
    {
        using var temp = new TempDir();
        var b = new StateBuilder(temp.Sub("elsewhere")).Suite("flagged");
        b.IdleRunner(Now.AddMinutes(-2), Now.AddMinutes(-1));
        var env = new Dictionary<string, string> { ["MK_VARDIR"] = temp.Path, ["ROBOTMK_STATE_DIR"] = temp.Sub("other") };

        var (_, output, _) = Run(env, new FakeClock(Now), "--state-dir", b.StateDir);

        Assert.That(output, Does.Contain("\"id\":\"flagged\""));
    }

    [Test]
    public void MaxPayloadBytes_MakesALargerSuiteFatal()
    {
        using var temp = new TempDir();
        var b = new StateBuilder(Path.Join(temp.Path, "robotmk")).Suite("a");
        b.IdleRunner(Now.AddMinutes(-2), Now.AddMinutes(-1));
        b.Done(b.Result("a", "pass", 0, Now.AddMinutes(-2), Now.AddMinutes(-1)));

        var (rc, output, _) = Run(temp, "section", "--max-payload-bytes", "100");

        Assert.That(rc, Is.EqualTo(0));
        var suite = SectionContract.Check(Encoding.UTF8.GetBytes(output))[0].Suite("a");
        Assert.That((string)suite["status"]!, Is.EqualTo("fatal"));
        Assert.That((string)suite["error"]!, Does.Contain("more than the limit of 100 bytes"));
    }

    [Test]
    public void Status_PrintsTheTable_ExitCodeTellsWhetherAllIsWell()
    {
        using var temp = new TempDir();
        var b = new StateBuilder(Path.Join(temp.Path, "robotmk")).Suite("good").Suite("never");
        b.IdleRunner(Now.AddMinutes(-2), Now.AddMinutes(-1));
        b.Done(b.Result("good", "pass", 0, Now.AddMinutes(-2), Now.AddMinutes(-1)));

        var (rc, output, _) = Run(temp, "status");

        Assert.That(rc, Is.EqualTo(1), "a suite is fatal");
        Assert.That(output, Does.Contain("good").And.Contain("PASS").And.Contain("never: suite has not run yet"));
    }

    /// <summary>A failure before anything was printed still gives the agent a whole section, and the trace goes to stderr.</summary>
    [Test]
    public void AnInternalErrorBeforeOutput_StillPrintsAValidSection()
    {
        using var temp = new TempDir();
        var clock = new FailingOnceClock(Now);

        var (rc, output, err) = Run(new Dictionary<string, string> { ["MK_VARDIR"] = temp.Path }, clock);

        Assert.That(rc, Is.EqualTo(0));
        var local = SectionContract.Check(Encoding.UTF8.GetBytes(output)).Single();
        Assert.That(local.Runner["errors"]!.ToJsonString(), Does.Contain("internal error of the controller: InvalidOperationException: clock failure"));
        Assert.That(output, Does.Not.Contain(" at "), "no stack trace on stdout");
        Assert.That(err, Does.Contain("clock failure"));
    }

    private sealed class FailingOnceClock(DateTimeOffset now) : IClock
    {
        private bool _failed;

        public DateTimeOffset UtcNow
        {
            get
            {
                if (_failed)
                    return now;
                _failed = true;
                throw new InvalidOperationException("clock failure");
            }
        }
    }
}
