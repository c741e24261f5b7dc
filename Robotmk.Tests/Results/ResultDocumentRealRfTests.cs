using System.Text.Json;
using Robotmk.Config;
using Robotmk.Runner.Results;
using Robotmk.State;
using Robotmk.Tests.Runner;

namespace Robotmk.Tests.Results;

/// <summary>
/// Result documents of real RF runs: passed, failed, re-run, rejected (rc 252) and timed out, each validated against
/// the documented schema. One run of the runner with all five suites.
/// </summary>
[NonParallelizable]
public class ResultDocumentRealRfTests
{
    private static RunnerHarness _h = null!;
    private static string _section = "";

    [OneTimeSetUp]
    public static void RunAllSuites()
    {
        // RF spawned, one suite at a time: the runner reaps RF itself, so each suite's resource usage can be told.
        _h = new RunnerHarness { RobotStart = "spawn" };
        _h.Limits = _h.Limits with { Export = new ResultsExportLimits { Host = "testhost" } };
        _h.Suite("passing.robot", "*** Test Cases ***\nOne\n    Log    fine\nTwo\n    Should Be Equal    1    1\n");
        _h.Suite("failing.robot", "*** Test Cases ***\nGood\n    Log    fine\nBad\n    Fail    broken on purpose\n");
        _h.Suite("flaky.robot", """
            *** Settings ***
            Library    OperatingSystem
            *** Test Cases ***
            Stable
                Log    ok
            Flaky
                ${seen}=    Run Keyword And Return Status    File Should Exist    ${MARKER}
                Create File    ${MARKER}
                Should Be True    ${seen}    first attempt fails
            """);
        _h.Suite("slow.robot", "*** Test Cases ***\nSlow\n    Sleep    60s\n");
        _h.Config($$"""
            passing: {path: passing.robot}
            failing: {path: failing.robot}
            flaky:
              path: flaky.robot
              robot_params:
                variable: {MARKER: "{{Path.Join(_h.Root, "marker")}}"}
              failed_handling: {max_iterations: 2}
            rejected:
              path: passing.robot
              robot_params: {include: [no_such_tag]}
            slow: {path: slow.robot, timeout: 3}
            """);
        _section = _h.Run().Out;
    }

    [OneTimeTearDown]
    public static void Cleanup() => _h.Dispose();

    private static (string Json, JsonElement Doc, string File) Document(string suite)
    {
        var files = Directory.GetFiles(Path.Join(_h.OutputDir, "results", SuiteId.FileName(suite)), "*.json");
        Assert.That(files, Has.Length.EqualTo(1), suite);
        var json = File.ReadAllText(files[0]);
        ResultSchema.AssertValid(json);
        return (json, JsonDocument.Parse(json).RootElement, files[0]);
    }

    private static int Int(JsonElement e, string name) => e.GetProperty(name).GetInt32();

    [Test]
    public void A_passed_suite_has_its_tests_times_outputs_and_resource_usage()
    {
        var (_, doc, file) = Document("passing");
        Assert.That(doc.GetProperty("state").GetString(), Is.EqualTo(RunState.Passed));
        Assert.That((Int(doc, "rc"), Int(doc, "attempts"), doc.GetProperty("host").GetString()), Is.EqualTo((0, 1, "testhost")));
        Assert.That(doc.GetProperty("signal").ValueKind, Is.EqualTo(JsonValueKind.Null));
        var stats = doc.GetProperty("statistics");
        Assert.That((Int(stats, "pass"), Int(stats, "fail"), Int(stats, "skip")), Is.EqualTo((2, 0, 0)));
        Assert.That(doc.GetProperty("tests").EnumerateArray().Select(t => t.GetProperty("name").GetString()), Is.EqualTo(new[] { "One", "Two" }));
        Assert.That(File.Exists(doc.GetProperty("output_xml").GetString()) && File.Exists(doc.GetProperty("log_html").GetString()));
        Assert.That(Path.GetFileNameWithoutExtension(file), Is.EqualTo(doc.GetProperty("run_id").GetString()));
        Assert.That(doc.GetProperty("runner_run_id").GetString(), Is.EqualTo(_h.SuiteState("passing").Result!.RunId));
        if (OperatingSystem.IsLinux())
        {
            Assert.That(File.GetUnixFileMode(file), Is.EqualTo(OwnerOnly.FileMode));
            // Python starting up alone takes CPU time: the RF process tree's usage is measured.
            var usage = doc.GetProperty("resource_usage");
            Assert.That(usage.GetProperty("user_cpu_seconds").GetDouble() + usage.GetProperty("system_cpu_seconds").GetDouble(), Is.GreaterThan(0));
        }
    }

    [Test]
    public void A_failed_suite_names_its_failed_test_and_RF_message()
    {
        var (_, doc, _) = Document("failing");
        Assert.That((doc.GetProperty("state").GetString(), Int(doc, "rc")), Is.EqualTo((RunState.Failed, 1)));
        var bad = doc.GetProperty("tests").EnumerateArray().Single(t => t.GetProperty("status").GetString() == "FAIL");
        Assert.That((bad.GetProperty("name").GetString(), bad.GetProperty("message").GetString()), Is.EqualTo(("Bad", "broken on purpose")));
        Assert.That(Int(doc.GetProperty("suites")[0], "fail"), Is.EqualTo(1));
    }

    [Test]
    public void A_re_run_suite_reports_its_attempts_and_the_merged_statistics()
    {
        var (_, doc, _) = Document("flaky");
        Assert.That((doc.GetProperty("state").GetString(), Int(doc, "rc"), Int(doc, "attempts"), Int(doc, "max_attempts")),
            Is.EqualTo((RunState.Passed, 0, 2, 2)));
        var stats = doc.GetProperty("statistics");
        Assert.That((Int(stats, "pass"), Int(stats, "fail")), Is.EqualTo((2, 0)));
        Assert.That(doc.GetProperty("output_xml").GetString(), Does.EndWith("_output.xml").And.Not.Contain("attempt"));
    }

    [Test]
    public void A_suite_RF_rejects_with_rc_252_is_an_error_with_RF_reason()
    {
        var (_, doc, _) = Document("rejected");
        Assert.That((doc.GetProperty("state").GetString(), Int(doc, "rc")), Is.EqualTo((RunState.Error, 252)));
        Assert.That(doc.GetProperty("error").GetString(), Does.Contain("contains no tests matching tag"));
        Assert.That(doc.GetProperty("statistics").ValueKind, Is.EqualTo(JsonValueKind.Null));
    }

    [Test]
    public void A_timed_out_suite_is_a_timeout()
    {
        var (_, doc, _) = Document("slow");
        Assert.That(doc.GetProperty("state").GetString(), Is.EqualTo(RunState.Timeout));
        Assert.That(doc.GetProperty("error").GetString(), Does.Contain("timed out"));
        Assert.That(doc.GetProperty("duration").GetDouble(), Is.LessThan(60), "stopped, not slept through");
    }

    [Test]
    public void The_agent_section_is_unchanged_by_the_history()
    {
        var section = RunnerHarness.SectionJson(_section);
        Assert.That(section["errors"], Is.Empty);
        Assert.That(section.Keys, Is.EquivalentTo(new[] { "version", "execution_mode", "status", "run_id", "start_time", "end_time", "suites_run", "passed", "failed", "fatal", "skipped", "deferred", "not_due", "errors", "message" }));
    }
}
