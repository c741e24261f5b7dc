using System.Reflection;
using Robotmk.Cli;
using Robotmk.State;
using Robotmk.Tests.Controller.Support;
using Robotmk.Tests.Runner;
using Robotmk.Tests.Support;
using BakeryRun = Robotmk.Tests.Bakery.CliRun;

namespace Robotmk.Tests.Cli;

/// <summary>
/// One exit-code convention for robotmk-runner, robotmk and robotmk-bakery: README.md's table says what
/// <see cref="ExitCode"/> defines, and each program returns the code the table documents for the situation.
/// </summary>
public sealed class ExitCodeTests
{
    public enum Tool { Runner, Controller, Bakery }

    private static readonly DateTimeOffset Now = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    private sealed record TableRow(int Code, string Meaning, string[] Programs);

    /// <summary>The rows of the table under "### Exit codes" in README.md.</summary>
    private static List<TableRow> ReadmeTable()
    {
        var lines = File.ReadAllLines(Path.Join(TestPaths.RepoRoot, "README.md"));
        var heading = Array.IndexOf(lines, "### Exit codes");
        Assert.That(heading, Is.GreaterThanOrEqualTo(0), "README.md has no '### Exit codes' section");
        var table = lines.Skip(heading + 1).TakeWhile(l => !l.StartsWith('#')).Where(l => l.StartsWith('|')).ToList();
        Assert.That(table, Has.Count.GreaterThan(2), "the exit-code section has no table");
        Assert.That(Cells(table[0]), Is.EqualTo(new[] { "code", "meaning", "`robotmk-runner`", "`robotmk`", "`robotmk-bakery`" }));
        return [.. table.Skip(2).Select(Cells).Select(c => new TableRow(int.Parse(c[0], System.Globalization.CultureInfo.InvariantCulture), c[1], c[2..]))];
    }

    private static string[] Cells(string row) => [.. row.Trim().Trim('|').Split('|').Select(c => c.Trim())];

    /// <summary>"not all good" → "NotAllGood": the meaning column spells the constant's name in words.</summary>
    private static string ConstantName(string meaning) =>
        string.Concat(meaning.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(w => char.ToUpperInvariant(w[0]) + w[1..]));

    [Test]
    public void The_readme_table_lists_exactly_the_exit_codes_the_programs_use()
    {
        var defined = typeof(ExitCode).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral)
            .Select(f => ((int)f.GetRawConstantValue()!, f.Name))
            .OrderBy(c => c.Item1);

        var rows = ReadmeTable();

