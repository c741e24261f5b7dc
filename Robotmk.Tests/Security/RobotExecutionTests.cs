using Robotmk.State;
using Robotmk.Tests.Runner;
using Robotmk.Tests.Support;

namespace Robotmk.Tests.Security;

/// <summary>
/// The attacks on how the runner starts the real RF: secrets on the command line and in the log, code planted in
/// outputdir imported by rebot, variables in the runner's environment that change what RF does, forged log lines.
/// </summary>
[NonParallelizable]
public class RobotExecutionTests
{
    private const string Secret = "s3cret with spaces = and 'quotes'";

    private static string Script(string path, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(path, (UnixFileMode)0b111_101_101);
        return path;
    }

    /// <summary>How the runner starts RF, instead of the harness's <c>robot</c>.</summary>
    private static void Launch(RunnerHarness h, string setting) =>
        File.WriteAllText(h.ConfigFile, File.ReadAllText(h.ConfigFile).Replace($"robot: {h.Robot}", setting, StringComparison.Ordinal));

    private static string RunnerLog(RunnerHarness h) =>
        string.Join("\n", Directory.GetFiles(h.OutputDir, RunnerLogFiles).Select(File.ReadAllText));

    private const string RunnerLogFiles = Robotmk.Runner.Logging.RunnerLog.FilePrefix + "*.log";

    [Test]
    public void Variable_values_are_neither_on_RF_command_line_nor_in_the_log()
    {
        using var h = new RunnerHarness();
        var seen = Path.Join(h.Root, "seen");
        Directory.CreateDirectory(seen);
        // Stands in for robot: records what every user can read of it (/proc/PID/cmdline) and the modes of the argument
        // file and its folder, then becomes the real robot.
        var robot = Script(Path.Join(h.Root, "bin", "robot"), $"""
            #!/bin/sh
            tr '\0' '\n' < /proc/$$/cmdline > '{seen}/cmdline'
            prev=
            for a in "$@"; do
              if [ "$prev" = --argumentfile ]; then echo "$a" > '{seen}/argfile'; stat -c '%a' "$a" "$(dirname "$a")" > '{seen}/modes'; fi
              prev=$a
            done
            exec '{TestPaths.Robot}' "$@"
            """);
        File.CreateSymbolicLink(Path.Join(h.Root, "bin", "rebot"), TestPaths.Rebot);
        h.Suite("secret/secret.robot", $$"""
            *** Test Cases ***
            Login
                Should Be Equal    ${PASSWORD}    {{Secret}}
                Should Be Equal    ${OFFSET}    -1
            """);
        h.Config($$"""
            secret:
              path: secret
              robot_params:
                variable: {PASSWORD: "{{Secret}}", OFFSET: "-1"}
            """);
        Launch(h, $"robot: {robot}");

        h.Run("run");

        var result = h.SuiteState("secret").Result!;
        Assert.That(result.Status, Is.EqualTo(SuiteResult.NonFatal), result.Error);
        Assert.That(result.Rc, Is.Zero, "RF got the values");
        var cmdline = File.ReadAllText(Path.Join(seen, "cmdline"));
        Assert.That(cmdline, Does.Not.Contain("s3cret").And.Not.Contain("OFFSET"));
        var modes = File.ReadAllLines(Path.Join(seen, "modes"));
        Assert.That(modes, Is.EqualTo(new[] { "600", "700" }), "argument file and folder");
        var argfile = File.ReadAllText(Path.Join(seen, "argfile")).Trim();
        Assert.That(Path.GetDirectoryName(Path.GetDirectoryName(argfile)), Is.EqualTo(Path.Join(h.StateDir, "private")));
        Assert.That(File.Exists(argfile) || Directory.Exists(Path.GetDirectoryName(argfile)), Is.False, "removed after the run");
        var log = RunnerLog(h);
        Assert.That(log, Does.Contain("--argumentfile").And.Not.Contain("s3cret"));
    }

    [Test]
    public void What_a_killed_run_left_in_the_private_folder_is_deleted_by_the_next_run()
    {
        using var h = new RunnerHarness();
        var leftover = Path.Join(h.StateDir, "private", "killed-run");
        Directory.CreateDirectory(leftover);
        File.WriteAllText(Path.Join(leftover, "variables.args"), "--variable=PASSWORD:s3cret\n");
        PassingSuite.Configure(h, "variable: {PASSWORD: s3cret}");

        h.Run("run");

        Assert.That(h.SuiteState("a").Result!.Rc, Is.Zero);
        Assert.That(Directory.Exists(leftover), Is.False);
        Assert.That(Directory.EnumerateFileSystemEntries(Path.Join(h.StateDir, "private")), Is.Empty);
    }

    [Test]
    public void A_variable_that_stays_on_the_command_line_is_masked_in_the_log()
    {
        using var h = new RunnerHarness();
        h.Suite("secret/secret.robot", "*** Test Cases ***\nLogin\n    Should Contain    ${PASSWORD}    second\n");
        h.Config("""
            secret:
              path: secret
              robot_params:
                variable: {PASSWORD: "s3cret first\nsecond"}
            """);

        h.Run("run");

        Assert.That(h.SuiteState("secret").Result!.Rc, Is.Zero, h.SuiteState("secret").Result!.Error);
        var log = RunnerLog(h);
        Assert.That(log, Does.Contain("--variable PASSWORD:***").And.Not.Contain("s3cret"));
    }

