using System.Xml.Linq;
using Robotmk.Runner.RobotFramework;
using Robotmk.Sections;
using Robotmk.State;

namespace Robotmk.Tests.Runner;

/// <summary>The runner with the real Robot Framework 7.4.2 on real suites.</summary>
[Category("Integration")]
public class RunnerIntegrationTests
{
    private RunnerHarness _h = null!;

    [SetUp]
    public void SetUp() => _h = new RunnerHarness();

    [TearDown]
    public void TearDown() => _h.Dispose();

    private const string Passing = """
        *** Test Cases ***
        One
            Log    one
        Two
            Should Be Equal    ${2}    ${2}
        """;

    private static XDocument DecodeXml(SuiteResult r) =>
        XDocument.Parse(System.Text.Encoding.UTF8.GetString(PayloadCodec.Decode(r.Xml!.Value.Text(), "zlib_codec")));

    [Test]
    public void Agent_mode_runs_a_passing_suite_and_writes_a_complete_result()
    {
        _h.Suite("shop/shop.robot", Passing);
        _h.Config("shop:\n  path: shop");

        var (rc, stdout, _) = _h.Run();

        Assert.That(rc, Is.Zero);
        var section = RunnerHarness.SectionJson(stdout);
        Assert.That(section["status"], Is.EqualTo("completed"));
        Assert.That(section["passed"], Is.EqualTo(1L));
        var state = _h.SuiteState("shop");
        Assert.That(state.State, Is.EqualTo(SuiteState.Done));
        var r = state.Result!;
        Assert.That((r.Status, r.Rc, r.Attempts, r.MaxExecutions, r.Error), Is.EqualTo((SuiteResult.NonFatal, 0, 1, 1, (string?)null)));
        Assert.That(r.EndTime, Is.Not.Null);
        Assert.That(r.CacheTime, Is.EqualTo(600));
        Assert.That(r.ExecutionInterval, Is.EqualTo(300));
        var xml = DecodeXml(r);
        Assert.That(xml.Root!.Element("suite")!.Attribute("name")!.Value, Is.EqualTo("Shop"));
        Assert.That(xml.Root.Element("statistics"), Is.Not.Null);
        var runner = _h.RunnerState();
        Assert.That(runner.Status, Is.EqualTo(RunnerState.StatusIdle));
        Assert.That(runner.LastRun!.SuitesRun, Is.EqualTo(1));
        Assert.That(runner.Config!.Suites.Select(s => s.Id), Is.EqualTo(new[] { "shop" }));
    }

    [Test]
    public void A_hand_written_key_is_the_suite_id_in_files_section_and_status()
    {
        // As a robotmk.yml written for the Python plugin 1.6.0: keys that the bakery's rule would not compute.
        _h.Suite("nested/smoke.robot", Passing);
        _h.Suite("shop/shop.robot", Passing);
        _h.Config("sub_smoke:\n  path: nested\nCheckout Prod:\n  path: shop");

        var (rc, _, stderr) = _h.Run("run");

        Assert.That(rc, Is.Zero, stderr);
        Assert.That(File.Exists(Path.Join(_h.StateDir, "robotmk_sub_smoke.json")));
        Assert.That(File.Exists(Path.Join(_h.StateDir, "robotmk_%43heckout%20%50rod.json")), "the id, encoded for a file name");
        Assert.That(Directory.GetFiles(_h.OutputDir, "robotframework_%43heckout%20%50rod_*_output.xml"), Is.Not.Empty);
        Assert.That(_h.SuiteState("Checkout Prod").Result!.Status, Is.EqualTo(SuiteResult.NonFatal));

        var clock = Robotmk.Time.SystemClock.Instance;
        var (_, output, _) = Robotmk.Tests.Reliability.ControllerProbe.Run(_h.VarDir, clock);
        var (blocks, problems) = Robotmk.Tests.Controller.Support.SectionContract.Validate(output);
        Assert.That(problems, Is.Empty);
        Assert.That(blocks[0].Suites.Select(s => ((string)s["id"]!, (string)s["status"]!)),
            Is.EqualTo(new[] { ("sub_smoke", "nonfatal"), ("Checkout Prod", "nonfatal") }), "verbatim, as the 1.6.0 plugin sends them");

        var status = StatusTable(clock);
        Assert.That(status, Does.Contain("Checkout Prod  (local)"));
        Assert.That(status, Does.Contain("sub_smoke      (local)"));
    }

