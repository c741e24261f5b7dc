using Newtonsoft.Json.Linq;
using Robotmk.State;
using Robotmk.Tests.Runner;
using Robotmk.Tests.Support;

namespace Robotmk.Tests.Agent;

/// <summary>
/// The product as deployed: a Linux tree baked by robotmk-bakery (with the shipped programs, see
/// <see cref="ShippedPrograms"/>), installed into the real Checkmk Linux agent's sandbox, polled like the server does.
/// </summary>
[Category("Agent")]
[NonParallelizable]
public class AgentEndToEndTests
{
    private AgentSandbox _agent = null!;
    private TempDir _tmp = null!;

    [SetUp]
    public void SetUp()
    {
        if (!File.Exists("/usr/bin/ps") && !File.Exists("/bin/ps"))
            Assert.Ignore("the agent needs procps 'ps' to start async plugins");
        _agent = new AgentSandbox();
        _tmp = new TempDir();
    }

    [TearDown]
    public void TearDown()
    {
        _agent.Dispose();
        _tmp.Dispose();
    }

    /// <summary>Bakes the rules (suites as YAML list items) for Linux and installs the tree into the agent sandbox.</summary>
    private string BakeAndInstall(string mode, string suites, int margin = 10)
    {
        var rules = _tmp.File("rules.yml", $"""
            execution_mode: {mode}
            execution_interval: 60
            runner_timeout_margin: {margin}
            expected_runtime: 5
            linux:
              robotdir: {_agent.RobotDir}
              outputdir: {Path.Join(_agent.Root, "log", "robotmk")}
              robot: {TestPaths.Robot}
            suites:
            {suites}
            """);
        var bin = ShippedPrograms.BinDir(_tmp);
        var outDir = Path.Join(_tmp.Path, "pkg");
        var (rc, stdout, stderr) = ShippedPrograms.Run(Path.Join(bin, "robotmk-bakery"), ["bake", rules, "--out", outDir, "--os", "linux", "--bin-dir", bin]);
        Assert.That(rc, Is.Zero, stdout + stderr);

        var tree = Path.Join(outDir, "linux");
        File.Copy(Path.Join(tree, "etc", "check_mk", "robotmk.yml"), Path.Join(_agent.Etc, "robotmk.yml"));
        CopyTree(Path.Join(tree, "usr", "lib", "check_mk_agent", "plugins"), Path.Join(_agent.Lib, "plugins"));
        return tree;
    }

    private static void CopyTree(string from, string to)
    {
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Join(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
            if (!OperatingSystem.IsWindows())
                File.SetUnixFileMode(target, File.GetUnixFileMode(file));
        }
    }

    /// <summary>The sections of one agent output: header line → the lines up to the next header.</summary>
    private static List<(string Header, List<string> Lines)> Sections(string output)
    {
        var result = new List<(string, List<string>)>();
        foreach (var line in output.Split('\n'))
        {
            if (line.StartsWith("<<<", StringComparison.Ordinal))
                result.Add((line, []));
            else if (result.Count > 0 && line.Length > 0)
                result[^1].Item2.Add(line);
        }
        return result;
    }

    /// <summary>The local robotmk block: exactly one, first of the robotmk blocks, one JSON line.</summary>
    private static JObject LocalRobotmk(string output)
    {
        var blocks = Sections(output).Where(s => s.Header == "<<<robotmk:sep(0)>>>").ToList();
        Assert.That(blocks, Is.Not.Empty, output);
        Assert.That(blocks[0].Lines, Has.Count.EqualTo(1), "one compact JSON line");
        return JObject.Parse(blocks[0].Lines[0]);
    }

    private static JObject Suite(JObject section, string id) =>
        (JObject)section["suites"]!.Single(s => (string?)s["id"] == id);

