using Robotmk.Bakery.Cli;
using Robotmk.Bakery.Rendering;
using Robotmk.Tests.Support;

namespace Robotmk.Tests.Wine;

/// <summary>robotmk-bakery.exe under Wine bakes the same Windows tree, byte for byte, as the bakery on Linux.</summary>
[Category("Wine")]
[NonParallelizable]
public class WindowsBakeryTests
{
    [Test]
    public void Bakery_exe_bakes_the_example_rules_into_the_same_Windows_tree_with_the_programs()
    {
        var wine = new WineHost();
        using var tmp = new TempDir();
        File.Copy(Path.Join(TestPaths.Examples, "rules.yml"), Path.Join(tmp.Path, "rules.yml"));

        var onWindows = wine.Run(wine.Program("robotmk-bakery"),
            ["bake", "rules.yml", "--out", "wine", "--os", "windows", "--bin-dir", WineHost.WinPath(wine.BinDir)],
            new Dictionary<string, string>(), tmp.Path);
        var err = new StringWriter();
        var onLinux = BakeryApp.Run(["bake", "rules.yml", "--out", "linux", "--os", "windows", "--bin-dir", wine.BinDir],
            new BakeryContext(new StringWriter(), err, tmp.Path, GeneratorInfo.Current));

        Assert.That(onWindows.ExitCode, Is.Zero, onWindows.ToString());
        Assert.That(onLinux, Is.Zero, err.ToString());
        var expected = Tree(Path.Join(tmp.Path, "linux"));
        var baked = Tree(Path.Join(tmp.Path, "wine"));
        Assert.That(baked.Keys, Is.EquivalentTo(expected.Keys));
        Assert.That(baked.Keys, Has.Some.EndsWith("robotmk-runner.exe").And.Some.EndsWith("robotmk.yml"));
        foreach (var (file, content) in expected)
            Assert.That(baked[file], Is.EqualTo(content), $"{file} differs when baked on Windows");
    }

    private static Dictionary<string, byte[]> Tree(string root) =>
        Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(root, f), File.ReadAllBytes);
}