    private string StatusTable(Robotmk.Time.IClock clock)
    {
        var env = new Robotmk.Paths.AgentEnvironment(new Dictionary<string, string> { ["MK_VARDIR"] = _h.VarDir }, Robotmk.Paths.HostOs.Linux);
        using var output = new MemoryStream();
        Robotmk.Controller.Program.Run(["status"], new Robotmk.Controller.Cli.ControllerContext(env, clock, output, TextWriter.Null, "test"));
        return System.Text.Encoding.UTF8.GetString(output.ToArray());
    }

    [Test]
    public void Failing_suite_is_nonfatal_with_the_number_of_failures_as_rc()
    {
        _h.Suite("f.robot", "*** Test Cases ***\nA\n    Fail    boom\nB\n    Log    ok\nC\n    Fail    bang\n");
        _h.Config("f.robot:\n  path: f.robot");

        var (rc, _, _) = _h.Run("run");

        Assert.That(rc, Is.EqualTo(1), "run exits 1 when a suite failed");
        var r = _h.SuiteState("f.robot").Result!;
        Assert.That((r.Status, r.Rc), Is.EqualTo((SuiteResult.NonFatal, 2)));
    }

    [Test]
    public void Incremental_rerun_turns_a_flaky_suite_green_and_merges_both_attempts()
    {
        var marker = Path.Join(_h.Root, "flaky.marker");
        _h.Suite("flaky/flaky.robot", $$"""
            *** Settings ***
            Library    OperatingSystem
            *** Test Cases ***
            Stable
                Log    always fine
            Flaky
                ${seen}=    Run Keyword And Return Status    File Should Exist    {{marker}}
                Create File    {{marker}}    x
                Should Be True    ${seen}    first attempt fails
            """);
        _h.Config("flaky:\n  path: flaky\n  failed_handling:\n    max_iterations: 3\n    strategy:\n      name: incremental");

        var (rc, stdout, stderr) = _h.Run("run");

        Assert.That(rc, Is.Zero, stdout + stderr);
        var r = _h.SuiteState("flaky").Result!;
        Assert.That((r.Status, r.Rc, r.Attempts, r.MaxExecutions), Is.EqualTo((SuiteResult.NonFatal, 0, 2, 3)));
        var xml = DecodeXml(r);
        Assert.That(xml.Root!.Attribute("generator")!.Value, Does.StartWith("Rebot"), "the final output is rebot's merge");
        var flaky = xml.Descendants("test").Single(t => t.Attribute("name")!.Value == "Flaky");
        Assert.That(flaky.Element("status")!.Attribute("status")!.Value, Is.EqualTo("PASS"));
        Assert.That(flaky.Element("status")!.Value, Does.Contain("re-executed and results merged").And.Contain("first attempt fails"));
        Assert.That(xml.Descendants("test").Select(t => t.Attribute("name")!.Value), Is.EquivalentTo(new[] { "Stable", "Flaky" }));
        var outputs = Directory.GetFiles(_h.OutputDir).Select(Path.GetFileName).ToList();
        Assert.That(outputs, Has.Some.Matches<string>(f => f.EndsWith("_attempt-1_output.xml")));
        Assert.That(outputs, Has.Some.Matches<string>(f => f.EndsWith("_attempt-2_output.xml")));
        Assert.That(outputs, Has.Some.Matches<string>(f => !f.Contains("attempt") && f.EndsWith("_output.xml")));
    }

