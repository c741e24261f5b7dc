using System.Text.Json;
using Robotmk.Runner.Results;
using Robotmk.Tests.Runner;
using Robotmk.Tests.Support;

namespace Robotmk.Tests.Results;

/// <summary>The statistics of result documents from the RF versions users run: times and statuses are written differently.</summary>
[NonParallelizable]
public class ResultDocumentRfVersionsTests
{
    [TestCase("3.2.2", 0)]
    [TestCase("4.1.3", 1)]
    [TestCase("6.1.1", 1)]
    public void Tests_statuses_durations_and_skips_are_read_from_each_version(string version, int skips)
    {
        using var h = new RunnerHarness { Robot = Path.Join(TestPaths.Shared, "peers", "robotframework-versions", version, "bin", "robot") };
        var skip = skips > 0 ? "Skipped\n    Skip    not here\n" : "";
        h.Suite("mixed.robot", $"*** Test Cases ***\nGood\n    Sleep    0.05s\nBad\n    Fail    broken\n{skip}");
        h.Config("mixed: {path: mixed.robot}");
        h.Run("run");

        var file = Directory.GetFiles(Path.Join(h.OutputDir, "results", "mixed"), "*.json").Single();
        var json = File.ReadAllText(file);
        ResultSchema.AssertValid(json);
        var doc = JsonDocument.Parse(json).RootElement;
        Assert.That(doc.GetProperty("state").GetString(), Is.EqualTo(RunState.Failed));
        var stats = doc.GetProperty("statistics");
        Assert.That((stats.GetProperty("pass").GetInt32(), stats.GetProperty("fail").GetInt32(), stats.GetProperty("skip").GetInt32()), Is.EqualTo((1, 1, skips)));
        var good = doc.GetProperty("tests").EnumerateArray().First(t => t.GetProperty("name").GetString() == "Good");
        Assert.That(good.GetProperty("duration").GetDouble(), Is.GreaterThanOrEqualTo(0.05));
        Assert.That(doc.GetProperty("tests").EnumerateArray().Single(t => t.GetProperty("status").GetString() == "FAIL").GetProperty("message").GetString(), Is.EqualTo("broken"));
    }
}
