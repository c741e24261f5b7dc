using Robotmk.Config;

namespace Robotmk.Tests.Config;

/// <summary>The one place of the spellings of the settings' values.</summary>
public class WireNamesTests
{
    [Test]
    public void Every_execution_mode_has_one_name_that_reads_back()
    {
        AssertRoundTrip(WireNames.ExecutionModes, WireNames.Of);
        Assert.That(WireNames.ExecutionModes.Names, Is.EqualTo(new[] { "agent_serial", "external" }));
    }

    [Test]
    public void Every_encoding_has_one_name_that_reads_back()
    {
        AssertRoundTrip(WireNames.Encodings, WireNames.Of);
        Assert.That(WireNames.Encodings.Names, Is.EqualTo(new[] { "zlib_codec", "base64_codec", "utf_8" }));
    }

    [Test]
    public void Every_log_level_has_one_name_that_reads_back() => AssertRoundTrip(WireNames.LogLevels, WireNames.Of);

    [Test]
    public void Every_rerun_strategy_has_one_name_that_reads_back() => AssertRoundTrip(WireNames.Strategies, WireNames.Of);

    [Test]
    public void Every_skipped_as_value_has_one_name_that_reads_back()
    {
        AssertRoundTrip(WireNames.SkippedAsValues, WireNames.Of);
        Assert.That(WireNames.SkippedAsValues.Names, Is.EqualTo(new[] { "pass", "fail" }));
    }

    [Test]
    public void A_value_outside_the_enumeration_has_no_name() =>
        Assert.That(() => WireNames.Of((OutputEncoding)99), Throws.TypeOf<ArgumentOutOfRangeException>());

    private static void AssertRoundTrip<T>(WireEnum<T> names, Func<T, string> of) where T : struct, Enum
    {
        Assert.That(names.Values, Is.EquivalentTo(Enum.GetValues<T>()), "every value is named once");
        Assert.That(names.Names, Is.Unique);
        foreach (var value in Enum.GetValues<T>())
            Assert.That(names.TryParse(of(value), out var read) ? read : (T?)null, Is.EqualTo(value));
    }
}
