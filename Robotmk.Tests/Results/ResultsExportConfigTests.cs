using Robotmk.Config;
using Robotmk.Paths;

namespace Robotmk.Tests.Results;

public class ResultsExportConfigTests
{
    private static readonly HostPaths Paths = new("/etc/robotmk.yml", "/var/state", "/robot", "/out", "/log");

    private static ConfigResult Parse(string yaml) => ConfigParser.Parse(yaml, "/etc/robotmk.yml", Paths);

    [Test]
    public void Every_key_is_read_and_suite_plugins_are_kept_apart()
    {
        var result = Parse("""
            global:
              history_days: 30
              output_plugins:
                - command: [/usr/local/bin/to-influx, --db, e2e]
                  timeout: 20
                - command: [/usr/local/bin/notify]
              callbacks:
                - url: https://hooks.example.net/robotmk
                  secret_file: /etc/check_mk/robotmk-hook.key
                  timeout: 5
                  retries: 1
                - url: http://10.0.0.1/x
            suites:
              checkout:
                path: checkout
                output_plugins:
                  - command: [/usr/local/bin/ticket]
            """);
        Assert.That(result.Problems.Where(p => p.IsError), Is.Empty);
        var export = result.Config!.Global.Export;
        Assert.That(export.HistoryDays, Is.EqualTo(30));
        Assert.That(export.OutputPlugins.Select(p => (string.Join(' ', p.Command), p.Timeout)), Is.EqualTo(new[]
        {
            ("/usr/local/bin/to-influx --db e2e", 20), ("/usr/local/bin/notify", ResultsExportReader.DefaultPluginTimeout),
        }));
        Assert.That(export.Callbacks, Is.EqualTo(new[]
        {
            new CallbackConfig("https://hooks.example.net/robotmk", "/etc/check_mk/robotmk-hook.key", 5, 1),
            new CallbackConfig("http://10.0.0.1/x", null, ResultsExportReader.DefaultCallbackTimeout, ResultsExportReader.DefaultCallbackRetries),
        }));
        Assert.That(result.Config.Suites.Single().OutputPlugins.Single().Command, Is.EqualTo(new[] { "/usr/local/bin/ticket" }));
    }

    [Test]
    public void Without_the_keys_nothing_is_exported_beyond_the_history()
    {
        var export = Parse("global: {}\nsuites:\n  a: {path: a}\n").Config!.Global.Export;
        Assert.That((export.HistoryDays, export.OutputPlugins.Length, export.Callbacks.Length), Is.EqualTo(((int?)null, 0, 0)));
    }

    [TestCase("output_plugins:\n    - command: /usr/bin/x --flag", "3:16: error: global.output_plugins[0].command: expected a list: the program and its arguments (it is started without a shell), found '/usr/bin/x --flag'")]
    [TestCase("output_plugins:\n    - timeout: 5", "3:7: error: global.output_plugins[0]: missing required key 'command'")]
    [TestCase("output_plugins:\n    - command: [x]\n      timout: 5", "4:7: error: global.output_plugins[0].timout: unknown key 'timout' in 'global.output_plugins[0]'; did you mean 'timeout'?")]
    [TestCase("callbacks:\n    - url: ftp://x/y", "3:12: error: global.callbacks[0].url: expected an absolute http:// or https:// address, found 'ftp://x/y'")]
    [TestCase("callbacks:\n    - url: http://x/\n      retries: 99", "4:16: error: global.callbacks[0].retries: 99 is out of range")]
    [TestCase("callbacks: http://x/", "2:14: error: global.callbacks: expected a list of callbacks")]
    [TestCase("history_days: -1", "2:17: error: global.history_days: -1 is out of range")]
    public void Bad_values_are_reported_with_file_line_and_key(string global, string expected)
    {
        var result = Parse("global:\n  " + global + "\nsuites:\n  a: {path: a}\n");
        Assert.That(result.IsUsable, Is.False);
        Assert.That(result.Errors.Select(e => e.ToString()), Has.Some.StartWith("/etc/robotmk.yml:" + expected.Split(": error")[0])
            .And.Some.Contains(expected.Split(": error: ")[1]), string.Join("\n", result.Problems));
    }

    [Test]
    public void A_bad_suite_plugin_makes_only_that_suite_unusable()
    {
        var result = Parse("suites:\n  a: {path: a}\n  b:\n    path: b\n    output_plugins: [{command: []}]\n");
        Assert.That(result.IsUsable);
        var b = result.Config!.Suites.Single(s => s.Id == "b");
        Assert.That(b.IsRunnable, Is.False);
        Assert.That(b.Errors.Single(), Does.Contain("suites.b.output_plugins[0].command: expected the program as the first item"));
        Assert.That(result.Config.Suites.Single(s => s.Id == "a").IsRunnable);
    }
}

public class ResultsExportTrustTests
{
    private static Robotmk.Files.FileFacts Facts(Robotmk.Files.FileKind kind, string mode, uint owner = 0) =>
        new(kind, (UnixFileMode)Convert.ToInt32(mode, 8), owner, 1, 10);

    [TestCase("0600", 0u, null)]
    [TestCase("0400", 1000u, null)]
    [TestCase("0640", 0u, "mode 0640")]
    [TestCase("0604", 0u, "mode 0604")]
    [TestCase("0600", 2000u, "owned by uid 2000")]
    public void Secret_files_only_their_owner_can_read(string mode, uint owner, string? problem)
    {
        var why = Robotmk.Runner.Results.CallbackSecret.WhyRefused(Facts(Robotmk.Files.FileKind.Regular, mode, owner), 1000);
        Assert.That(why, problem is null ? Is.Null : Does.Contain(problem));
    }

    [Test]
    public void A_secret_file_link_is_refused() =>
        Assert.That(Robotmk.Runner.Results.CallbackSecret.WhyRefused(Facts(Robotmk.Files.FileKind.SymbolicLink, "0777"), 0), Does.Contain("symbolic link"));

    [TestCase(Robotmk.Files.FileKind.Regular, "0755", 0u, null)]
    [TestCase(Robotmk.Files.FileKind.Regular, "0775", 0u, "writable by its group")]
    [TestCase(Robotmk.Files.FileKind.Directory, "0777", 0u, "writable by every user")]
    [TestCase(Robotmk.Files.FileKind.Directory, "1777", 0u, null)]
    [TestCase(Robotmk.Files.FileKind.Regular, "1777", 0u, "writable by every user")]
    [TestCase(Robotmk.Files.FileKind.Directory, "0755", 1234u, "owned by uid 1234")]
    public void Plugin_programs_and_their_folders_no_other_user_can_change(Robotmk.Files.FileKind kind, string mode, uint owner, string? problem)
    {
        var why = Robotmk.Runner.Results.PluginCommand.WhyUntrusted(Facts(kind, mode, owner), 1000);
        Assert.That(why, problem is null ? Is.Null : Does.Contain(problem));
    }
}