    [TestCase("3.10.13")]
    [TestCase("3.11.7")]
    public void Rebot_merging_attempts_does_not_import_code_planted_in_outputdir(string pythonVersion)
    {
        var interpreter = Path.Join(Environment.GetEnvironmentVariable("HOME") ?? "/root", ".pyenv", "versions", pythonVersion, "bin", "python3");
        if (!File.Exists(interpreter))
            Assert.Ignore($"Python {pythonVersion} is not installed at {interpreter}");
        using var h = new RunnerHarness();
        // An admin's Python that finds RF by itself (a venv would); `python -m robot.rebot` puts its working
        // directory first on sys.path.
        var python = Script(Path.Join(h.Root, "bin", "python"), $"""
            #!/bin/sh
            PYTHONPATH='{Path.Join(TestPaths.RobotBin, "..", "src")}'
            export PYTHONPATH
            exec '{interpreter}' "$@"
            """);
        var marker = Path.Join(h.Root, "imported-from-outputdir");
        Directory.CreateDirectory(Path.Join(h.OutputDir, "robot"));
        File.WriteAllText(Path.Join(h.OutputDir, "robot", "__init__.py"), $"open(r'{marker}', 'w').write('imported')\n");
        h.Suite("flaky/flaky.robot", "*** Test Cases ***\nAlways fails\n    Fail    boom\n");
        h.Config("""
            flaky:
              path: flaky
              failed_handling:
                max_iterations: 2
                strategy: {name: complete}
            """);
        Launch(h, $"python: {python}");

        h.Run("run");

        Assert.That(File.Exists(marker), Is.False, "rebot imported outputdir/robot/__init__.py");
        var result = h.SuiteState("flaky").Result!;
        Assert.That((result.Status, result.Rc, result.Attempts), Is.EqualTo((SuiteResult.NonFatal, 1, 2)), result.Error);
    }

    [Test]
    public void RF_options_and_Python_settings_in_the_runner_environment_do_not_change_the_run()
    {
        using var h = new RunnerHarness();
        var syslog = Path.Join(h.Root, "syslog.txt");
        var pythonPath = Path.Join(h.Root, "inherited-pythonpath");
        var marker = Path.Join(h.Root, "sitecustomize-ran");
        Directory.CreateDirectory(pythonPath);
        File.WriteAllText(Path.Join(pythonPath, "sitecustomize.py"), $"open(r'{marker}', 'w').write('ran')\n");
        h.Suite("fails/fails.robot", "*** Test Cases ***\nFails\n    Fail    boom\n");
        h.Config("fails:\n  path: fails\n");
        (string Name, string Value)[] inherited =
            [("ROBOT_OPTIONS", "--dryrun"), ("ROBOT_SYSLOG_FILE", syslog), ("PYTHONPATH", pythonPath)];
        foreach (var (name, value) in inherited)
            Environment.SetEnvironmentVariable(name, value);
        try
        {
            h.Run("run");
        }
        finally
        {
            foreach (var (name, _) in inherited)
                Environment.SetEnvironmentVariable(name, null);
        }

        var result = h.SuiteState("fails").Result!;
        Assert.That((result.Status, result.Rc), Is.EqualTo((SuiteResult.NonFatal, 1)), "ROBOT_OPTIONS=--dryrun would pass the failing test");
        Assert.That(File.Exists(syslog), Is.False, "ROBOT_SYSLOG_FILE");
        Assert.That(File.Exists(marker), Is.False, "PYTHONPATH");
    }

    [Test]
    public void A_suite_env_still_sets_what_the_runner_environment_may_not()
    {
        using var h = new RunnerHarness();
        h.Suite("env/env.robot", "*** Test Cases ***\nEnv\n    Should Be Equal    %{ROBOT_OPTIONS}    --loglevel DEBUG\n    Should Be Equal    %{PYTHONSAFEPATH}    1\n");
        h.Config("env:\n  path: env\n  env: {ROBOT_OPTIONS: --loglevel DEBUG}\n");

        h.Run("run");

        var result = h.SuiteState("env").Result!;
        Assert.That((result.Status, result.Rc), Is.EqualTo((SuiteResult.NonFatal, 0)), result.Error);
    }

    [Test]
    public void The_command_line_of_a_process_a_killed_run_left_running_is_logged_masked()
    {
        using var h = new RunnerHarness();
        h.Suite("a/a.robot", "*** Test Cases ***\nT\n    No Operation\n");
        h.Config("a:\n  path: a\n");
        h.Run("run");
        // As a runner killed in its run leaves its state: "running", its pid gone.
        using (var gone = System.Diagnostics.Process.Start("true"))
        {
            gone.WaitForExit();
            StateFiles.Write(StateFiles.RunnerFile(h.StateDir), h.RunnerState() with { Status = RunnerState.StatusRunning, Pid = gone.Id, EndTime = null });
        }
        var marker = Robotmk.Runner.Processes.ProcessMarker.ForStateDir(h.StateDir);
        var left = Pids.StartDetached(new Dictionary<string, string> { [marker.Name] = marker.Value }, "sh", "-c", "sleep 300; :", "sh", "--variable", "PASSWORD:s3cret");
        try
        {
            h.Run("run");
        }
        finally
        {
            Pids.Kill(left);
        }

        Assert.That(RunnerLog(h), Does.Contain($"{left} sh -c 'sleep 300; :' sh --variable PASSWORD:***").And.Not.Contain("s3cret"));
    }

    [Test]
    public void A_line_break_in_a_configured_value_cannot_forge_a_log_line()
    {
        using var h = new RunnerHarness();
        PassingSuite.Configure(h, "name: \"Checkout\\n2026-12-06T10:00:00.000000+00:00 1 ERROR FORGED\"");

        h.Run("run");

        var lines = RunnerLog(h).Split('\n');
        Assert.That(lines.Where(l => l.Contains("FORGED", StringComparison.Ordinal)), Is.Not.Empty);
        Assert.That(lines.Where(l => l.StartsWith("2026-12-06T10:00:00.000000+00:00 1 ERROR FORGED", StringComparison.Ordinal)), Is.Empty);
    }
}
