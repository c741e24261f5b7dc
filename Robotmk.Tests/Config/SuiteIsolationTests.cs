using Robotmk.Config;
using static Robotmk.Tests.Config.ConfigTestSupport;

namespace Robotmk.Tests.Config;

/// <summary>SPEC §3: a bad suite never stops the other suites; a bad global part stops everything, visibly.</summary>
public class SuiteIsolationTests
{
    private const string ThreeSuites = """
        suites:
          checkout:
            path: checkout
          broken:
            path: broken
            tag: [not, text]
            timeout: -5
            robot_params:
              exitonfailure: perhaps
              unknown_option: 1
          login:
            path: login
            failed_handling: {max_iterations: 2}
        """;

    [Test]
    public void A_bad_suite_is_not_runnable_and_carries_all_its_errors()
    {
        var r = Parse(ThreeSuites);
        Assert.That(r.Config, Is.Not.Null, r.Describe());
        var broken = r.Suite("broken");
        Assert.That(broken.IsRunnable, Is.False);
        Assert.That(broken.Errors, Has.Length.EqualTo(4));
        Assert.That(broken.Errors, Is.EquivalentTo(r.Errors.Select(e => e.ToString())));
        Assert.That(r.Errors.All(e => e.SuiteKey == "broken"));
    }

    [Test]
    public void The_other_suites_stay_runnable_with_their_settings()
    {
        var r = Parse(ThreeSuites);
        Assert.That(r.Suite("checkout").IsRunnable, Is.True);
        Assert.That(r.Suite("login").IsRunnable, Is.True);
        Assert.That(r.Suite("login").FailedHandling.MaxIterations, Is.EqualTo(2));
        Assert.That(r.Config!.Suites.Select(s => s.Key), Is.EqualTo(new[] { "checkout", "broken", "login" }));
    }

    [Test]
    public void Suite_errors_are_single_lines_usable_as_a_fatal_suite_error()
    {
        foreach (var error in Parse(ThreeSuites).Suite("broken").Errors)
        {
            Assert.That(error, Does.Not.Contain('\n').And.Not.Contain('\r'));
            Assert.That(error, Does.StartWith(ConfigFile + ":"));
        }
    }

    [Test]
    public void A_global_error_makes_the_config_unusable_and_is_listed_with_the_suite_errors()
    {
        var r = Parse("global:\n  execution_mode: sometimes\n" + ThreeSuites);
        Assert.That(r.Config, Is.Null);
        Assert.That(r.IsUsable, Is.False);
        var global = r.Errors.Single(e => e.SuiteKey is null);
        Assert.That(global.KeyPath, Is.EqualTo("global.execution_mode"));
        Assert.That(r.Errors.Count(e => e.SuiteKey == "broken"), Is.EqualTo(4), "suite problems are still reported");
    }

    [Test]
    public void Warnings_and_notices_never_make_anything_unusable()
    {
        var r = Parse("global: {execution_interval: 900, cache_time: 900}\nsuites:\n  Checkout:\n    path: checkout\n");
        Assert.That(r.Problems.Select(p => p.Severity), Is.EquivalentTo(new[] { ProblemSeverity.Warning, ProblemSeverity.Notice }));
        Assert.That(r.HasErrors, Is.False);
        Assert.That(r.Config!.Suites.Single().IsRunnable, Is.True);
    }
}
