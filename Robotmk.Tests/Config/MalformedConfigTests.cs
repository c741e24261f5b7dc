using System.Text;
using Robotmk.Config;
using Robotmk.Tests.Support;
using static Robotmk.Tests.Config.ConfigTestSupport;

namespace Robotmk.Tests.Config;

/// <summary>Whatever the text, parsing ends with problems that say where and what, never with an exception.</summary>
public class MalformedConfigTests
{
    private static readonly string[] Malformed =
    [
        "global: {",
        "global:\n  cache_time: 960\n cache_time: 1\n",
        "suites: [",
        "suites: {a: {path: a}",
        "]",
        "{{}}",
        "global: !!binary AAAA\n  x: 1\n",
        "'unterminated",
        "\"bad escape \\q\"",
        "global:\n\t- x\n",
        "suites:\n  a:\n\tpath: a\n",
        "a: 1\n---\nb: 2\n",
        "suites:\n  a: &x\n    path: *y\n",
        "? [complex]\n: key\n",
        "global:\n  robotdir: |\n  x\n bad\n",
        "%YAML 9.9\n---\nglobal: {}\n",
        "@reserved: 1\n",
        "global: `backtick`\n",
        "suites:\n  a:\n    path: a\n  a:\n    path: b\n",
        "suites:\n  a:\n    path: a\n    path: b\n",
        "global:\n  execution_mode: agent_parallel\n",
        "global:\n  agent_output_encoding: rot13\n",
        "global:\n  log_level: verbose\n",
        "global:\n  execution_interval: 0\n",
        "global:\n  execution_interval: -1\n",
        "global:\n  cache_time: 10\n  execution_interval: 20\n",
        "global:\n  transmit_html: 2\n",
        "global:\n  log_rotation: []\n",
        "global:\n  robotdir: {}\n",
        "global:\n  outputdir: ~\n",
        "global:\n  run_timeout: 10000\n  execution_interval: 60\n",
        "global:\n  unknown: 1\n",
        "suites:\n  a: 1\n",
        "suites:\n  a: []\n",
        "suites:\n  a:\n    tag: only\n",
        "suites:\n  a:\n    path: ../../etc\n",
        "suites:\n  a:\n    path: a\n    robot_params: {variable: [NOCOLON]}\n",
        "suites:\n  a:\n    path: a\n    failed_handling: {max_iterations: 99}\n",
        "suites:\n  a:\n    path: a\n    failed_handling: {strategy: {name: sometimes}}\n",
        "suites:\n  runner: {path: x}\n",
        "suites:\n  a:\n    path: a\n    env: {'': x}\n",
        "suites:\n  a:\n    path: a\n    piggybackhost: '<<<x>>>'\n",
        "suites:\n  a:\n    path: a\n    timeout: 1.5\n",
        "suites: text\n",
        "42\n",
        "- a\n- b\n",
        "global: []\nsuites: []\n",
        "x\0y: 1\n",
        "global:\n  <<: 1\n",
        new string('[', 200) + new string(']', 200),
        string.Concat(Enumerable.Repeat("a: 1\n", 3)),
        // Inputs on which YamlDotNet itself throws InvalidOperationException / ArgumentException.
        ": [\np]",
        ": !!&]]",
    ];

    private static IEnumerable<TestCaseData> Cases() =>
        Malformed.Select((text, i) => new TestCaseData(text).SetName($"Malformed config {i + 1:00}"));

    [Test]
    public void There_are_at_least_thirty_cases() => Assert.That(Malformed, Has.Length.GreaterThanOrEqualTo(30));

    [TestCaseSource(nameof(Cases))]
    public void Malformed_config_yields_a_positioned_error(string text)
    {
        ConfigResult r = null!;
        Assert.That(() => r = Parse(text), Throws.Nothing);
        Assert.That(r.HasErrors, Is.True, () => "no error for:\n" + text + "\nproblems:\n" + r.Describe());
        AssertWellFormed(r);
    }

    [TestCaseSource(nameof(Cases))]
    public void Malformed_config_file_yields_the_same_errors_through_the_loader(string text)
    {
        using var tmp = new TempDir();
        var robot = tmp.Sub("robot");
        foreach (var d in new[] { "a", "b" })
            Directory.CreateDirectory(Path.Join(robot, d));
        var file = tmp.File("robotmk.yml", text);
        var r = ConfigLoader.Load(file, LinuxDefaults with { RobotDir = robot });
        Assert.That(r.HasErrors, Is.True, r.Describe());
        Assert.That(r.Errors.All(e => e.File == file));
        AssertWellFormed(r);
    }

    /// <summary>Cuts a realistic file at every line and every 7th character, and flips bytes: never an exception.</summary>
    [Test]
    public void Truncated_and_mutated_versions_of_a_real_file_never_throw()
    {
        var text = File.ReadAllText(Path.Join(TestPaths.RepoRoot, "Robotmk.Tests", "Config", "fixtures", "v1_bakery_robotmk.yml"));
        var variants = new List<string>();
        for (var i = 0; i < text.Length; i += 7)
            variants.Add(text[..i]);
        const string noise = ":-[]{}&*!|>'\"%@`#,?\t\n ~";
        var random = new Random(7);
        for (var n = 0; n < 1500; n++)
        {
            var chars = text.ToCharArray();
            for (var k = random.Next(1, 4); k > 0; k--)
                chars[random.Next(chars.Length)] = noise[random.Next(noise.Length)];
            variants.Add(new string(chars));
        }

        foreach (var variant in variants)
        {
            ConfigResult r = null!;
            Assert.That(() => r = Parse(variant), Throws.Nothing, variant);
            AssertWellFormed(r);
            Assert.That(r.Config is not null || r.HasErrors, Is.True, "an unusable config always says why");
        }
    }

    /// <summary>Short strings of YAML punctuation: the inputs most likely to confuse the YAML scanner.</summary>
    [Test]
    public void Random_punctuation_never_throws()
    {
        const string alphabet = ":-[]{}&*!|>'\"%@`#,?\t\n ~\\<=p";
        var random = new Random(11);
        for (var n = 0; n < 20_000; n++)
        {
            var sb = new StringBuilder();
            for (var k = random.Next(1, 14); k > 0; k--)
                sb.Append(alphabet[random.Next(alphabet.Length)]);
            var text = sb.ToString();
            ConfigResult r = null!;
            Assert.That(() => r = Parse(text), Throws.Nothing, text);
            AssertWellFormed(r);
        }
    }

    private static void AssertWellFormed(ConfigResult r)
    {
        foreach (var p in r.Problems)
        {
            Assert.That(p.Message, Is.Not.Empty, p.ToString());
            Assert.That(p.ToString(), Does.Not.Contain('\n').And.Not.Contain('\r'));
            // Only file-level problems (missing, unreadable file) lack a position, and none of these texts has one.
            Assert.That(p.Position.Line, Is.GreaterThan(0), p.ToString());
            Assert.That(p.Position.Column, Is.GreaterThan(0), p.ToString());
        }
    }
}
