using Robotmk.Bakery.Output;
using Robotmk.Bakery.Packaging;
using Robotmk.Bakery.Rules;
using Robotmk.Config;
using Robotmk.Paths;

namespace Robotmk.Tests.Bakery;

public class PackageBuilderTests
{
    private static IReadOnlyList<PackageTree> Build(string rules, Targets? targets = null, bool binaries = false) =>
        PackageBuilder.Build(TestRules.Valid(rules, targets), targets ?? Targets.Both, TestRules.Generator, binaries);

    private static IEnumerable<string> Paths(PackageTree tree) => tree.Files.Select(f => f.Path);

    [Test]
    public void Agent_serial_puts_the_runner_into_the_async_folder_named_after_the_interval()
    {
        var trees = Build("execution_interval: 600\nsuites:\n  - path: a\n");
        var linux = trees.Single(t => t.Os == TargetOs.Linux);
        var windows = trees.Single(t => t.Os == TargetOs.Windows);

        Assert.That(Paths(linux), Is.EqualTo(new[] { "BINARIES.txt", "etc/check_mk/robotmk.yml" }));
        Assert.That(linux.Binaries, Is.EqualTo(new[]
        {
            new BinarySlot("usr/lib/check_mk_agent/plugins/robotmk", "robotmk"),
            new BinarySlot("usr/lib/check_mk_agent/plugins/600/robotmk-runner", "robotmk-runner"),
        }));
        Assert.That(Paths(windows), Is.EqualTo(new[] { "BINARIES.txt", "check_mk.yml", "config/robotmk.yml" }));
        Assert.That(windows.Binaries, Is.EqualTo(new[]
        {
            new BinarySlot("plugins/robotmk.exe", "robotmk.exe"),
            new BinarySlot("plugins/robotmk-runner.exe", "robotmk-runner.exe"),
        }));
    }

    [Test]
    public void External_mode_keeps_the_runner_out_of_the_plugin_folders_and_adds_the_scheduler_files()
    {
        var trees = Build("execution_mode: external\nsuites:\n  - path: a\n");
        var linux = trees.Single(t => t.Os == TargetOs.Linux);
        var windows = trees.Single(t => t.Os == TargetOs.Windows);

        Assert.That(Paths(linux), Is.EqualTo(new[]
        {
            "BINARIES.txt", "etc/check_mk/robotmk.yml", "etc/cron.d/robotmk-runner",
            "etc/systemd/system/robotmk-runner.service", "etc/systemd/system/robotmk-runner.timer",
        }));
        Assert.That(linux.Binaries.Select(b => b.Path), Is.EqualTo(new[] { "usr/lib/check_mk_agent/plugins/robotmk", "usr/bin/robotmk-runner" }));
        Assert.That(Paths(windows), Is.EqualTo(new[] { "BINARIES.txt", "check_mk.yml", "config/robotmk.yml", "task/README.txt", "task/robotmk-runner.xml" }));
        Assert.That(windows.Binaries.Select(b => b.Path), Is.EqualTo(new[] { "plugins/robotmk.exe", "bin/robotmk-runner.exe" }));
    }

    [Test]
    public void Only_the_requested_systems_are_built()
    {
        Assert.That(Build("suites:\n  - path: a\n", new Targets(true, false)).Select(t => t.Folder), Is.EqualTo(new[] { "linux" }));
        Assert.That(Build("suites:\n  - path: a\n", new Targets(false, true)).Select(t => t.Folder), Is.EqualTo(new[] { "windows" }));
    }

    [Test]
    public void Supplied_binaries_replace_the_binaries_list()
    {
        Assert.That(Build("suites:\n  - path: a\n", binaries: true).SelectMany(Paths), Has.None.EndsWith("BINARIES.txt"));
    }

    [Test]
    public void The_binaries_list_names_every_slot()
    {
        var linux = Build("execution_mode: external\nsuites:\n  - path: a\n").Single(t => t.Os == TargetOs.Linux);
        var text = System.Text.Encoding.UTF8.GetString(linux.Files.Single(f => f.Path == "BINARIES.txt").Content);
        foreach (var slot in linux.Binaries)
            Assert.That(text, Does.Contain($"{slot.BinaryName.PadRight(14)}  ->  {slot.Path}"));
    }
}

public class TreeWriterTests
{
    private static readonly IReadOnlyList<PackageTree> Trees =
        PackageBuilder.Build(TestRules.Valid("execution_mode: external\nsuites:\n  - path: a\n"), Targets.Both, TestRules.Generator, binariesSupplied: true);

