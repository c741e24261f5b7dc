using Robotmk.Config;
using Robotmk.Runner.RobotFramework;

namespace Robotmk.Tests.Runner;

public class RobotArgumentsTests
{
    private static readonly OutputNames Names = new("checkout_prod", 1795400000);

    private static SuiteConfig Suite(RobotParams? p = null, FailedHandling? f = null) => new()
    {
        Key = "checkout_prod", Id = "checkout_prod", Path = "checkout", Tag = "prod",
        RobotParams = p ?? new RobotParams(), FailedHandling = f ?? new FailedHandling(),
    };

    [Test]
    public void Maps_every_v1_robot_param_in_order()
    {
        var p = new RobotParams
        {
            Name = "Checkout", Suite = ["A", "B"], Test = ["T1"], Include = ["smoke"], Exclude = ["slow"],
            Variable = [new("USER", "alice"), new("URL", "https://x?a=1&b=2")],
            VariableFile = ["vars.py:staging"], ArgumentFile = ["args.txt"], ExitOnFailure = true,
        };
        var args = RobotArguments.ForAttempt(Suite(p), "/r/checkout", "/out", Names, 1, null);
        Assert.That(args, Is.EqualTo(new[]
        {
            "--name", "Checkout", "--suite", "A", "--suite", "B", "--test", "T1", "--include", "smoke", "--exclude", "slow",
            "--variable", "USER:alice", "--variable", "URL:https://x?a=1&b=2", "--variablefile", "vars.py:staging",
            "--argumentfile", "args.txt", "--exitonfailure",
            "--outputdir", "/out", "--output", "robotframework_checkout_prod_1795400000_attempt-1_output.xml",
            "--log", "robotframework_checkout_prod_1795400000_attempt-1_log.html", "--report", "NONE", "--console", "quiet",
            "/r/checkout",
        }));
    }

    [Test]
    public void Exitonfailure_false_adds_nothing()
    {
        var args = RobotArguments.ForAttempt(Suite(new RobotParams { ExitOnFailure = false }), "/r/s", "/o", Names, 1, null);
        Assert.That(args, Does.Not.Contain("--exitonfailure"));
    }

    [Test]
    public void Shell_metacharacters_reach_RF_verbatim_as_one_argument()
    {
        var hostile = "a;b $(rm -rf /) `x` \"q\" 'y'\nnext";
        var args = RobotArguments.ForAttempt(Suite(new RobotParams { Variable = [new("V", hostile)] }), "/r/s", "/o", Names, 1, null);
        Assert.That(args, Does.Contain("V:" + hostile));
    }

    [Test]
    public void Incremental_rerun_adds_rerunfailed_and_rerun_selection()
    {
        var f = new FailedHandling { MaxIterations = 3, RerunInclude = ["flaky"], RerunExclude = ["never"] };
        var args = RobotArguments.ForAttempt(Suite(f: f), "/r/s", "/o", Names, 2, "/o/prev.xml").ToList();
        var i = args.IndexOf("--rerunfailed");
        Assert.That(args.Skip(i).Take(6), Is.EqualTo(new[] { "--rerunfailed", "/o/prev.xml", "--include", "flaky", "--exclude", "never" }));
        Assert.That(args, Does.Contain("robotframework_checkout_prod_1795400000_attempt-2_output.xml"));
    }

    [Test]
    public void Complete_rerun_applies_rerun_selection_without_rerunfailed()
    {
        var f = new FailedHandling { MaxIterations = 2, Strategy = RerunStrategy.Complete, RerunInclude = ["flaky"] };
        var first = RobotArguments.ForAttempt(Suite(f: f), "/r/s", "/o", Names, 1, null);
        var second = RobotArguments.ForAttempt(Suite(f: f), "/r/s", "/o", Names, 2, null).ToList();
        Assert.That(first, Does.Not.Contain("flaky"), "the first attempt runs the suite as configured");
        Assert.That(second, Does.Not.Contain("--rerunfailed"));
        Assert.That(second[second.IndexOf("flaky") - 1], Is.EqualTo("--include"));
    }

    [Test]
    public void Merge_orders_attempts_numerically()
    {
        var args = RobotArguments.ForMerge("/o", Names, [10, 2, 9, 1]);
        var inputs = args.Where(a => a.EndsWith("_output.xml", StringComparison.Ordinal) && a.StartsWith("/o/", StringComparison.Ordinal)).ToList();
        Assert.That(inputs.Select(a => a.Split("attempt-")[1].Split('_')[0]), Is.EqualTo(new[] { "1", "2", "9", "10" }));
        Assert.That(args.Take(2), Is.EqualTo(new[] { "--merge", "--outputdir" }));
        Assert.That(args, Does.Contain("robotframework_checkout_prod_1795400000_output.xml"));
    }
}
