using Robotmk.Runner.Processes;
using Robotmk.Tests.Support;

namespace Robotmk.Tests.Runner;

/// <summary>
/// The warm launcher with each RF version a user may have (3.2 to 7.4): it imports RF, runs its built-in warm-up suite
/// (nothing of which reaches its reply channel) and forks children that run suites as RF would; a warm-up that fails
/// leaves a launcher that still serves, and says why.
/// </summary>
[Category("Integration")]
[Platform("Linux")]
public class WarmLauncherTests
{
    public static IEnumerable<TestCaseData> Versions() =>
    [
        .. new[] { "3.2.2", "4.1.3", "5.0.1", "6.1.1" }.Select(v =>
            new TestCaseData(v, Path.Join(TestPaths.Shared, "peers", "robotframework-versions", v, "src")).SetArgDisplayNames("RF " + v)),
        new TestCaseData("7.4.2", Path.Join(TestPaths.Shared, "peers", "robotframework", "src")).SetArgDisplayNames("RF 7.4.2"),
    ];

    private const string Suite = """
        *** Settings ***
        Library    Collections

        *** Test Cases ***
        Doubles
            ${x}=    Evaluate    21 * 2
            Should Be Equal As Integers    ${x}    42
            ${list}=    Create List    a
            Length Should Be    ${list}    1
        """;

    [TestCaseSource(nameof(Versions))]
    public void Warms_up_and_forks_a_child_that_runs_a_suite(string version, string source)
    {
        using var tmp = new TempDir();
        using var launcher = Start(source, [], out var detail);

        Assert.That(launcher, Is.Not.Null, detail);
        Assert.That(launcher!.RfVersion, Is.EqualTo(version));
        Assert.That(launcher.WarmUpMilliseconds, Is.Not.Null, launcher.WarmUpProblem);
        Assert.That(launcher.Preparation, Does.Match($@"^RF {version.Replace(".", "\\.")} imported and warmed up by a \d+ ms run of a built-in suite$"));

        var (rc, output, usage) = RunSuite(launcher, tmp, source);

        Assert.That(rc, Is.Zero, output);
        Assert.That(output, Does.Contain("status=\"PASS\""));
        Assert.That(usage.UserCpuSeconds + usage.SystemCpuSeconds, Is.GreaterThan(0.005), usage.ToString());
        Assert.That(usage.PeakMemoryBytes, Is.InRange(10L << 20, 1L << 30), usage.ToString());
    }

    /// <summary>
    /// The end of the warm-up run closes RF's logger without its console output; a child must still report what goes
    /// wrong before its run starts (a bad option) as a new interpreter does.
    /// </summary>
    [TestCaseSource(nameof(Versions))]
    public void A_child_reports_a_bad_option_on_stderr_as_a_new_interpreter_does(string version, string source)
    {
        using var tmp = new TempDir();
        using var launcher = Start(source, [], out var detail);
        Assert.That(launcher, Is.Not.Null, detail);
        Assert.That(launcher!.WarmUpMilliseconds, Is.Not.Null, launcher.WarmUpProblem);
        var suite = tmp.File("doubles.robot", Suite);

        var child = launcher.Launch("robot", ["--outputdir", tmp.Path, "--bogus", suite], tmp.Path,
            new Dictionary<string, string>(StringComparer.Ordinal) { ["PATH"] = "/usr/bin:/bin", ["PYTHONPATH"] = source });
        Assert.That(child, Is.Not.Null);
        Assert.That(launcher.WaitExit(child!, TimeSpan.FromMinutes(1), out var rc, out _), Is.EqualTo(WarmLauncher.Wait.Exited));

        Assert.That(rc, Is.EqualTo(252));
        Assert.That(WarmLauncher.Tail(child!.Stderr, 4096).ToText(), Does.Contain("option --bogus not recognized"));
    }

    [Test]
    public void A_warm_up_that_fails_is_named_and_the_launcher_still_serves()
    {
        using var tmp = new TempDir();
        var source = Path.Join(TestPaths.Shared, "peers", "robotframework", "src");
        // RF reads ROBOT_OPTIONS itself: in the launcher's environment it selects no test of the warm-up suite (rc 252).
        // The runner never passes it to the launcher; a child gets only the environment of its request.
        using var launcher = Start(source, [new("ROBOT_OPTIONS", "--include no-test-has-this-tag")], out var detail);

        Assert.That(launcher, Is.Not.Null, detail);
        Assert.That(launcher!.WarmUpMilliseconds, Is.Null);
        Assert.That(launcher.WarmUpProblem, Is.EqualTo("the built-in suite ended with rc 252"));
        Assert.That(launcher.Preparation, Is.EqualTo("RF 7.4.2 imported; its warm-up run failed, so each child does RF's first-run work itself: the built-in suite ended with rc 252"));
        var (rc, output, _) = RunSuite(launcher, tmp, source);
        Assert.That(rc, Is.Zero, output);
    }