    private static string[] FilesUnder(string dir) =>
        [.. Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(dir, f).Replace('\\', '/')).Order(StringComparer.Ordinal)];

    private static string BinDir(TempDir dir, params string[] names)
    {
        var bin = dir.Join("bin");
        Directory.CreateDirectory(bin);
        foreach (var name in names)
            File.WriteAllText(Path.Join(bin, name), "binary " + name);
        return bin;
    }

    private static readonly string[] AllBinaries = ["robotmk", "robotmk-runner", "robotmk.exe", "robotmk-runner.exe"];

    [Test]
    public void A_new_folder_gets_every_file_and_binary()
    {
        using var dir = new TempDir();
        var outDir = dir.Join("out");

        TreeWriter.Write(Trees, outDir, BinDir(dir, AllBinaries), force: false, keep: []);

        var expected = Trees.SelectMany(t => t.Files.Select(f => $"{t.Folder}/{f.Path}").Concat(t.Binaries.Select(b => $"{t.Folder}/{b.Path}")))
            .Order(StringComparer.Ordinal);
        Assert.That(FilesUnder(outDir), Is.EqualTo(expected));
        Assert.That(File.ReadAllText(Path.Join(outDir, "linux/usr/bin/robotmk-runner")), Is.EqualTo("binary robotmk-runner"));
        Assert.That(File.ReadAllText(Path.Join(outDir, "windows/bin/robotmk-runner.exe")), Is.EqualTo("binary robotmk-runner.exe"));
        Assert.That(Directory.EnumerateFileSystemEntries(dir.Path).Select(Path.GetFileName), Is.EquivalentTo(new[] { "out", "bin" }),
            "no staging folder is left behind");
    }

    [Test]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void Binaries_are_executable_and_other_files_are_not()
    {
        if (OperatingSystem.IsWindows())
            Assert.Ignore("file modes are a Unix matter");
        using var dir = new TempDir();
        var outDir = dir.Join("out");
        TreeWriter.Write(Trees, outDir, BinDir(dir, AllBinaries), force: false, keep: []);

        Assert.That(File.GetUnixFileMode(Path.Join(outDir, "linux/usr/lib/check_mk_agent/plugins/robotmk")), Is.EqualTo(TreeWriter.ExecutableMode));
        Assert.That(File.GetUnixFileMode(Path.Join(outDir, "linux/usr/bin/robotmk-runner")), Is.EqualTo(TreeWriter.ExecutableMode));
        Assert.That(File.GetUnixFileMode(Path.Join(outDir, "windows/plugins/robotmk.exe")), Is.EqualTo(TreeWriter.ExecutableMode));
        Assert.That(File.GetUnixFileMode(Path.Join(outDir, "linux/etc/cron.d/robotmk-runner")), Is.EqualTo(TreeWriter.FileMode));
        Assert.That(File.GetUnixFileMode(Path.Join(outDir, "linux/etc/check_mk/robotmk.yml")), Is.EqualTo(TreeWriter.FileMode));
        Assert.That(File.GetUnixFileMode(Path.Join(outDir, "linux/usr/lib/check_mk_agent/plugins")), Is.EqualTo(TreeWriter.ExecutableMode));
        Assert.That(TreeWriter.ExecutableMode, Is.EqualTo((UnixFileMode)Convert.ToInt32("755", 8)));
        Assert.That(TreeWriter.FileMode, Is.EqualTo((UnixFileMode)Convert.ToInt32("644", 8)));
    }

    [Test]
    public void Missing_binaries_are_all_named_and_nothing_is_written()
    {
        using var dir = new TempDir();
        var outDir = dir.Join("out");

        var ex = Assert.Throws<OutputException>(() => TreeWriter.Write(Trees, outDir, BinDir(dir, "robotmk"), force: false, keep: []));

        Assert.That(ex!.Message, Does.Contain("lacks robotmk-runner, robotmk-runner.exe, robotmk.exe"));
        Assert.That(Directory.Exists(outDir), Is.False);
    }

    [Test]
    public void A_missing_bin_dir_is_named()
    {
        using var dir = new TempDir();
        var ex = Assert.Throws<OutputException>(() => TreeWriter.Write(Trees, dir.Join("out"), dir.Join("nope"), force: false, keep: []));
        Assert.That(ex!.Message, Does.Contain("does not exist"));
    }

    [Test]
    public void An_empty_existing_folder_is_used()
    {
        using var dir = new TempDir();
        var outDir = dir.Join("out");
        Directory.CreateDirectory(outDir);
        TreeWriter.Write(Trees, outDir, BinDir(dir, AllBinaries), force: false, keep: []);
        Assert.That(File.Exists(Path.Join(outDir, "windows/check_mk.yml")), Is.True);
    }

    [Test]
    public void A_non_empty_folder_is_refused_without_force_and_left_alone()
    {
        using var dir = new TempDir();
        var old = dir.File("out/old.txt", "keep me");

        var ex = Assert.Throws<OutputException>(() => TreeWriter.Write(Trees, dir.Join("out"), BinDir(dir, AllBinaries), force: false, keep: []));

        Assert.That(ex!.Message, Does.Contain("is not empty; refusing to write into it").And.Contain("--force"));
        Assert.That(File.ReadAllText(old), Is.EqualTo("keep me"));
        Assert.That(FilesUnder(dir.Join("out")), Is.EqualTo(new[] { "old.txt" }));
    }

    [Test]
    public void Force_replaces_the_whole_folder_so_no_stale_plugin_survives()
    {
        using var dir = new TempDir();
        dir.File("out/linux/usr/lib/check_mk_agent/plugins/300/robotmk-runner", "stale");

        TreeWriter.Write(Trees, dir.Join("out"), BinDir(dir, AllBinaries), force: true, keep: []);

        Assert.That(File.Exists(dir.Join("out/linux/usr/lib/check_mk_agent/plugins/300/robotmk-runner")), Is.False);
        Assert.That(File.Exists(dir.Join("out/linux/usr/bin/robotmk-runner")), Is.True);
        Assert.That(Directory.EnumerateFileSystemEntries(dir.Path).Select(Path.GetFileName), Is.EquivalentTo(new[] { "out", "bin" }));
    }

    [Test]
    public void Force_refuses_to_replace_a_folder_holding_the_rule_file()
    {
        using var dir = new TempDir();
        var rules = dir.File("work/rules.yml", "suites: []");

        var ex = Assert.Throws<OutputException>(() => TreeWriter.Write(Trees, dir.Join("work"), null, force: true, keep: [rules]));

        Assert.That(ex!.Message, Does.Contain("rules.yml").And.Contain("which --force would delete"));
        Assert.That(File.Exists(rules), Is.True);
    }

    [Test]
    public void A_file_in_the_way_is_refused()
    {
        using var dir = new TempDir();
        var file = dir.File("out", "x");
        var ex = Assert.Throws<OutputException>(() => TreeWriter.Write(Trees, file, null, force: true, keep: []));
        Assert.That(ex!.Message, Does.Contain("is a file"));
    }

    [Test]
    public void A_file_system_root_is_refused_even_with_force()
    {
        var root = Path.GetPathRoot(Path.GetTempPath())!;
        var ex = Assert.Throws<OutputException>(() => TreeWriter.Write(Trees, root, null, force: true, keep: []));
        Assert.That(ex!.Message, Does.Contain("root"));
    }
}

