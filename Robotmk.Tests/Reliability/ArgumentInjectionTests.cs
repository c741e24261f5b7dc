using System.Text;
using System.Xml.Linq;
using Robotmk.Sections;
using Robotmk.State;
using Robotmk.Tests.Runner;

namespace Robotmk.Tests.Reliability;

/// <summary>
/// Suite parameters full of shell syntax reach the real RF byte for byte (argv, never a shell line): read back from
/// the output.xml RF wrote, and nothing the syntax would have run if a shell had seen it happened.
/// </summary>
[Category("Reliability")]
[NonParallelizable]
public class ArgumentInjectionTests
{
    private static readonly string[] Hostile =
    [
        "semi;colon && echo and || echo or | cat",
        "$(touch pwned-dollar) ${HOME} $HOME",
        "`touch pwned-backtick`",
        "'single' \"double\" \\back\\slash",
        "first line\nsecond line\n\tthird after a tab",
        "> redirect.txt < input 2>&1 &",
        "*?[glob] ~ # not a comment",
        "--output injected.xml",
        "ünïcödé ✓ 日本",
    ];

    [Test]
    public void Suite_parameters_with_shell_syntax_reach_RF_verbatim()
    {
        using var h = new RunnerHarness();
        h.Suite("inject/inject.robot", """
            *** Test Cases ***
            Echo
                FOR    ${i}    IN RANGE    ${COUNT}
                    Log    ${VALUE${i}}
                END
                Log    %{ROBOTMK_INJECTED}
            """);
        // JSON strings are valid YAML double-quoted scalars: every character is written unambiguously.
        string Quote(string s) => Newtonsoft.Json.JsonConvert.ToString(s);
        var variables = string.Join("", Hostile.Select((v, i) => $"\n      VALUE{i}: {Quote(v)}"));
        var name = string.Join(" ", Hostile.Take(4)).Replace('\n', ' ');
        h.Config($"""
            inject:
              path: inject
              env:
                ROBOTMK_INJECTED: {Quote(Hostile[1] + Hostile[2])}
              robot_params:
                name: {Quote(name)}
                variable:
                  COUNT: "{Hostile.Length}"{variables}
            """);

        var (rc, _, err) = h.Run("run");

        var failures = new List<string>();
        var result = h.SuiteState("inject").Result!;
        if (result.Status != SuiteResult.NonFatal || result.Rc != 0)
            failures.Add($"suite: {result.Status} rc {result.Rc}: {result.Error} {err}");
        else
        {
            var xml = XDocument.Parse(Encoding.UTF8.GetString(PayloadCodec.Decode(result.Xml!.Value.Text(), "zlib_codec")));
            var messages = xml.Descendants("msg").Select(m => m.Value).ToList();
            foreach (var value in Hostile.Append(Hostile[1] + Hostile[2]))
                if (!messages.Contains(value))
                    failures.Add($"RF did not log the value verbatim: {Newtonsoft.Json.JsonConvert.ToString(value)}; logged: {string.Join(" | ", messages)}");
            var suiteName = xml.Root!.Element("suite")!.Attribute("name")!.Value;
            if (suiteName != name)
                failures.Add($"suite name {Newtonsoft.Json.JsonConvert.ToString(suiteName)} instead of {Newtonsoft.Json.JsonConvert.ToString(name)}");
        }
        var ranSomething = Directory.EnumerateFiles(h.Root, "*", SearchOption.AllDirectories)
            .Where(f => Path.GetFileName(f) is var n && (n.StartsWith("pwned", StringComparison.Ordinal) || n is "redirect.txt" or "injected.xml"))
            .ToList();
        if (ranSomething.Count > 0)
            failures.Add("shell syntax was executed: " + string.Join(", ", ranSomething));

        Chaos.Report(new ScenarioFigures
        {
            Scenario = "security: shell syntax in suite parameters reaches RF verbatim",
            Count = Hostile.Length + 2,
            Unit = "hostile values",
            Failures = failures,
        });
        Assert.That(rc, Is.Zero, err);
        Assert.That(failures, Is.Empty);
    }
}
