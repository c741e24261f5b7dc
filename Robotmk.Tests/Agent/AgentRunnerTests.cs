using Robotmk.State;
using Robotmk.Tests.Support;

namespace Robotmk.Tests.Agent;

/// <summary>The runner inside the real Checkmk Linux agent, installed as an async plugin exactly as deployed.</summary>
[Category("Agent")]
[NonParallelizable]
public class AgentRunnerTests
{
    private AgentSandbox _agent = null!;

    [SetUp]
    public void SetUp()
    {
        if (!File.Exists("/usr/bin/ps") && !File.Exists("/bin/ps"))
            Assert.Ignore("the agent needs procps 'ps' to start async plugins");
        _agent = new AgentSandbox();
    }

    [TearDown]
    public void TearDown() => _agent.Dispose();

    private void Configure(int interval, string suites, string extraGlobal = "")
    {
        File.WriteAllText(Path.Join(_agent.Etc, "robotmk.yml"), $"""
            global:
              robot: {TestPaths.Robot}
              outputdir: {Path.Join(_agent.Root, "log", "robotmk")}
              execution_interval: {interval}
              cache_time: {interval * 3}
            {extraGlobal}
            suites:
            {suites}
            """);
    }

    [Test]
    public void Async_runner_delivers_a_cached_section_and_is_not_restarted_before_its_interval()
    {
        _agent.Suite("shop/shop.robot", "*** Test Cases ***\nBuy\n    Log    bought\n");
        Configure(600, "  shop:\n    path: shop");
        _agent.InstallProgram("lib/plugins/600/robotmk-runner", "robotmk-runner");

        var first = _agent.Poll(waitAsync: 120);
        Assert.That(first, Does.Not.Contain("<<<robotmk_runner"), "the first poll only starts the job");

        var second = _agent.Poll();
        var lines = second.Split('\n');
        var header = Array.FindIndex(lines, l => l.StartsWith("<<<robotmk_runner:sep(0):cached(", StringComparison.Ordinal));
        Assert.That(header, Is.GreaterThanOrEqualTo(0), second);
        Assert.That(lines[header], Does.EndWith(",600)>>>"));
        Assert.That(lines[header + 1], Does.Contain("\"status\":\"completed\"").And.Contain("\"passed\":1"));
        var runId = StateFiles.ReadRunner(StateFiles.RunnerFile(_agent.StateDir)).RunId;
        Assert.That(StateFiles.ReadSuite(StateFiles.SuiteFile(_agent.StateDir, "shop")).Result!.Status, Is.EqualTo(SuiteResult.NonFatal));

        _agent.Poll(waitAsync: 60);
        Assert.That(StateFiles.ReadRunner(StateFiles.RunnerFile(_agent.StateDir)).RunId, Is.EqualTo(runId),
            "within its cache age the agent does not start the runner again");
    }

    [Test]
    public void Runner_stops_a_long_suite_within_its_budget_before_the_agent_would_kill_it()
    {
        // Async folder 10: the agent kills a job after 2 x 10 s. The run budget is 8 s, of which 2 s are kill grace.
        _agent.Suite("slow.robot", "*** Test Cases ***\nSlow\n    Sleep    60s\n");
        Configure(10, "  slow.robot:\n    path: slow.robot", "  run_timeout: 8");
        _agent.InstallProgram("lib/plugins/10/robotmk-runner", "robotmk-runner");

        var start = DateTime.UtcNow;
        _agent.Poll(waitAsync: 60);
        var took = DateTime.UtcNow - start;

        var result = StateFiles.ReadSuite(StateFiles.SuiteFile(_agent.StateDir, "slow.robot")).Result!;
        Assert.That(result.Status, Is.EqualTo(SuiteResult.Fatal));
        Assert.That(result.Error, Does.StartWith("timed out after 6 s"));
        Assert.That(took, Is.LessThan(TimeSpan.FromSeconds(20)), "the runner ended before the agent's kill at 2 x 10 s");
        var cached = _agent.Poll(parts: "sync");
        Assert.That(cached, Does.Contain("<<<robotmk_runner:sep(0):cached(").And.Contain("\"fatal\":1"),
            "exit 0 with output: the agent kept the runner's output as its cache");
    }
}
