using Robotmk.Config;

namespace Robotmk.Tests.Config;

/// <summary>v1 catch-all: names found directly in robotdir become suites, sorted by id.</summary>
public class SuiteDiscoveryTests
{
    [Test]
    public void Folders_and_robot_files_become_suites_sorted_by_id()
    {
        var suites = SuiteDiscovery.FromNames(["webshop", "Login Tests", "api.robot", "Zeta", "checkout.robot"]);
        Assert.That(suites.Select(s => (s.Id, s.Path)), Is.EqualTo(new[]
        {
            ("api.robot", "api.robot"), ("checkout.robot", "checkout.robot"), ("login_tests", "Login Tests"), ("webshop", "webshop"), ("zeta", "Zeta"),
        }));
        Assert.That(suites.All(s => s.IsRunnable && s.Tag is null && s.Key == s.Id));
    }

    [Test]
    public void No_names_means_no_suites() => Assert.That(SuiteDiscovery.FromNames([]), Is.Empty);

    [Test]
    public void Names_with_the_same_id_become_one_suite_that_is_not_runnable()
    {
        var suites = SuiteDiscovery.FromNames(["web_shop", "web shop", "web-shop", "other"]);
        Assert.That(suites.Select(s => s.Id), Is.EqualTo(new[] { "other", "web_shop" }));
        var clash = suites[1];
        Assert.That(clash.IsRunnable, Is.False);
        Assert.That(clash.Errors.Single(), Does.Contain("'web shop' and 'web-shop' and 'web_shop'").And.Contain("'web_shop'"));
        Assert.That(suites[0].IsRunnable, Is.True);
    }

    [Test]
    public void The_same_name_twice_is_one_suite()
    {
        var suites = SuiteDiscovery.FromNames(["a", "a"]);
        Assert.That(suites.Single().IsRunnable, Is.True);
    }
}