    [Test]
    public void A_launcher_started_for_a_second_program_waits_no_longer_than_that_program_may_run_nor_past_a_stop()
    {
        var source = Path.Join(TestPaths.Shared, "peers", "robotframework", "src");
        var started = new List<System.Diagnostics.Process>();
        using var pool = WarmLauncherPool.Start(Python(), Setsid(), Environment(source), 3, p => { p.Start(); started.Add(p); }, _ => { }, out var detail);
        Assert.That(pool, Is.Not.Null, detail);
        var first = pool!.Take(TimeSpan.FromMinutes(1), CancellationToken.None);
        Assert.That(first, Is.SameAs(pool.First), "the idle first launcher serves first");

        using var stop = new CancellationTokenSource();
        stop.Cancel();
        Assert.That(pool.Take(TimeSpan.FromMinutes(1), stop.Token), Is.Null);
        Assert.That(pool.StartFailure, Is.Null, "a stop is no fault of the launcher: the next program may start one");

        Assert.That(pool.Take(TimeSpan.FromMilliseconds(1), CancellationToken.None), Is.Null, "importing RF takes longer than 1 ms");
        Assert.That(pool.StartFailure, Does.Match(@"did not start it within 0 s"));
        Assert.That(pool.Take(TimeSpan.FromMinutes(1), CancellationToken.None), Is.Null, "after a failed start, programs that find none idle are spawned");
        Assert.That(started, Has.Count.EqualTo(3), "the first launcher, the one given up at the stop and the one given up at its budget");

        pool.Return(first!);
        Assert.That(pool.Take(TimeSpan.FromMinutes(1), CancellationToken.None), Is.SameAs(first), "a returned launcher serves again");
    }

    [TestCase("ready 7.4.2 warmed=48", "7.4.2", 48, "")]
    [TestCase("ready 3.2.2 cold the built-in suite ended with rc 252", "3.2.2", null, "the built-in suite ended with rc 252")]
    [TestCase("ready 7.4.2", "7.4.2", null, "the launcher did not say how its warm-up went")]
    [TestCase("ready 7.4.2 warmed=-1", "7.4.2", null, "the launcher did not say how its warm-up went")]
    [TestCase("ready 7.4.2 warmed=12 extra", "7.4.2", null, "the launcher did not say how its warm-up went")]
    public void The_ready_line_gives_RF_s_version_and_how_the_warm_up_went(string line, string version, int? ms, string problem) =>
        Assert.That(WarmLauncher.ReadyLine.Parse(line), Is.EqualTo((version, ms, problem)));

    private static WarmLauncher? Start(string source, KeyValuePair<string, string>[] extra, out string detail)
    {
        var environment = Environment(source);
        foreach (var (k, v) in extra)
            environment[k] = v;
        return WarmLauncher.Start(Python(), Setsid(), environment, out detail);
    }

    private static Dictionary<string, string> Environment(string source) => new(StringComparer.Ordinal)
    {
        ["PATH"] = System.Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin",
        ["HOME"] = Path.GetTempPath(),
        ["PYTHONPATH"] = source,
    };

    private static string Python() => ExecutableResolver.Resolve("python3") ?? throw new InvalidOperationException("python3 not found");

    private static string Setsid() => ExecutableResolver.Resolve("setsid") ?? throw new InvalidOperationException("setsid not found");

    [TestCase("exited 42 0 81234 12000 40960", 42, true, 0, 0.081, 0.012, 40960L * 1024)]
    [TestCase("exited 42 143 5 0 0", 42, true, 143, 0.0, 0.0, null)]
    [TestCase("exited 43 0 1 1 1", 42, false, -1, null, null, null)]
    [TestCase("exited 42 0", 42, false, -1, null, null, null)]
    [TestCase("exited 42 1 x 1 1", 42, true, 1, null, null, null)]
    [TestCase("started 42", 42, false, -1, null, null, null)]
    public void The_exited_line_gives_the_child_s_rc_and_usage(string line, int pid, bool parsed, int rc, double? user, double? system, long? peak)
    {
        Assert.That(WarmLauncher.ExitedLine.TryParse(line, pid, out var gotRc, out var usage), Is.EqualTo(parsed));
        Assert.That((gotRc, usage), Is.EqualTo((rc, new ResourceUsage(user, system, peak))));
    }

    private static (int Rc, string Output, ResourceUsage Usage) RunSuite(WarmLauncher launcher, TempDir tmp, string source)
    {
        var suite = tmp.File("doubles.robot", Suite);
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["PATH"] = System.Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin",
            ["PYTHONPATH"] = source,
        };
        var child = launcher.Launch("robot", ["--outputdir", tmp.Path, "--output", "output.xml", "--log", "NONE", "--report", "NONE", "--console", "quiet", suite],
            tmp.Path, environment);
        Assert.That(child, Is.Not.Null, "the launcher started no child");
        Assert.That(launcher.WaitExit(child!, TimeSpan.FromMinutes(1), out var rc, out var usage), Is.EqualTo(WarmLauncher.Wait.Exited));
        var stderr = WarmLauncher.Tail(child!.Stderr, 4096).ToText();
        var output = Path.Join(tmp.Path, "output.xml");
        return (rc, File.Exists(output) ? File.ReadAllText(output) : "no output.xml; stderr: " + stderr, usage);
    }
}
