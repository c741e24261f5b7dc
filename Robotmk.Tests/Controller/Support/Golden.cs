using Robotmk.Tests.Support;

namespace Robotmk.Tests.Controller.Support;

/// <summary>Checked-in expected outputs under Robotmk.Tests/Controller/golden; ROBOTMK_UPDATE_GOLDEN=1 rewrites them.</summary>
public static class Golden
{
    public static string Folder => Path.Join(TestPaths.RepoRoot, "Robotmk.Tests", "Controller", "golden");

    public static void AssertMatches(string name, string actual)
    {
        var file = Path.Join(Folder, name + ".txt");
        if (Environment.GetEnvironmentVariable("ROBOTMK_UPDATE_GOLDEN") == "1")
        {
            Directory.CreateDirectory(Folder);
            File.WriteAllText(file, actual, Robotmk.State.Utf8.NoBom);
            Assert.Warn($"golden file {name}.txt rewritten");
            return;
        }
        Assert.That(File.Exists(file), Is.True, $"golden file {file} is missing; run the tests with ROBOTMK_UPDATE_GOLDEN=1 once and review it");
        var expected = File.ReadAllText(file, Robotmk.State.Utf8.NoBom);
        if (expected == actual)
            return;
        var at = Enumerable.Range(0, Math.Min(expected.Length, actual.Length)).FirstOrDefault(i => expected[i] != actual[i], Math.Min(expected.Length, actual.Length));
        string Around(string s) => s.Substring(Math.Max(0, at - 80), Math.Min(160, s.Length - Math.Max(0, at - 80)));
        Assert.Fail($"output differs from {name}.txt at character {at}:\nexpected …{Around(expected)}…\nactual   …{Around(actual)}…");
    }
}