    [Test]
    public void Agent_serial_first_poll_starts_the_runner_and_the_next_poll_shows_real_results()
    {
        _agent.Suite("checkout/checkout.robot", "*** Test Cases ***\nBuy\n    Log    bought\n");
        _agent.Suite("search.robot", "*** Test Cases ***\nFind\n    Fail    nothing found\n");
        var tree = BakeAndInstall("agent_serial", """
              - path: checkout
                piggybackhost: shop-frontend
              - path: search.robot
            """);
        Assert.That(File.Exists(Path.Join(tree, "usr", "lib", "check_mk_agent", "plugins", "60", "robotmk-runner")), Is.True);

        var first = _agent.Poll(waitAsync: 180);

        var before = LocalRobotmk(first);
        Assert.That(before["suites"]!.Select(s => ((string?)s["status"], (string?)s["id"])),
            Is.All.Matches<(string?, string?)>(s => s.Item1 == "fatal"), "nothing has run yet: nothing looks green");
        Assert.That(first, Does.Not.Contain("<<<robotmk_runner"), "the first poll only starts the runner");

        var second = _agent.Poll();

        var local = LocalRobotmk(second);
        Assert.That((string?)local["runner"]!["execution_mode"], Is.EqualTo("agent_serial"));
        Assert.That(local["runner"]!["runtime_total"], Is.Not.Null, "the runner ran");
        Assert.That(((string?)Suite(local, "checkout")["status"], (int?)Suite(local, "checkout")["rc"]), Is.EqualTo(("nonfatal", 0)));
        Assert.That(((string?)Suite(local, "search.robot")["status"], (int?)Suite(local, "search.robot")["rc"]), Is.EqualTo(("nonfatal", 1)));
        Assert.That((string?)Suite(local, "checkout")["xml"], Is.Not.Null.And.Not.Empty);
        Assert.That(second, Does.Contain("<<<<shop-frontend>>>>"));
        var runnerSection = Sections(second).Single(s => s.Header.StartsWith("<<<robotmk_runner:sep(0):cached(", StringComparison.Ordinal));
        Assert.That(runnerSection.Header, Does.EndWith(",60)>>>"), "the agent serves the runner's output from its cache");
        Assert.That(JObject.Parse(runnerSection.Lines.Single())["status"]!.ToString(), Is.EqualTo("completed"));
    }

    [Test]
    public void A_tree_with_two_suite_intervals_runs_at_their_tick_and_delivers_each_suite_with_its_own_cache_time()
    {
        _agent.Suite("every_minute.robot", "*** Test Cases ***\nPing\n    Log    pong\n");
        _agent.Suite("every_two.robot", "*** Test Cases ***\nPing\n    Log    pong\n");
        var tree = BakeAndInstall("agent_serial", """
              - path: every_minute.robot
              - path: every_two.robot
                execution_interval: 120
            """);
        Assert.That(Directory.GetDirectories(Path.Join(tree, "usr", "lib", "check_mk_agent", "plugins")).Select(Path.GetFileName),
            Is.EqualTo(new[] { "60" }), "the agent starts the runner at the tick, gcd(60, 120)");

        _agent.Poll(waitAsync: 180);
        var local = LocalRobotmk(_agent.Poll());

        // cache_time: the tick's is 60 + expected_runtime 5 + 60 = 125 s; a suite with a longer interval gets interval + that.
        var minute = Suite(local, "every_minute.robot");
        var two = Suite(local, "every_two.robot");
        Assert.That(((string?)minute["status"], (int?)minute["rc"], (int?)minute["execution_interval"], (int?)minute["cache_time"]),
            Is.EqualTo(("nonfatal", 0, 60, 125)));
        Assert.That(((string?)two["status"], (int?)two["rc"], (int?)two["execution_interval"], (int?)two["cache_time"]),
            Is.EqualTo(("nonfatal", 0, 120, 120 + 125)));

        // One tick later: the state and the agent's cache are 61 s older, so the agent starts the runner again, and
        // only the 60 s suite is due (the 120 s one is due from 120 - 30 s of tolerance on).
        StateClock.ShiftAll(_agent.StateDir, TimeSpan.FromSeconds(-61));
        File.SetLastWriteTimeUtc(Path.Join(_agent.CacheDir, "plugins_robotmk-runner.cache"), DateTime.UtcNow.AddSeconds(-61));
        var aged = LocalRobotmk(_agent.Poll(parts: "sync"));
        _agent.Poll(waitAsync: 180);
        var next = LocalRobotmk(_agent.Poll());

        Assert.That((string?)Suite(next, "every_minute.robot")["start_time"], Is.Not.EqualTo((string?)Suite(aged, "every_minute.robot")["start_time"]),
            "the 60 s suite ran again");
        Assert.That((string?)Suite(next, "every_two.robot")["start_time"], Is.EqualTo((string?)Suite(aged, "every_two.robot")["start_time"]),
            "the 120 s suite was not due");
        Assert.That((string?)Suite(next, "every_two.robot")["status"], Is.EqualTo("nonfatal"), "within its own cache_time it stays valid");
    }

