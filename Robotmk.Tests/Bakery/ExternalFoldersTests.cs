using System.Text;
using Robotmk.Bakery.Linux;
using Robotmk.Bakery.Packaging;
using Robotmk.Bakery.Rules;
using Robotmk.Bakery.Windows;
using Robotmk.Paths;

namespace Robotmk.Tests.Bakery;

/// <summary>The trees create the folders suites run on their own write into, owned by each suite's user (docs/STATE.md).</summary>
public class ExternalFoldersTests
{
    private const string SystemdTmpfiles = "/usr/bin/systemd-tmpfiles";

    private const string TwoOwnSuites = """
        execution_interval: 900
        windows:
          user: 'SHOP\robot'
        suites:
          - path: checkout
          - path: desktop.robot
            execution_interval: 1800
            execution_mode: external
            linux: {user: desk}
            windows: {user: 'SHOP\desk', logon_type: interactive_token}
          - path: Smoke
            tag: sys
            execution_mode: external
            linux: {user: nobody}
            windows: {user: SYSTEM}
        """;

    private static string FileText(PackageTree tree, string path) => Encoding.UTF8.GetString(tree.Files.Single(f => f.Path == path).Content);

    private static PackageTree Tree(string rules, TargetOs os) =>
        PackageBuilder.Build(TestRules.Valid(rules), Targets.Both, TestRules.Generator, binariesSupplied: true).Single(t => t.Os == os);

    private static string[] Entries(string conf) => conf.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => !l.StartsWith('#')).ToArray();

    [Test]
    public void The_linux_tree_creates_the_external_root_for_root_and_each_suite_folder_for_its_user()
    {
        var conf = FileText(Tree(TwoOwnSuites, TargetOs.Linux), LinuxLayout.ExternalFoldersConf);
        var root = ExternalSuiteFolders.Root(HostPaths.Resolve(new AgentEnvironment(new Dictionary<string, string>(), HostOs.Linux)).StateDir);

        Assert.That(root, Is.EqualTo("/var/lib/check_mk_agent/robotmk-external"));
        Assert.That(Entries(conf), Is.EqualTo(new[]
        {
            $"d {root} 0711 root root -",
            $"d {root}/desktop.robot 0700 desk - -",
            $"d {root}/smoke_sys 0700 nobody - -",
            "z /etc/check_mk/robotmk.yml 0644 root root -",
        }));
        Assert.That(conf, Does.Contain($"#   install -d -o desk -m 0700 {root}/desktop.robot\n"), "the steps for hosts without systemd");
    }

    [TestCase("suites:\n  - path: a\n")]
    [TestCase("execution_mode: external\nlinux: {user: robot}\nsuites:\n  - path: a\n")]
    public void Without_suites_on_their_own_no_external_folder_is_made(string rules)
    {
        Assert.That(Tree(rules, TargetOs.Linux).Files.Select(f => f.Path), Does.Not.Contain(LinuxLayout.ExternalFoldersConf));
        var readme = Tree(rules, TargetOs.Windows).Files.SingleOrDefault(f => f.Path == WindowsLayout.TaskReadme);
        Assert.That(readme is null ? "" : Encoding.UTF8.GetString(readme.Content), Does.Not.Contain("robotmk-external"));
    }

    [Test]
    public void The_windows_readme_makes_each_suite_folder_its_accounts_and_grants_no_access_to_the_state_folder()
    {
        var readme = FileText(Tree(TwoOwnSuites, TargetOs.Windows), WindowsLayout.TaskReadme);
        const string root = @"C:\ProgramData\checkmk\agent\state\robotmk-external";
        const string admins = "*S-1-5-18:(OI)(CI)F *S-1-5-32-544:(OI)(CI)F";

        Assert.That(readme, Does.Contain($"    mkdir \"{root}\\desktop.robot\"\r\n").And.Contain($"    mkdir \"{root}\\smoke_sys\"\r\n"));
        Assert.That(readme, Does.Contain($"    icacls \"{root}\" /inheritance:r /grant:r {admins} *S-1-5-32-545:(X)\r\n"));
        Assert.That(readme, Does.Contain($"    icacls \"{root}\\desktop.robot\" /inheritance:r /grant:r {admins} \"SHOP\\desk:(OI)(CI)F\"\r\n"));
        Assert.That(readme, Does.Contain($"    icacls \"{root}\\smoke_sys\" /inheritance:r /grant:r {admins}\r\n"), "SYSTEM needs no grant of its own");
        Assert.That(readme, Does.Contain("icacls \"C:\\ProgramData\\checkmk\\agent\\config\\robotmk.yml\" /grant \"SHOP\\desk:R\""));
        Assert.That(readme, Does.Not.Contain(@"state\robotmk"""), "the suite's account never writes the agent's state folder");
        Assert.That(readme, Does.Not.Contain(@"log\robotmk"), "its runner keeps its outputs and log in its own folder");
    }

    [Test]
    public void In_external_mode_the_runners_account_still_gets_the_state_folder()
    {
        var readme = FileText(Tree("execution_mode: external\nwindows: {user: 'SHOP\\robot'}\nsuites:\n  - path: a\n", TargetOs.Windows), WindowsLayout.TaskReadme);
        Assert.That(readme, Does.Contain("icacls \"C:\\ProgramData\\checkmk\\agent\\state\\robotmk\" /grant \"SHOP\\robot:(OI)(CI)M\""));
    }

    [Test]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void Systemd_tmpfiles_creates_the_folders_with_owner_and_mode()
    {
        if (!File.Exists(SystemdTmpfiles) || Environment.UserName != "root")
            Assert.Ignore($"{SystemdTmpfiles} and root are needed to create folders of another user");
        using var dir = new TempDir();
        var config = dir.File("robotmk.yml", "suites: {}\n");
        File.SetUnixFileMode(config, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var state = dir.Join("robotmk");
        // The conf as baked, with the host's folders moved into the temp folder.
        var conf = FileText(Tree(TwoOwnSuites, TargetOs.Linux), LinuxLayout.ExternalFoldersConf)
            .Replace("/var/lib/check_mk_agent/robotmk", state).Replace("/etc/check_mk/robotmk.yml", config)
            .Replace(" desk ", " nobody ");
        var confPath = dir.File("robotmk-external.conf", conf);

        var (code, output) = ExternalTool.Run(SystemdTmpfiles, ["--create", confPath], TimeSpan.FromSeconds(60));

        Assert.That(code, Is.Zero, output);
        var root = new DirectoryInfo(state + ExternalSuiteFolders.RootSuffix);
        Assert.That(root.UnixFileMode, Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
            | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute));
        var suite = new DirectoryInfo(Path.Join(root.FullName, "desktop.robot"));
        Assert.That(suite.UnixFileMode, Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute));
        Assert.That(OwnerOf(suite.FullName), Is.EqualTo("nobody"));
        Assert.That(OwnerOf(root.FullName), Is.EqualTo("root"));
        Assert.That(File.GetUnixFileMode(config), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead));
    }

    private static string OwnerOf(string path)
    {
        var (code, output) = ExternalTool.Run("/usr/bin/stat", ["-c", "%U", path], TimeSpan.FromSeconds(30));
        Assert.That(code, Is.Zero, output);
        return output.Trim();
    }
}