        Assert.That(rows.Select(r => (r.Code, ConstantName(r.Meaning))), Is.EqualTo(defined));
        foreach (var row in rows)
            Assert.That(row.Programs, Has.Length.EqualTo(3).And.None.Empty, $"code {row.Code}: one cell per program ('—' where it does not apply)");
    }

    [Test]
    public void The_numbers_are_those_of_the_runner_and_controller_that_baked_units_and_scripts_rely_on()
    {
        Assert.That(ExitCode.Success, Is.EqualTo(0));
        Assert.That(ExitCode.NotAllGood, Is.EqualTo(1));
        Assert.That(ExitCode.InvalidInput, Is.EqualTo(2));
        Assert.That(ExitCode.Busy, Is.EqualTo(3));
        Assert.That(ExitCode.InternalError, Is.EqualTo(4));
    }

    [Test]
    public void An_unknown_option_is_invalid_input([Values] Tool program)
    {
        var (rc, stderr) = program switch
        {
            Tool.Runner => RunRunner(_ => { }, "--no-such-option"),
            Tool.Controller => RunController(_ => { }, "--no-such-option"),
            _ => RunBakery(_ => { }, "--no-such-option"),
        };

        Assert.That(rc, Is.EqualTo(ExitCode.InvalidInput));
        Assert.That(stderr, Does.Contain("no-such-option"), "the usage error names the option");
    }

    [Test]
    public void Runner_agent_mode_succeeds_even_with_an_unusable_robotmk_yml()
    {
        var (rc, _) = RunRunner(h => File.WriteAllText(h.ConfigFile, "global: [unclosed\n"));

        Assert.That(rc, Is.EqualTo(ExitCode.Success));
    }

    [Test]
    public void Runner_validate_succeeds_for_a_valid_robotmk_yml() =>
        Assert.That(RunRunner(ValidRunnerConfig, "validate").Rc, Is.EqualTo(ExitCode.Success));

    [TestCase("validate")]
    [TestCase("run")]
    public void Runner_commands_report_an_unusable_robotmk_yml_as_invalid_input(string command) =>
        Assert.That(RunRunner(h => File.WriteAllText(h.ConfigFile, "global: [unclosed\n"), command).Rc, Is.EqualTo(ExitCode.InvalidInput));

    [Test]
    public void Runner_run_is_busy_while_another_runner_holds_the_lock()
    {
        FileStream? held = null;
        try
        {
            var (rc, stderr) = RunRunner(h =>
            {
                ValidRunnerConfig(h);
                Directory.CreateDirectory(h.StateDir);
                held = new FileStream(Path.Join(h.StateDir, StateFiles.LockFileName), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }, "run");

            Assert.That(rc, Is.EqualTo(ExitCode.Busy));
            Assert.That(stderr, Does.Contain("another runner"));
        }
        finally
        {
            held?.Dispose();
        }
    }

    [Test]
    public void Runner_run_is_busy_when_the_state_folder_cannot_be_created()
    {
        var (rc, stderr) = RunRunner(h =>
        {
            ValidRunnerConfig(h);
            Directory.CreateDirectory(h.VarDir);
            File.WriteAllText(h.StateDir, "a file where the state folder belongs");
        }, "run");

        Assert.That(rc, Is.EqualTo(ExitCode.Busy));
        Assert.That(stderr, Does.Contain("cannot be created"));
    }

    [Test]
    public void Controller_section_succeeds_even_without_any_state() =>
        Assert.That(RunController(_ => { }).Rc, Is.EqualTo(ExitCode.Success));

    [Test]
    public void Controller_status_succeeds_when_the_server_will_see_no_problem()
    {
        var (rc, _) = RunController(h =>
        {
            var s = h.State().Suite("good");
            s.IdleRunner(Now.AddMinutes(-2), Now.AddMinutes(-1));
            s.Done(s.Result("good", "pass", 0, Now.AddMinutes(-2), Now.AddMinutes(-1)));
        }, "status");

        Assert.That(rc, Is.EqualTo(ExitCode.Success));
    }

    [Test]
    public void Controller_status_is_not_all_good_when_the_runner_never_ran() =>
        Assert.That(RunController(_ => { }, "status").Rc, Is.EqualTo(ExitCode.NotAllGood));

    [Test]
    public void Controller_a_malformed_option_value_is_invalid_input() =>
        Assert.That(RunController(_ => { }, "section", "--max-payload-bytes", "lots").Rc, Is.EqualTo(ExitCode.InvalidInput));

    [Test]
    public void Bakery_validate_succeeds_for_a_valid_rule_file() =>
        Assert.That(RunBakery(dir => File.WriteAllText(Path.Join(dir, "rules.yml"), "suites:\n  - path: checkout\n"), "validate", "rules.yml").Rc,
            Is.EqualTo(ExitCode.Success));

    [Test]
    public void Bakery_an_invalid_rule_file_is_invalid_input() =>
        Assert.That(RunBakery(dir => File.WriteAllText(Path.Join(dir, "rules.yml"), "suites: []\n"), "bake", "rules.yml", "--out", "out").Rc,
            Is.EqualTo(ExitCode.InvalidInput));

    [Test]
    public void Bakery_trees_that_cannot_be_written_are_not_all_good()
    {
        var (rc, _) = RunBakery(dir =>
        {
            File.WriteAllText(Path.Join(dir, "rules.yml"), "suites:\n  - path: checkout\n");
            File.WriteAllText(Path.Join(dir, "out"), "a file where the output folder belongs");
        }, "bake", "rules.yml", "--out", "out");

        Assert.That(rc, Is.EqualTo(ExitCode.NotAllGood));
    }

    private static void ValidRunnerConfig(RunnerHarness h)
    {
        h.Suite("a.robot", "*** Test Cases ***\nA\n    Log    a\n");
        h.Config("a.robot:\n  path: a.robot");
    }

    private static (int Rc, string Err) RunRunner(Action<RunnerHarness> arrange, params string[] args)
    {
        using var h = new RunnerHarness();
        arrange(h);
        var (rc, _, err) = h.Run(args);
        return (rc, err);
    }

    private static (int Rc, string Err) RunController(Action<ControllerHarness> arrange, params string[] args)
    {
        using var temp = new TempDir();
        var h = new ControllerHarness(temp, new FakeClock(Now));
        arrange(h);
        var (rc, _, err) = h.Run(args);
        return (rc, err);
    }

    private static (int Rc, string Err) RunBakery(Action<string> arrange, params string[] args)
    {
        using var temp = new TempDir();
        arrange(temp.Path);
        var run = BakeryRun.Invoke(temp.Path, args);
        return (run.ExitCode, run.Stderr);
    }
}