    [Test]
    public void A_runner_longer_than_its_budget_stops_itself_and_no_second_runner_starts_meanwhile()
    {
        _agent.Suite("slow.robot", "*** Test Cases ***\nSlow\n    Sleep    120s\n");
        _agent.Suite("quick.robot", "*** Test Cases ***\nQuick\n    Log    fine\n");
        // Interval 60 s, margin 20 s: the run budget is 20 s; the agent would kill the runner only at 120 s.
        BakeAndInstall("agent_serial", "  - path: quick.robot\n  - path: slow.robot", margin: 20);

        _agent.Poll(parts: "async");
        var slowState = StateFiles.SuiteFile(_agent.StateDir, "slow.robot");
        Pids.WaitUntil(() => File.Exists(slowState) && StateFiles.ReadSuite(slowState).State == SuiteState.Running,
            TimeSpan.FromSeconds(60), "the slow suite runs");
        var during = _agent.Poll(parts: "all");
        var duringSection = LocalRobotmk(during);
        Assert.That((string?)Suite(duringSection, "quick.robot")["status"], Is.EqualTo("nonfatal"), "finished suites show while others run");
        var cacheDir = Path.Join(_agent.Var, "cache");
        Assert.That(Directory.GetFiles(cacheDir, "plugins_robotmk-runner.cache.new.*"), Has.Length.EqualTo(1), "one runner job, not two");

        Pids.WaitUntil(() => File.Exists(Path.Join(cacheDir, "plugins_robotmk-runner.cache")), TimeSpan.FromSeconds(90), "the runner finished");
        var after = _agent.Poll(parts: "sync");

        var slow = Suite(LocalRobotmk(after), "slow.robot");
        Assert.That((string?)slow["status"], Is.EqualTo("fatal"));
        Assert.That((string?)slow["error"], Does.StartWith("timed out after"));
        var runner = StateFiles.ReadRunner(StateFiles.RunnerFile(_agent.StateDir));
        Assert.That(runner.LastRun!.RuntimeTotal, Is.LessThan(60), "the runner ended within its budget, long before the agent's kill at 120 s");
        Assert.That(after, Does.Contain("<<<robotmk_runner:sep(0):cached("), "exit 0 with output: the agent kept it");
    }

