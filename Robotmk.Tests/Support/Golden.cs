using System.Text;
using Robotmk.Text;

namespace Robotmk.Tests.Support;

/// <summary>
/// Checked-in expected outputs (golden files) that a test compares its output with. After an intended change of the
/// output, run the tests once with ROBOTMK_UPDATE_GOLDEN=1: each golden file is rewritten from the current output and
/// its test ends with a warning instead of passing, so an update run is never mistaken for a green run. Then review
/// the change with git diff.
/// </summary>
public static class Golden
{
    public const string UpdateVariable = "ROBOTMK_UPDATE_GOLDEN";

    private const string UpdateHint = "If the change is intended, run the tests once with " + UpdateVariable + "=1 and review git diff";

    private static bool Updating => Environment.GetEnvironmentVariable(UpdateVariable) == "1";

    /// <summary>The golden text file <paramref name="file"/> holds exactly <paramref name="actual"/>.</summary>
    public static void AssertMatches(string file, string actual)
    {
        if (Updating)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            File.WriteAllText(file, actual, Utf8.NoBom);
            Assert.Warn($"rewrote the golden file {file} ({UpdateVariable}=1); review it with git diff");
            return;
        }
        if (!File.Exists(file))
            Assert.Fail(Missing(file));
        var expected = File.ReadAllText(file, Utf8.NoBom);
        if (expected != actual)
            Assert.Fail($"the output differs from the golden file {file}: {FirstDifference(expected, actual)}\n{UpdateHint}");
    }

    /// <summary>The folder <paramref name="actualDir"/> holds the same files as the golden folder <paramref name="expectedDir"/>, byte for byte.</summary>
    public static void AssertTreeMatches(string expectedDir, string actualDir)
    {
        if (Updating)
        {
            if (Directory.Exists(expectedDir))
                Directory.Delete(expectedDir, recursive: true);
            foreach (var file in RelativeFiles(actualDir))
            {
                var copy = Path.Join(expectedDir, file);
                Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
                File.Copy(Path.Join(actualDir, file), copy);
            }
            Assert.Warn($"rewrote the golden folder {expectedDir} ({UpdateVariable}=1); review it with git diff");
            return;
        }
        if (!Directory.Exists(expectedDir))
            Assert.Fail(Missing(expectedDir));
        var files = RelativeFiles(expectedDir);
        Assert.That(RelativeFiles(actualDir), Is.EqualTo(files), $"the same files as the golden folder {expectedDir}\n{UpdateHint}");
        foreach (var file in files)
        {
            var want = File.ReadAllBytes(Path.Join(expectedDir, file));
            var got = File.ReadAllBytes(Path.Join(actualDir, file));
            if (!got.AsSpan().SequenceEqual(want))
                Assert.Fail($"{file} differs from the golden file in {expectedDir}: {FirstDifference(want, got)}\n{UpdateHint}");
        }
    }

    private static string Missing(string path) =>
        $"the golden file {path} is missing; run the tests once with {UpdateVariable}=1 to write it, then review it with git diff";

    private static List<string> RelativeFiles(string root) =>
        [.. Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(root, f).Replace('\\', '/')).Order(StringComparer.Ordinal)];

    /// <summary>Golden files are text: UTF-16 where the bakery writes it (Task Scheduler XML), UTF-8 otherwise.</summary>
    private static string FirstDifference(byte[] want, byte[] got)
    {
        var encoding = want is [0xFF, 0xFE, ..] ? Encoding.Unicode : Encoding.UTF8;
        var difference = FirstDifference(encoding.GetString(want), encoding.GetString(got));
        return difference ?? "the same text in different bytes (encoding or byte order mark)";
    }

    /// <summary>Where the texts first differ: line, column and up to 80 characters around it on each side; null when they are equal.</summary>
    private static string? FirstDifference(string expected, string actual)
    {
        var common = Math.Min(expected.Length, actual.Length);
        var at = Enumerable.Range(0, common).FirstOrDefault(i => expected[i] != actual[i], common);
        if (at == common && expected.Length == actual.Length)
            return null;
        var lineStart = at == 0 ? 0 : expected.LastIndexOf('\n', at - 1) + 1;
        var line = expected[..lineStart].Count(c => c == '\n') + 1;
        return $"line {line}, column {at - lineStart + 1}:\n  expected …{Around(expected, at)}…\n  actual   …{Around(actual, at)}…";
    }

    private static string Around(string text, int at)
    {
        var start = Math.Max(0, at - 80);
        var end = Math.Min(text.Length, at + 80);
        return text[start..end].Replace("\r", "\\r").Replace("\n", "\\n").Replace("\t", "\\t");
    }
}
