using System.Text;
using Robotmk.Sections;
using Robotmk.Tests.Controller.Support;
using Robotmk.Tests.Support;

namespace Robotmk.Tests.Controller;

/// <summary>
/// The real runner runs real RF suites, then the real controller reads its state — as two separate processes
/// found through MK_VARDIR, as on a Linux agent.
/// </summary>
[Category("EndToEnd")]
public sealed class EndToEndTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    [Test]
    public void RunnerThenController_GivesTheSectionTheServerExpects()
    {
        using var temp = new TempDir();
        var suites = temp.Sub("suites");
        CopyDir(Path.Join(TestPaths.Examples, "suites", "checkout"), Path.Join(suites, "checkout"));
        File.Copy(Path.Join(TestPaths.Examples, "suites", "tagged.robot"), Path.Join(suites, "tagged.robot"));
        var config = temp.File("etc/robotmk.yml", $"""
            global:
              execution_mode: agent_serial
              agent_output_encoding: zlib_codec
              robotdir: {suites}
              outputdir: {temp.Path}/out
              logdir: {temp.Path}/log
              robot: {TestPaths.Robot}
              execution_interval: 300
              cache_time: 420
            suites:
              checkout:
                path: checkout
              tagged.robot_staging:
                path: tagged.robot
                tag: staging
                piggybackhost: shop-staging
                robot_params:
                  include: [smoke]
                  exclude: [slow]
                  variable:
                    ENV: staging
                    URL: https://staging.example.com
              not_there:
                path: not_there
            """);
        var env = new Dictionary<string, string?> { ["MK_VARDIR"] = temp.Sub("var"), ["PYTHONDONTWRITEBYTECODE"] = "1" };

        var runner = ChildProcess.RunDll(TestPaths.ProgramDll("Robotmk.Runner", "robotmk-runner"), ["run", "--config", config], env, Timeout);
        Assert.That(runner.ExitCode, Is.EqualTo(1), "one suite cannot run: " + runner.Stderr);

        var controller = ChildProcess.RunDll(TestPaths.ProgramDll("Robotmk.Controller", "robotmk"), [], env, Timeout);

        Assert.That(controller.ExitCode, Is.EqualTo(0), controller.Stderr);
        var blocks = SectionContract.Check(controller.Stdout);
        Assert.That(blocks.Select(b => b.Host), Is.EqualTo(new string?[] { null, "shop-staging" }));
        var local = blocks[0];
        Assert.That(local.Runner.ContainsKey("runtime_total"), Is.True);
        Assert.That((string)local.Runner["runner_status"]!, Is.EqualTo("idle"));

        var checkout = local.Suite("checkout");
        Assert.That(((string)checkout["status"]!, (int)checkout["rc"]!), Is.EqualTo(("nonfatal", 0)));
        var xml = Encoding.UTF8.GetString(PayloadCodec.Decode((string)checkout["xml"]!, "zlib_codec"));
        Assert.That(xml, Does.Contain("name=\"Checkout\"").And.Contain("Add Items To Cart"));

        var tagged = blocks[1].Suite("tagged.robot_staging");
        Assert.That(((string)tagged["status"]!, (int)tagged["rc"]!, (string?)tagged["tag"]), Is.EqualTo(("nonfatal", 0, "staging")));

        var missing = local.Suite("not_there");
        Assert.That((string)missing["status"]!, Is.EqualTo("fatal"));
        Assert.That((string)missing["error"]!, Does.Contain("not_there"));

        var status = ChildProcess.RunDll(TestPaths.ProgramDll("Robotmk.Controller", "robotmk"), ["status"], env, Timeout);
        var table = Encoding.UTF8.GetString(status.Stdout);
        Assert.That(status.ExitCode, Is.EqualTo(1), "a suite is fatal");
        Assert.That(table, Does.Contain("checkout").And.Contain("shop-staging").And.Contain("PASS"));
    }

    [Test]
    public void BeforeTheRunnerEverRan_TheControllerSaysSo()
    {
        using var temp = new TempDir();
        var env = new Dictionary<string, string?> { ["MK_VARDIR"] = temp.Path };

        var controller = ChildProcess.RunDll(TestPaths.ProgramDll("Robotmk.Controller", "robotmk"), [], env, Timeout);

        Assert.That(controller.ExitCode, Is.EqualTo(0), controller.Stderr);
        var local = SectionContract.Check(controller.Stdout).Single();
        Assert.That(local.Suites, Is.Empty);
        Assert.That(local.Runner.ContainsKey("runtime_total"), Is.False);
        Assert.That(controller.Stderr, Does.Contain("has not run yet"), "the reason also goes to stderr");
    }

    private static void CopyDir(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var f in Directory.GetFiles(from))
            File.Copy(f, Path.Join(to, Path.GetFileName(f)));
    }
}
