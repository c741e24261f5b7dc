using Robotmk.Runner.Processes;
using Robotmk.Runner.RobotFramework;
using Robotmk.Tests.Support;

namespace Robotmk.Tests.Runner;

public class AttemptClassifierTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private static (ProcessOutcome Outcome, OutputXmlReport Output) Fixture(string @case)
    {
        var dir = Path.Join(TestPaths.Fixtures, @case);
        var rc = int.Parse(File.ReadAllText(Path.Join(dir, "rc.txt")).Trim());
        var stderr = File.ReadAllText(Path.Join(dir, "stderr.txt"));
        return (new ProcessOutcome { ExitCode = rc, StderrTail = stderr }, OutputXmlInspector.Inspect(Path.Join(dir, "output.xml")));
    }

    [TestCase("pass", 0)]
    [TestCase("fail", 1)]
    [TestCase("nonascii", 2)]
    [TestCase("rc250", 250)]
    [TestCase("sigterm", 2)]
    [TestCase("bad_data/errors_in_valid_suite", 0)]
    public void Complete_output_is_usable_with_RF_rc(string @case, int rc)
    {
        var (outcome, output) = Fixture(@case);
        var v = AttemptClassifier.Classify(1, "robot", outcome, output, Timeout);
        Assert.That(v.Usable, Is.True, v.Error);
        Assert.That(v.Rc, Is.EqualTo(rc));
        Assert.That(v.Error, Is.Null);
    }

    [TestCase("bad_data/no_tests", "contains no tests or tasks")]
    [TestCase("bad_data/missing_path", "does not exist")]
    [TestCase("bad_data/unknown_option", "option --nosuchoption not recognized")]
    [TestCase("bad_data/bad_option_value", "Invalid value for option")]
    public void Rc_252_is_fatal_and_carries_RFs_reason(string @case, string reason)
    {
        var (outcome, output) = Fixture(@case);
        var v = AttemptClassifier.Classify(1, "robot", outcome, output, Timeout);
        Assert.That(v.Usable, Is.False);
        Assert.That(v.Rc, Is.EqualTo(252));
        Assert.That(v.Error, Does.Contain("rc 252").And.Contain(reason));
        Assert.That(v.Error, Does.Not.Contain("Try --help"));
    }

    [TestCase("sigkill", "empty")]
    [TestCase("sigkill_partial", "truncated")]
    [TestCase("memory_error", "truncated or malformed")]
    public void Killed_or_crashed_RF_is_fatal_because_output_is_unusable(string @case, string what)
    {
        var (outcome, output) = Fixture(@case);
        var v = AttemptClassifier.Classify(1, "robot", outcome, output, Timeout);
        Assert.That(v.Usable, Is.False);
        Assert.That(v.Error, Does.Contain(what));
        Assert.That(v.Error, Does.Contain($"rc {outcome.ExitCode}"));
    }

    [Test]
    public void Sigkill_exit_code_names_the_signal()
    {
        var (outcome, output) = Fixture("sigkill");
        var v = AttemptClassifier.Classify(1, "robot", outcome, output, Timeout);
        Assert.That(v.Error, Does.Contain("signal 9"));
    }

    [TestCase("sigterm_twice")]
    [TestCase("sys_exit")]
    public void Rc_253_is_a_forced_stop(string @case)
    {
        var (outcome, output) = Fixture(@case);
        var v = AttemptClassifier.Classify(1, "robot", outcome, output, Timeout);
        Assert.That(v.Usable, Is.False);
        Assert.That(v.Error, Does.Contain("rc 253").And.Contain("Execution stopped by user"));
    }

    [Test]
    public void Rc_251_help_or_version_is_fatal()
    {
        var v = AttemptClassifier.Classify(1, "robot", new ProcessOutcome { ExitCode = 251 }, new OutputXmlReport(OutputXmlState.Missing, "x"), Timeout);
        Assert.That(v.Error, Does.Contain("rc 251"));
    }

    [Test]
    public void Program_that_cannot_start_is_fatal_naming_the_command()
    {
        var v = AttemptClassifier.Classify(1, "python3 -m robot", new ProcessOutcome { StartError = "program 'python3' not found" },
            new OutputXmlReport(OutputXmlState.Missing, "x"), Timeout);
        Assert.That(v.Usable, Is.False);
        Assert.That(v.Error, Does.StartWith("Robot Framework could not be started (python3 -m robot): program 'python3' not found"));
    }

    [Test]
    public void Timeout_is_fatal_even_when_RF_wrote_a_complete_output()
    {
        var (outcome, output) = Fixture("sigterm");
        var v = AttemptClassifier.Classify(1, "robot", outcome with { TimedOut = true }, output, TimeSpan.FromSeconds(3));
        Assert.That(v.Usable, Is.False);
        Assert.That(v.TimedOut, Is.True);
        Assert.That(v.Error, Does.StartWith("timed out after 3 s").And.Contain("stopped gracefully").And.Contain("partial output.xml was kept"));
    }

    [Test]
    public void Timeout_with_kill_says_the_tree_was_killed()
    {
        var v = AttemptClassifier.Classify(1, "robot", new ProcessOutcome { ExitCode = 137, TimedOut = true, Killed = true },
            new OutputXmlReport(OutputXmlState.Empty, "x"), TimeSpan.FromSeconds(5));
        Assert.That(v.Error, Does.Contain("process tree was killed"));
    }

    [Test]
    public void Timeout_on_Windows_says_the_job_was_ended_at_once_not_stopped_gracefully()
    {
        var v = AttemptClassifier.Classify(1, "robot.exe", new ProcessOutcome { ExitCode = -1, TimedOut = true, EndedAtOnce = true },
            new OutputXmlReport(OutputXmlState.Empty, "x"), TimeSpan.FromSeconds(5));
        Assert.That(v.Error, Is.EqualTo("timed out after 5 s: Robot Framework was ended at once with its process tree and job " +
                                        "(Windows has no graceful stop; test teardowns did not run)"));
    }

    [Test]
    public void Stop_on_Windows_says_the_job_was_ended_at_once_not_stopped_gracefully()
    {
        var v = AttemptClassifier.Classify(1, "robot.exe", new ProcessOutcome { ExitCode = -1, TimedOut = true, Stopped = true, EndedAtOnce = true },
            new OutputXmlReport(OutputXmlState.Empty, "x"), TimeSpan.FromSeconds(5));
        Assert.That(v.Error, Does.StartWith("stopped: the runner was asked to stop").And.EndWith("RF was ended at once with its process tree and job " +
                                            "(Windows has no graceful stop; test teardowns did not run)"));
    }

    [Test]
    public void Stderr_reason_without_error_lines_is_the_last_line()
    {
        Assert.That(AttemptClassifier.StderrReason("Traceback (most recent call last):\n  File x\nMemoryError\n"), Is.EqualTo("MemoryError"));
        Assert.That(AttemptClassifier.StderrReason(""), Is.Null);
    }
}