    [Test]
    public void External_mode_the_scheduler_runs_the_suites_and_a_silent_runner_turns_them_fatal()
    {
        _agent.Suite("checkout.robot", "*** Test Cases ***\nBuy\n    Log    bought\n");
        var tree = BakeAndInstall("external", "  - path: checkout.robot");
        Assert.That(Directory.Exists(Path.Join(_agent.Lib, "plugins", "60")), Is.False, "the runner is no agent plugin in external mode");

        var idle = _agent.Poll(waitAsync: 30);
        Assert.That(LocalRobotmk(idle)["suites"]!.Where(x => (string?)x["status"] == "nonfatal"), Is.Empty,
            "before the scheduler ran the suites, nothing looks green");

        var env = new Dictionary<string, string> { ["MK_CONFDIR"] = _agent.Etc, ["MK_VARDIR"] = _agent.Var };
        var (rc, stdout, stderr) = ShippedPrograms.Run(Path.Join(tree, "usr", "bin", "robotmk-runner"), ["run"], env);
        Assert.That(rc, Is.Zero, stdout + stderr);
        Assert.That(stdout, Does.Contain("checkout.robot").And.Contain("PASS"));

        var fresh = LocalRobotmk(_agent.Poll());
        Assert.That((string?)fresh["runner"]!["execution_mode"], Is.EqualTo("external"));
        Assert.That((bool?)fresh["runner"]!["selective_run"], Is.False);
        Assert.That((string?)Suite(fresh, "checkout.robot")["status"], Is.EqualTo("nonfatal"));

        // The scheduler stops: move every timestamp of the state two hours into the past.
        StateClock.ShiftAll(_agent.StateDir, TimeSpan.FromHours(-2));
        var stale = LocalRobotmk(_agent.Poll());

        var suite = Suite(stale, "checkout.robot");
        Assert.That((string?)suite["status"], Is.EqualTo("fatal"));
        Assert.That((string?)suite["error"], Does.Contain("runner has not delivered since"));
    }

    [Test]
    public void An_external_suite_run_by_its_scheduler_at_the_same_time_as_the_agent_runner_shows_in_the_same_section()
    {
        _agent.Suite("api.robot", "*** Test Cases ***\nCall\n    Log    called\n");
        _agent.Suite("desktop.robot", "*** Test Cases ***\nClick\n    Sleep    1s\n");
        var tree = BakeAndInstall("agent_serial", "  - path: api.robot\n  - path: desktop.robot");
        // The suite's own execution_mode, as robotmk.yml writes it; the agent package makes the suite's folder.
        var config = Path.Join(_agent.Etc, "robotmk.yml");
        File.WriteAllText(config, File.ReadAllText(config).Replace("    path: desktop.robot\n", "    path: desktop.robot\n    execution_mode: external\n"));
        var folder = ExternalSuiteInstall.Create(_agent.StateDir, "desktop.robot");

        // The scheduler starts the desktop suite while the agent's first poll starts the agent's runner.
        var env = new Dictionary<string, string> { ["MK_CONFDIR"] = _agent.Etc, ["MK_VARDIR"] = _agent.Var };
        var runner = Path.Join(tree, "usr", "lib", "check_mk_agent", "plugins", "60", "robotmk-runner");
        var scheduled = Task.Run(() => ShippedPrograms.Run(runner, ["run", "--suite", "desktop.robot"], env));
        _agent.Poll(waitAsync: 180);
        var (rc, stdout, stderr) = scheduled.GetAwaiter().GetResult();
        Assert.That(rc, Is.Zero, stdout + stderr);

        var local = LocalRobotmk(_agent.Poll());

        Assert.That(((string?)Suite(local, "api.robot")["status"], (int?)Suite(local, "api.robot")["rc"]), Is.EqualTo(("nonfatal", 0)));
        Assert.That(((string?)Suite(local, "desktop.robot")["status"], (int?)Suite(local, "desktop.robot")["rc"]), Is.EqualTo(("nonfatal", 0)));
        Assert.That((string?)Suite(local, "desktop.robot")["xml"], Is.Not.Null.And.Not.Empty);
        Assert.That(File.Exists(StateFiles.SuiteFile(folder, "desktop.robot")), Is.True, "the desktop suite's result is in its own folder");
        Assert.That(File.Exists(StateFiles.SuiteFile(_agent.StateDir, "desktop.robot")), Is.False, "the agent's runner did not run it");
    }
}
