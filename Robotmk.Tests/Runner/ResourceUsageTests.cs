using Robotmk.Runner.Processes;

namespace Robotmk.Tests.Runner;

/// <summary>A suite's usage is its programs' runs together, and unknown as soon as one run's is: never a partial sum.</summary>
public class ResourceUsageTests
{
    [Test]
    public void Runs_one_after_the_other_add_their_CPU_times_and_keep_the_larger_peak()
    {
        var attempt = new ResourceUsage(0.5, 0.125, 40L << 20);
        var merge = new ResourceUsage(0.25, 0.25, 30L << 20);

        Assert.That(ResourceUsage.None.Then(attempt).Then(merge), Is.EqualTo(new ResourceUsage(0.75, 0.375, 40L << 20)));
    }

    [Test]
    public void Nothing_run_is_zero_CPU_and_no_peak() =>
        Assert.That(ResourceUsage.None, Is.EqualTo(new ResourceUsage(0, 0, null)).And.Property(nameof(ResourceUsage.IsKnown)).True);

    [Test]
    public void One_run_whose_usage_is_unknown_makes_the_sum_unknown()
    {
        var known = new ResourceUsage(0.5, 0.125, 40L << 20);

        Assert.That(ResourceUsage.None.Then(known).Then(ResourceUsage.Unknown), Is.EqualTo(ResourceUsage.Unknown));
        Assert.That(ResourceUsage.Unknown.Then(known), Is.EqualTo(ResourceUsage.Unknown));
    }

    [Test]
    public void A_peak_known_for_one_run_only_is_kept() =>
        Assert.That(new ResourceUsage(1, 1, null).Then(new ResourceUsage(1, 1, 8L << 20)).PeakMemoryBytes, Is.EqualTo(8L << 20));
}
