using Robotmk.Bakery.Rendering;

namespace Robotmk.Tests.Bakery;

public class BakeryCliTests
{
    private const string ValidRules = "suites:\n  - path: checkout\n  - path: login.robot\n";

    [Test]
    public void Validate_reports_a_valid_file_on_stdout_with_its_key_numbers()
    {
        using var dir = new TempDir();
        dir.File("rules.yml", ValidRules);

        var run = CliRun.Invoke(dir.Path, "validate", "rules.yml");

        Assert.That(run.ExitCode, Is.Zero);
        Assert.That(run.Stderr, Is.Empty);
        Assert.That(run.Stdout, Is.EqualTo(
            "rules.yml is valid: agent_serial, 2 suite(s) (checkout, login.robot); every 900 s, cache_time 1800 s, runner timeout 870 s, run budget 840 s\n"));
    }

    [Test]
    public void Validate_exits_2_with_every_error_on_stderr()
    {
        using var dir = new TempDir();
        dir.File("rules.yml", "cache_time: 10\nsuites: []\n");

        var run = CliRun.Invoke(dir.Path, "validate", "rules.yml");

        Assert.That(run.ExitCode, Is.EqualTo(2));
        Assert.That(run.Stdout, Is.Empty);
        Assert.That(run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries), Is.EqualTo(new[]
        {
            "rules.yml:1:13: error: cache_time: cache_time (10 s) must be at least execution_interval (900 s), otherwise the server sees every result as stale before the next run delivers",
            "rules.yml:2:9: error: suites: no suites: expected a list with at least one suite ('- path: ...'); the bakery computes the suite ids, so it cannot bake robotmk.yml's catch-all (every folder in robotdir is a suite), which is an empty 'suites' written by hand",
            "rules.yml: 2 errors, 0 warnings",
        }));
    }

    [Test]
    public void Warnings_go_to_stderr_without_failing()
    {
        using var dir = new TempDir();
        dir.File("rules.yml", "cache_time: 960\n" + ValidRules);

        var run = CliRun.Invoke(dir.Path, "bake", "rules.yml", "--out", "out");

        Assert.That(run.ExitCode, Is.Zero);
        Assert.That(run.Stderr, Does.StartWith("rules.yml:1:13: warning: cache_time: cache_time (960 s) is below"));
        Assert.That(Directory.Exists(dir.Join("out/linux")), Is.True);
    }

    [Test]
    public void Validate_applies_the_checks_of_the_chosen_systems_only()
    {
        using var dir = new TempDir();
        dir.File("rules.yml", "execution_interval: 150\n" + ValidRules);

        Assert.That(CliRun.Invoke(dir.Path, "validate", "rules.yml", "--os", "windows").ExitCode, Is.Zero);
        Assert.That(CliRun.Invoke(dir.Path, "validate", "rules.yml", "--os", "linux").ExitCode, Is.EqualTo(2));
        Assert.That(CliRun.Invoke(dir.Path, "validate", "rules.yml").ExitCode, Is.EqualTo(2));
    }

    [Test]
    public void Bake_lists_what_it_wrote()
    {
        using var dir = new TempDir();
        dir.File("rules.yml", ValidRules);

        var run = CliRun.Invoke(dir.Path, "bake", "rules.yml", "--out", "pkg", "--os", "linux");

        Assert.That(run.ExitCode, Is.Zero, run.Stderr);
        Assert.That(run.Stdout, Is.EqualTo(
            "Baked rules.yml (agent_serial, 2 suite(s), every 900 s) into pkg:\n  linux/BINARIES.txt\n  linux/etc/check_mk/robotmk.yml\n"));
        Assert.That(Directory.Exists(dir.Join("pkg/windows")), Is.False);
    }

    [Test]
    public void Bake_with_a_bin_dir_copies_the_binaries_and_lists_them()
    {
        using var dir = new TempDir();
        dir.File("rules.yml", ValidRules);
        foreach (var name in new[] { "robotmk", "robotmk-runner" })
            dir.File($"bin/{name}", name);

        var run = CliRun.Invoke(dir.Path, "bake", "rules.yml", "--out", "pkg", "--os", "linux", "--bin-dir", "bin");

        Assert.That(run.ExitCode, Is.Zero, run.Stderr);
        Assert.That(run.Stdout, Does.Contain("  linux/usr/lib/check_mk_agent/plugins/900/robotmk-runner\n"));
        Assert.That(File.ReadAllText(dir.Join("pkg/linux/usr/lib/check_mk_agent/plugins/robotmk")), Is.EqualTo("robotmk"));
        Assert.That(File.Exists(dir.Join("pkg/linux/BINARIES.txt")), Is.False);
    }

    [Test]
    public void A_missing_binary_exits_1_and_writes_nothing()
    {
        using var dir = new TempDir();
        dir.File("rules.yml", ValidRules);
        dir.File("bin/robotmk", "robotmk");

        var run = CliRun.Invoke(dir.Path, "bake", "rules.yml", "--out", "pkg", "--bin-dir", "bin");

        Assert.That(run.ExitCode, Is.EqualTo(1));
        Assert.That(run.Stderr, Does.StartWith("robotmk-bakery: error: --bin-dir '").And.Contain("lacks robotmk-runner, robotmk-runner.exe, robotmk.exe"));
        Assert.That(Directory.Exists(dir.Join("pkg")), Is.False);
    }

    [Test]
    public void A_non_empty_out_needs_force()
    {
        using var dir = new TempDir();
        dir.File("rules.yml", ValidRules);
        dir.File("pkg/old.txt", "old");

        var refused = CliRun.Invoke(dir.Path, "bake", "rules.yml", "--out", "pkg");
        var forced = CliRun.Invoke(dir.Path, "bake", "rules.yml", "--out", "pkg", "--force");

        Assert.That(refused.ExitCode, Is.EqualTo(1));
        Assert.That(refused.Stderr, Does.Contain("is not empty; refusing to write into it"));
        Assert.That(forced.ExitCode, Is.Zero, forced.Stderr);
        Assert.That(File.Exists(dir.Join("pkg/old.txt")), Is.False);
    }

    [Test]
    public void Baking_twice_gives_the_same_bytes()
    {
        using var dir = new TempDir();
        dir.File("rules.yml", "execution_mode: external\n" + ValidRules);

        CliRun.Invoke(dir.Path, "bake", "rules.yml", "--out", "a");
        CliRun.Invoke(dir.Path, "bake", "rules.yml", "--out", "b");

        var files = Directory.EnumerateFiles(dir.Join("a"), "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(dir.Join("a"), f)).ToList();
        Assert.That(files, Has.Count.EqualTo(10));
        foreach (var file in files)
            Assert.That(File.ReadAllBytes(Path.Join(dir.Join("b"), file)), Is.EqualTo(File.ReadAllBytes(Path.Join(dir.Join("a"), file))), file);
    }

    [TestCase("does-not-exist.yml", "does-not-exist.yml: error: the rule file does not exist")]
    [TestCase(".", ".: error: the rule file is a folder; expected the rule file")]
    public void An_unusable_rule_file_path_exits_2(string path, string expected)
    {
        using var dir = new TempDir();
        var run = CliRun.Invoke(dir.Path, "validate", path);
        Assert.That(run.ExitCode, Is.EqualTo(2));
        Assert.That(run.Stderr, Does.StartWith(expected));
    }

    [Test]
    public void A_rule_file_that_is_not_utf8_exits_2()
    {
        using var dir = new TempDir();
        File.WriteAllBytes(dir.Join("rules.yml"), [0x73, 0x75, 0xFF, 0xFE, 0x0A]);
        var run = CliRun.Invoke(dir.Path, "validate", "rules.yml");
        Assert.That(run.ExitCode, Is.EqualTo(2));
        Assert.That(run.Stderr, Does.Contain("is not valid UTF-8 text"));
    }

    [Test]
    public void A_utf8_byte_order_mark_is_accepted()
    {
        using var dir = new TempDir();
        File.WriteAllBytes(dir.Join("rules.yml"), [0xEF, 0xBB, 0xBF, .. System.Text.Encoding.UTF8.GetBytes(ValidRules)]);
        Assert.That(CliRun.Invoke(dir.Path, "validate", "rules.yml").ExitCode, Is.Zero);
    }

    [TestCase("validate", "rules.yml", "--os", "solaris")]
    [TestCase("bake", "rules.yml")]
    [TestCase("bake", "rules.yml", "--out")]
    [TestCase("cook", "rules.yml")]
    [TestCase]
    public void A_bad_command_line_exits_2_with_help_on_stderr(params string[] args)
    {
        using var dir = new TempDir();
        dir.File("rules.yml", ValidRules);
        var run = CliRun.Invoke(dir.Path, args);
        Assert.That(run.ExitCode, Is.EqualTo(2));
        Assert.That(run.Stdout, Is.Empty);
        Assert.That(run.Stderr, Is.Not.Empty);
    }

    [Test]
    public void Help_and_version_go_to_stdout_and_exit_0()
    {
        using var dir = new TempDir();
        var help = CliRun.Invoke(dir.Path, "--help");
        var bakeHelp = CliRun.Invoke(dir.Path, "bake", "--help");
        var version = CliRun.Invoke(dir.Path, "--version");

        Assert.That(help.ExitCode, Is.Zero);
        Assert.That(help.Stdout, Does.Contain("bake").And.Contain("validate"));
        Assert.That(bakeHelp.ExitCode, Is.Zero);
        Assert.That(bakeHelp.Stdout, Does.Contain("--bin-dir").And.Contain("--force"));
        Assert.That(version.Stdout, Is.EqualTo("robotmk-bakery 0.0.0-test\n"));
    }

    [Test]
    public void The_program_reports_its_build_version()
    {
        Assert.That(GeneratorInfo.Current.Version, Does.Match(@"^\d+\.\d+\.\d+"));
        Assert.That(GeneratorInfo.Current.Version, Does.Not.Contain("+"), "no source revision suffix: the headers stay stable across commits");
    }
}