public class BakeAndLoadTests
{
    [Test]
    public void A_baked_robotmk_yml_loads_with_the_project_loader_with_the_same_suites_ids_and_intervals()
    {
        using var dir = new TempDir();
        var robotdir = dir.Join("robot");
        foreach (var suite in new[] { "checkout", "Admin Area" })
            Directory.CreateDirectory(Path.Join(robotdir, suite));
        File.WriteAllText(Path.Join(robotdir, "login.robot"), "*** Test Cases ***\n");
        dir.File("rules.yml", $"""
            execution_interval: 1200
            expected_runtime: 300
            linux:
              robotdir: {robotdir}
            suites:
              - path: checkout
                tag: prod
                piggybackhost: shop-frontend
              - path: checkout
                tag: staging
              - path: Admin Area
              - path: login.robot
            """);

        var run = CliRun.Invoke(dir.Path, "bake", "rules.yml", "--out", "out", "--os", "linux");
        Assert.That(run.ExitCode, Is.Zero, run.Stderr);

        var result = ConfigLoader.Load(dir.Join("out/linux/etc/check_mk/robotmk.yml"),
            HostPaths.Resolve(new AgentEnvironment(new Dictionary<string, string>(), HostOs.Linux)));

        Assert.That(result.Problems.Select(p => p.ToString()), Is.Empty);
        var config = result.Config!;
        Assert.That(config.DiscoverSuites, Is.False);
        Assert.That(config.Suites.Select(s => s.Id), Is.EqualTo(new[] { "admin_area", "checkout_prod", "checkout_staging", "login.robot" }));
        Assert.That(config.Suites.Select(s => s.Path), Is.EqualTo(new[] { "Admin Area", "checkout", "checkout", "login.robot" }));
        Assert.That(config.Suites.Select(s => s.PiggybackHost), Is.EqualTo(new[] { null, "shop-frontend", null, null }));
        Assert.That(config.Suites.All(s => s.IsRunnable), Is.True);
        Assert.That(config.Global.ExecutionInterval, Is.EqualTo(1200));
        Assert.That(config.Global.CacheTime, Is.EqualTo(1200 + 300 + 60));
        Assert.That(config.Global.EffectiveRunTimeout, Is.EqualTo(1140));
        Assert.That(config.Global.RobotDir, Is.EqualTo(robotdir));
    }
}
