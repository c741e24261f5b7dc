using System.Diagnostics;
using Newtonsoft.Json;
using Robotmk.State;

namespace Robotmk.Tests.Runner;

/// <summary>Faults a real host produces: hangs, stubborn grandchildren, concurrent runners, a killed runner.</summary>
[Category("Integration")]
[NonParallelizable]
public class RunnerFaultTests
{
    private RunnerHarness _h = null!;

    [SetUp]
    public void SetUp() => _h = new RunnerHarness();

    [TearDown]
    public void TearDown() => _h.Dispose();

    private string PidFile(string name) => Path.Join(_h.Root, name + ".pid");

    [Test]
    public void Hanging_suite_is_stopped_at_its_timeout_and_nothing_of_it_survives()
    {
        _h.Suite("hang.robot", $$"""
            *** Test Cases ***
            Hang
                ${pid}=    Evaluate    os.getpid()    modules=os
                Evaluate    open(r'{{PidFile("robot")}}', 'w').write(str(${pid}))
                Sleep    1h
            """);
        _h.Config("hang.robot:\n  path: hang.robot\n  timeout: 3");

        var sw = Stopwatch.StartNew();
        var (rc, _, _) = _h.Run();
        sw.Stop();

        Assert.That(rc, Is.Zero);
        var r = _h.SuiteState("hang.robot").Result!;
        Assert.That(r.Status, Is.EqualTo(SuiteResult.Fatal));
        Assert.That(r.TimedOut, Is.True);
        Assert.That(r.Error, Does.StartWith("timed out after 3 s"));
        Assert.That(r.Xml, Is.Null);
        Assert.That(Pids.IsAlive(Pids.ReadPidFile(PidFile("robot"))), Is.False, "RF must not survive its timeout");
        // 1 h of sleep ended after timeout (3 s) + kill grace (3 s); the slack only absorbs machine load.
        Assert.That(sw.Elapsed, Is.LessThan(TimeSpan.FromSeconds(3 + 3 + 30)));
        var partial = Directory.GetFiles(_h.OutputDir, "*_attempt-1_output.xml");
        Assert.That(partial, Has.Length.EqualTo(1), "the partial output RF wrote on its graceful stop is kept");
    }

    [Test]
    public void Grandchild_that_ignores_SIGTERM_is_killed_with_the_tree()
    {
        _h.Suite("stubborn.robot", $$"""
            *** Settings ***
            Library    Process
            *** Test Cases ***
            Start Stubborn Child
                Start Process    sh    -c    trap '' TERM; echo $$ > {{PidFile("grandchild")}}; exec sleep 3600
                Wait Until Keyword Succeeds    10s    50ms    Evaluate    open(r'{{PidFile("grandchild")}}').read().strip() != '' or 1/0
                Sleep    1h
            """);
        _h.Config("stubborn.robot:\n  path: stubborn.robot\n  timeout: 3");

        _h.Run();

        var r = _h.SuiteState("stubborn.robot").Result!;
        Assert.That(r.TimedOut, Is.True, r.Error);
        var grandchild = Pids.ReadPidFile(PidFile("grandchild"));
        Assert.That(Pids.IsAlive(grandchild), Is.False, $"grandchild {grandchild} ignoring SIGTERM must be killed");
    }

    [Test]
    public void Child_left_running_by_a_finished_suite_is_cleaned_up()
    {
        _h.Suite("leak.robot", $$"""
            *** Settings ***
            Library    Process
            *** Test Cases ***
            Leave A Browser Behind
                Start Process    sh    -c    echo $$ > {{PidFile("leak")}}; exec sleep 3600
                Wait Until Keyword Succeeds    10s    50ms    Evaluate    open(r'{{PidFile("leak")}}').read().strip() != '' or 1/0
            """);
        _h.Config("leak.robot:\n  path: leak.robot");

        _h.Run();

        Assert.That(_h.SuiteState("leak.robot").Result!.Status, Is.EqualTo(SuiteResult.NonFatal));
        Assert.That(Pids.IsAlive(Pids.ReadPidFile(PidFile("leak"))), Is.False);
    }