    [Test]
    public void A_rerun_with_nothing_to_run_keeps_the_first_attempts_result()
    {
        _h.Suite("shop.robot", "*** Test Cases ***\nBroken\n    Fail    broken for real\nFine\n    Log    ok\n");
        // Re-runs only include tests tagged "flaky"; the failed test is not, so attempt 2 has nothing to run (rc 252).
        _h.Config("shop.robot:\n  path: shop.robot\n  failed_handling:\n    max_iterations: 2\n    strategy:\n      name: incremental\n      rerun_selection: {include: [flaky]}");

        _h.Run("run");

        var r = _h.SuiteState("shop.robot").Result!;
        Assert.That((r.Status, r.Rc, r.Attempts), Is.EqualTo((SuiteResult.NonFatal, 1, 2)), r.Error);
        var xml = DecodeXml(r);
        Assert.That(xml.Root!.Attribute("generator")!.Value, Does.StartWith("Robot"), "attempt 1's own output, no merge");
        Assert.That(xml.Descendants("test").Select(t => t.Attribute("name")!.Value), Is.EqualTo(new[] { "Broken", "Fine" }));
    }

    [Test]
    public void Include_exclude_and_variables_reach_RF()
    {
        _h.Suite("tagged.robot", """
            *** Variables ***
            ${ENV}    dev
            *** Test Cases ***
            Smoke Env
                [Tags]    smoke
                Should Be Equal    ${ENV}    a;b $(x) "q"
            Slow
                [Tags]    smoke    slow
                Fail    excluded
            Other
                Fail    not included
            """);
        _h.Config("""
            tagged.robot:
              path: tagged.robot
              robot_params:
                include: smoke
                exclude: [slow]
                variable:
                  ENV: 'a;b $(x) "q"'
            """);

        var (rc, stdout, stderr) = _h.Run("run");

        Assert.That(rc, Is.Zero, stdout + stderr);
        var xml = DecodeXml(_h.SuiteState("tagged.robot").Result!);
        Assert.That(xml.Descendants("test").Select(t => t.Attribute("name")!.Value), Is.EqualTo(new[] { "Smoke Env" }));
    }

    [Test]
    public void Missing_suite_path_makes_only_that_suite_fatal()
    {
        _h.Suite("good.robot", Passing);
        _h.Config("good.robot:\n  path: good.robot\nghost:\n  path: ghost");

        var (rc, _, _) = _h.Run();

        Assert.That(rc, Is.Zero);
        var ghost = _h.SuiteState("ghost").Result!;
        Assert.That(ghost.Status, Is.EqualTo(SuiteResult.Fatal));
        Assert.That(ghost.Error, Does.Contain("does not exist").And.Contain("suites.ghost.path"));
        Assert.That(ghost.Xml, Is.Null);
        Assert.That(_h.SuiteState("good.robot").Result!.Status, Is.EqualTo(SuiteResult.NonFatal));
        Assert.That(_h.RunnerState().Config!.Suites.Single(s => s.Id == "ghost").Error, Does.Contain("does not exist"));
    }

    [Test]
    public void Suite_without_tests_is_fatal_with_RFs_rc_252_reason()
    {
        _h.Suite("empty.robot", "*** Settings ***\nDocumentation    nothing here\n");
        _h.Config("empty.robot:\n  path: empty.robot");

        _h.Run();

        var r = _h.SuiteState("empty.robot").Result!;
        Assert.That(r.Status, Is.EqualTo(SuiteResult.Fatal));
        Assert.That(r.Rc, Is.EqualTo(252));
        Assert.That(r.Error, Does.Contain("rc 252").And.Contain("contains no tests or tasks"));
        Assert.That(r.Xml, Is.Null);
    }

