using Robotmk.Config;

namespace Robotmk.Tests.Config;

/// <summary>The one rule from interval and margin to runner timeout and run budget, shared by runner and bakery.</summary>
public class RunTimeBudgetTests
{
    [TestCase(900, 30, 870, 840, 840, TestName = "the default interval and margin")]
    [TestCase(600, 45, 555, 510, 510, TestName = "another margin")]
    [TestCase(300, 30, 270, 240, 240, TestName = "five minutes")]
    [TestCase(120, 30, 90, 60, 60, TestName = "budget exactly half of the interval")]
    [TestCase(121, 30, 91, 61, 61, TestName = "budget one above half of the interval")]
    [TestCase(119, 30, 89, 59, 59, TestName = "budget one below half: half of the interval rounded down")]
    [TestCase(100, 30, 70, 40, 50, TestName = "budget below half: half of the interval")]
    [TestCase(60, 30, 30, 0, 30, TestName = "no budget left: half of the interval")]
    [TestCase(30, 30, 0, -30, 15, TestName = "no runner timeout left")]
    [TestCase(3, 30, -27, -57, 1, TestName = "tiny interval: at least 1 s")]
    [TestCase(1, 30, -29, -59, 1, TestName = "one second")]
    [TestCase(60, 0, 60, 60, 60, TestName = "no margin")]
    public void Limits_step_down_from_the_interval_by_one_margin_each(int interval, int margin, int runnerTimeout, int runBudget, int defaultRunTimeout)
    {
        var limits = new RunTimeBudget(interval, margin);
        Assert.Multiple(() =>
        {
            Assert.That(limits.RunnerTimeout, Is.EqualTo(runnerTimeout), "runner timeout");
            Assert.That(limits.RunBudget, Is.EqualTo(runBudget), "run budget");
            Assert.That(limits.DefaultRunTimeout, Is.EqualTo(defaultRunTimeout), "robotmk.yml's default run_timeout");
        });
    }

    [Test]
    public void Without_a_margin_the_default_margin_applies()
    {
        var limits = RunTimeBudget.ForInterval(900);
        Assert.That(limits, Is.EqualTo(new RunTimeBudget(900, Defaults.RunTimeoutMargin)));
        Assert.That(Defaults.RunTimeoutMargin, Is.EqualTo(30));
    }
}
