using Robotmk.Config;
using Robotmk.Paths;

namespace Robotmk.Tests.Config;

public class ReservedIdTests
{
    private static readonly HostPaths Paths = new("/etc/robotmk.yml", "/state", "/robot", "/out", "/out");

    [Test]
    public void A_tag_makes_the_reserved_id_usable()
    {
        var r = ConfigParser.Parse("suites:\n  runner_main:\n    path: runner\n    tag: main\n", "robotmk.yml", Paths);
        Assert.That(r.HasErrors, Is.False, string.Join("\n", r.Problems));
        Assert.That(r.Config!.Suites.Single().Id, Is.EqualTo("runner_main"));
    }

    [Test]
    public void Discovered_runner_folder_is_reported_not_dropped()
    {
        var suites = SuiteDiscovery.FromNames(["runner", "shop"]);
        Assert.That(suites.Select(s => s.Id), Is.EqualTo(new[] { "runner", "shop" }));
        Assert.That(suites[0].IsRunnable, Is.False);
        Assert.That(suites[0].Errors.Single(), Does.Contain("reserved"));
        Assert.That(suites[1].IsRunnable, Is.True);
    }
}