    [Test]
    public void Non_ascii_names_survive_to_the_encoded_xml()
    {
        _h.Suite("umlaut/prüfung.robot", "*** Test Cases ***\nGrüße Aus Köln 日本語 🚀\n    Log    Schöne Grüße ✅\n");
        _h.Config("umlaut:\n  path: umlaut");

        _h.Run();

        var r = _h.SuiteState("umlaut").Result!;
        Assert.That(r.Status, Is.EqualTo(SuiteResult.NonFatal), r.Error);
        var xml = DecodeXml(r);
        Assert.That(xml.Descendants("test").Single().Attribute("name")!.Value, Is.EqualTo("Grüße Aus Köln 日本語 🚀"));
        Assert.That(xml.Descendants("msg").Select(m => m.Value), Has.Some.EqualTo("Schöne Grüße ✅"));
    }

    [Test]
    public void Html_messages_are_removed_before_encoding_and_log_html_is_sent_only_when_asked()
    {
        _h.Suite("html.robot", "*** Test Cases ***\nShot\n    Log    <img src=\"data:image/png;base64,AAAA\">    html=True\n");
        _h.Config("html.robot:\n  path: html.robot", "transmit_html: true\nagent_output_encoding: base64_codec");

        _h.Run();

        var r = _h.SuiteState("html.robot").Result!;
        var xml = System.Text.Encoding.UTF8.GetString(PayloadCodec.Decode(r.Xml!.Value.Text(), "base64_codec"));
        var msg = XDocument.Parse(xml).Descendants("msg").Single(m => m.Attribute("html") is not null);
        Assert.That(msg.Value, Is.EqualTo(OutputXmlAdapter.HtmlNotice));
        Assert.That(r.HtmlLog, Is.Not.Null);
        Assert.That(System.Text.Encoding.UTF8.GetString(PayloadCodec.Decode(r.HtmlLog!.Value.Text(), "base64_codec")), Does.Contain("<html"));
    }

    [Test]
    public void Previous_good_result_is_kept_while_a_suite_is_marked_running()
    {
        _h.Suite("shop/shop.robot", Passing);
        _h.Config("shop:\n  path: shop");
        _h.Run();
        var first = _h.SuiteState("shop").Result!;

        // Simulate the start of the next run by hand, as the runner does before RF starts.
        new Robotmk.Runner.State.SuiteStateStore(_h.StateDir, Robotmk.Time.SystemClock.Instance, _ => { }).MarkRunning("shop", "next-run");

        var during = _h.SuiteState("shop");
        Assert.That(during.State, Is.EqualTo(SuiteState.Running));
        Assert.That(during.RunningRunId, Is.EqualTo("next-run"));
        Assert.That(during.Result, Is.EqualTo(first));
    }

    [Test]
    public void Validate_prints_OK_with_a_summary_for_the_bundled_example()
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var env = new Dictionary<string, string> { ["PATH"] = "/usr/bin:/bin" };
        var ctx = new Robotmk.Runner.Cli.RunnerContext(new Robotmk.Paths.AgentEnvironment(env, Robotmk.Paths.HostOs.Linux),
            Robotmk.Time.SystemClock.Instance, new Robotmk.Runner.Processes.ProcessRunner(), new(), stdout, stderr);

        var rc = Robotmk.Runner.Program.Run(["validate", "--config", Path.Join(Support.TestPaths.Examples, "robotmk.yml")], ctx);

