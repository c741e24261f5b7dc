using Robotmk.Config;
using Robotmk.Tests.Support;
using static Robotmk.Tests.Config.ConfigTestSupport;

namespace Robotmk.Tests.Config;

/// <summary>ConfigLoader.CheckSuitePaths against a real robotdir in a temp folder.</summary>
public class SuitePathCheckTests
{
    private TempDir _tmp = null!;
    private string _robotdir = null!;

    [SetUp]
    public void SetUp()
    {
        _tmp = new TempDir();
        _robotdir = _tmp.Sub("robot");
    }

    [TearDown]
    public void TearDown() => _tmp.Dispose();

    private ConfigResult Check(string suitesYaml) =>
        ConfigLoader.CheckSuitePaths(Parse($"global:\n  robotdir: {_robotdir}\n{suitesYaml}"), ConfigFile);

    [Test]
    public void Missing_suite_path_is_an_error_at_the_path_value_and_only_that_suite_stops()
    {
        Directory.CreateDirectory(Path.Join(_robotdir, "checkout"));
        var r = Check("suites:\n  checkout:\n    path: checkout\n  login:\n    path: login\n");
        var e = r.SingleError();
        Assert.Multiple(() =>
        {
            Assert.That(e.Position, Is.EqualTo(new SourcePosition(7, 11)));
            Assert.That(e.KeyPath, Is.EqualTo("suites.login.path"));
            Assert.That(e.SuiteKey, Is.EqualTo("login"));
            Assert.That(e.Message, Does.Contain($"'{Path.Join(_robotdir, "login")}' does not exist"));
            Assert.That(r.Suite("login").IsRunnable, Is.False);
            Assert.That(r.Suite("login").Errors.Single(), Is.EqualTo(e.ToString()));
            Assert.That(r.Suite("checkout").IsRunnable, Is.True);
        });
    }

    [Test]
    public void Folder_file_and_absolute_paths_that_exist_are_accepted()
    {
        Directory.CreateDirectory(Path.Join(_robotdir, "shop"));
        File.WriteAllText(Path.Join(_robotdir, "single.robot"), "*** Test Cases ***\n");
        var elsewhere = _tmp.Sub("elsewhere");
        var r = Check($"suites:\n  shop:\n    path: shop\n  single.robot:\n    path: single.robot\n  abs:\n    path: {elsewhere}\n");
        Assert.That(r.HasErrors, Is.False, r.Describe());
        Assert.That(r.Config!.Suites.All(s => s.IsRunnable));
    }

    [Test]
    public void A_suite_that_already_has_errors_gets_no_second_one_for_its_path()
    {
        var r = Check("suites:\n  a:\n    path: gone\n    timeout: never\n");
        Assert.That(r.SingleError().KeyPath, Is.EqualTo("suites.a.timeout"));
    }

    [Test]
    public void Without_suites_every_folder_and_robot_file_in_robotdir_is_found_sorted_by_id()
    {
        foreach (var d in new[] { "Webshop", "api tests", ".git", "__pycache__" })
            Directory.CreateDirectory(Path.Join(_robotdir, d));
        foreach (var f in new[] { "b.robot", "notes.txt", ".hidden.robot" })
            File.WriteAllText(Path.Join(_robotdir, f), "");
        var r = Check("suites: {}\n");
        Assert.That(r.HasErrors, Is.False, r.Describe());
        Assert.That(r.Config!.Suites.Select(s => (s.Id, s.Path)),
            Is.EqualTo(new[] { ("api_tests", "api tests"), ("b.robot", "b.robot"), ("webshop", "Webshop") }));
    }

    [Test]
    public void Discovery_in_a_missing_robotdir_makes_the_config_unusable()
    {
        var missing = Path.Join(_tmp.Path, "nowhere");
        var r = ConfigLoader.CheckSuitePaths(Parse($"global:\n  robotdir: {missing}\n"), ConfigFile);
        var e = r.SingleError();
        Assert.That(r.Config, Is.Null);
        Assert.That(e.Position, Is.EqualTo(new SourcePosition(2, 13)));
        Assert.That(e.KeyPath, Is.EqualTo("global.robotdir"));
        Assert.That(e.Message, Does.Contain(missing));
    }

    [Test]
    public void Discovered_entries_with_the_same_id_are_one_suite_that_is_not_run()
    {
        Directory.CreateDirectory(Path.Join(_robotdir, "web shop"));
        Directory.CreateDirectory(Path.Join(_robotdir, "web_shop"));
        Directory.CreateDirectory(Path.Join(_robotdir, "other"));
        var r = Check("");
        var e = r.SingleError();
        Assert.That(e.Message, Does.Contain("'web shop' and 'web_shop'"));
        Assert.That(r.Config!.Suites.Select(s => s.Id), Is.EqualTo(new[] { "other", "web_shop" }));
        Assert.That(r.Suite("web_shop").IsRunnable, Is.False);
        Assert.That(r.Suite("web_shop").Errors.Single(), Is.EqualTo(e.ToString()));
        Assert.That(r.Suite("other").IsRunnable, Is.True);
    }

    [Test]
    public void An_unusable_config_passes_through_unchanged()
    {
        var bad = Parse("global: [x]\n");
        Assert.That(ConfigLoader.CheckSuitePaths(bad, ConfigFile), Is.SameAs(bad));
    }
}