    [Test]
    public void Two_runners_started_at_once_exactly_one_runs_the_suites()
    {
        _h.Suite("slow.robot", "*** Test Cases ***\nSlow\n    Sleep    2s\n");
        _h.Config("slow.robot:\n  path: slow.robot");

        var a = RunnerProcess.Start(_h);
        var b = RunnerProcess.Start(_h);
        var ra = RunnerProcess.Finish(a, TimeSpan.FromMinutes(2));
        var rb = RunnerProcess.Finish(b, TimeSpan.FromMinutes(2));

        Assert.That((ra.Rc, rb.Rc), Is.EqualTo((0, 0)), "both exit 0 so the agent keeps its cache");
        var statuses = new[] { ra.Out, rb.Out }.Select(o => RunnerHarness.SectionJson(o)["status"]).ToList();
        Assert.That(statuses, Is.EquivalentTo(new[] { "completed", "already_running" }), ra.Out + rb.Out);
        Assert.That(Directory.GetFiles(_h.OutputDir, "*_attempt-1_output.xml"), Has.Length.EqualTo(1), "RF ran once");
    }

    [Test]
    public void Runner_killed_mid_suite_keeps_previous_results_and_the_next_run_recovers_the_lock()
    {
        _h.Suite("work/work.robot", $$"""
            *** Variables ***
            ${DELAY}    0s
            *** Test Cases ***
            Work
                ${pid}=    Evaluate    os.getpid()    modules=os
                Evaluate    open(r'{{PidFile("robot")}}', 'w').write(str(${pid}))
                Sleep    ${DELAY}
            """);
        _h.Config("work:\n  path: work");
        _h.Run();
        var good = _h.SuiteState("work").Result!;
        Assert.That(good.Status, Is.EqualTo(SuiteResult.NonFatal));
        File.Delete(PidFile("robot"));

        _h.Config("work:\n  path: work\n  robot_params:\n    variable: {DELAY: 60s}");
        var runner = RunnerProcess.Start(_h);
        Pids.WaitUntil(() => File.Exists(PidFile("robot")) && _h.SuiteState("work").State == SuiteState.Running,
            TimeSpan.FromMinutes(1), "the suite runs");
        runner.Kill();
        runner.WaitForExit();
        // RF leads its own process group and outlives a SIGKILLed runner; end it so the test leaves nothing behind.
        Process.GetProcessById(Pids.ReadPidFile(PidFile("robot"))).Kill(entireProcessTree: true);

        var afterKill = _h.SuiteState("work");
        Assert.That(afterKill.State, Is.EqualTo(SuiteState.Running));
        Assert.That(afterKill.Result, Is.EqualTo(good), "the previous good result is intact and readable");

        _h.Config("work:\n  path: work");
        var (rc, stdout, _) = _h.Run();

        Assert.That(rc, Is.Zero);
        Assert.That(RunnerHarness.SectionJson(stdout)["status"], Is.EqualTo("completed"), "the lock of the killed runner is recovered");
        var fresh = _h.SuiteState("work");
        Assert.That(fresh.State, Is.EqualTo(SuiteState.Done));
        Assert.That(fresh.Result!.RunId, Is.Not.EqualTo(good.RunId));
        Assert.That(fresh.Result.Status, Is.EqualTo(SuiteResult.NonFatal));
    }

    [Test]
    public void Every_state_file_is_valid_json_at_every_moment_of_a_run()
    {
        for (var i = 0; i < 4; i++)
            _h.Suite($"s{i}.robot", "*** Test Cases ***\nT\n    Log    x\n");
        _h.Config(string.Join('\n', Enumerable.Range(0, 4).Select(i => $"s{i}.robot:\n  path: s{i}.robot\n  failed_handling: {{max_iterations: 2}}")));
        Directory.CreateDirectory(_h.StateDir);

        var run = Task.Run(() => { _h.Run(); _h.Run(); });
        var reads = 0;
        var failures = new List<string>();
        while (!run.IsCompleted)
        {
            foreach (var f in Directory.GetFiles(_h.StateDir, "robotmk_*.json"))
            {
                try
                {
                    if (Path.GetFileName(f) == StateFiles.RunnerFileName)
                        StateFiles.ReadRunner(f);
                    else
                        StateFiles.ReadSuite(f);
                    reads++;
                }
                catch (FileNotFoundException)
                {
                    // Renamed over between listing and opening: not a torn read.
                }
                catch (JsonException ex)
                {
                    failures.Add($"{Path.GetFileName(f)}: {ex.Message}");
                }
            }
        }
        run.GetAwaiter().GetResult();

        Assert.That(failures, Is.Empty);
        Assert.That(reads, Is.GreaterThan(50), "the reader really ran during the runs");
        Assert.That(Directory.GetFiles(_h.StateDir, "*.tmp-*"), Is.Empty, "no temp file is left behind");
    }
}