        Assert.That(rc, Is.Zero, stderr.ToString());
        Assert.That(stdout.ToString(), Does.Contain("OK: ").And.Contain("3 suites (checkout, failing, tagged.robot_staging)"));
    }

    [Test]
    public void Validate_summary_names_suites_side_by_side_and_the_suites_with_an_interval_of_their_own()
    {
        _h.Suite("a.robot", "*** Test Cases ***\nT\n    Log    a\n");
        _h.Suite("b.robot", "*** Test Cases ***\nT\n    Log    b\n");
        _h.Config("a:\n  path: a.robot\n  execution_interval: 600\nb:\n  path: b.robot\n", "max_parallel: 2");

        var (rc, stdout, stderr) = _h.Run("validate");

        Assert.That(rc, Is.Zero, stderr);
        Assert.That(stdout, Does.Contain(", up to 2 suites side by side; own intervals: a every 600 s\n"));
    }

    [Test]
    public void Validate_lists_every_error_and_exits_2()
    {
        File.WriteAllText(_h.ConfigFile, "global:\n  execution_intervall: 60\n  cache_time: abc\nsuites:\n  a:\n    path: a\n");

        var (rc, _, stderr) = _h.Run("validate");

        Assert.That(rc, Is.EqualTo(2));
        Assert.That(stderr, Does.Contain(":2:3: error: global.execution_intervall: unknown key").And.Contain("did you mean 'execution_interval'"));
        Assert.That(stderr, Does.Contain(":3:15: error: global.cache_time:"));
        Assert.That(stderr, Does.Contain("INVALID"));
    }

    [Test]
    public void Config_error_in_agent_mode_is_written_to_state_and_stderr_and_exit_is_0()
    {
        File.WriteAllText(_h.ConfigFile, "global: [unclosed\n");

        var (rc, stdout, stderr) = _h.Run();

        Assert.That(rc, Is.Zero);
        Assert.That(RunnerHarness.SectionJson(stdout)["status"], Is.EqualTo("config_error"));
        Assert.That(stderr, Does.Contain("YAML syntax error"));
        Assert.That(_h.RunnerState().ConfigError, Does.Contain("YAML syntax error").And.Contain("robotmk.yml:"));
    }

    [Test]
    public void External_mode_agent_call_returns_at_once_without_running_suites()
    {
        _h.Suite("shop/shop.robot", Passing);
        _h.Config("shop:\n  path: shop", "execution_mode: external");

        var (rc, stdout, _) = _h.Run();

        Assert.That(rc, Is.Zero);
        Assert.That(RunnerHarness.SectionJson(stdout)["message"], Does.Contain("external mode"));
        Assert.That(File.Exists(Path.Join(_h.StateDir, "robotmk_shop.json")), Is.False);

        var (runRc, runOut, _) = _h.Run("run", "--suite", "shop");
        Assert.That(runRc, Is.Zero, runOut);
        Assert.That(runOut, Does.Contain("shop").And.Contain("PASS"));
        Assert.That(_h.SuiteState("shop").Result!.Status, Is.EqualTo(SuiteResult.NonFatal));
    }

    [Test]
    public void Run_with_an_unknown_suite_id_is_a_usage_error()
    {
        _h.Suite("shop/shop.robot", Passing);
        _h.Config("shop:\n  path: shop");
        var (rc, _, stderr) = _h.Run("run", "--suite", "nope");
        Assert.That(rc, Is.EqualTo(2));
        Assert.That(stderr, Does.Contain("unknown suite id(s): nope"));
    }

    [Test]
    public void Suites_removed_from_the_config_lose_their_state_file()
    {
        _h.Suite("a.robot", Passing);
        _h.Suite("b.robot", Passing);
        _h.Config("a.robot:\n  path: a.robot\nb.robot:\n  path: b.robot");
        _h.Run();
        Assert.That(File.Exists(StateFiles.SuiteFile(_h.StateDir, "b.robot")), Is.True);

        _h.Config("a.robot:\n  path: a.robot");
        _h.Run();

        Assert.That(File.Exists(StateFiles.SuiteFile(_h.StateDir, "b.robot")), Is.False);
        Assert.That(File.Exists(StateFiles.SuiteFile(_h.StateDir, "a.robot")), Is.True);
    }

    [Test]
    public void Disabled_marker_skips_the_suite_and_keeps_its_last_result()
    {
        _h.Suite("shop/shop.robot", Passing);
        _h.Config("shop:\n  path: shop");
        _h.Run();
        var first = _h.SuiteState("shop").Result!;
        File.WriteAllText(Path.Join(_h.RobotDir, "shop", "DISABLED"), "");

        var (_, stdout, _) = _h.Run();

        Assert.That(RunnerHarness.SectionJson(stdout)["skipped"], Is.EqualTo(new Newtonsoft.Json.Linq.JArray("shop")));
        Assert.That(_h.SuiteState("shop").Result, Is.EqualTo(first));
    }
}
