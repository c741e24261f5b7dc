using System.Collections.Immutable;
using System.Xml.Linq;
using Robotmk.Config;
using Robotmk.Runner.RobotFramework;
using Robotmk.Tests.Support;

namespace Robotmk.Tests.Security;

/// <summary>Variables reach RF through an argument file, value for value as on the command line, in every RF version.</summary>
public class VariableArgumentFileTests
{
    private static readonly KeyValuePair<string, string>[] Carried =
    [
        new("PASSWORD", "s3cret with spaces = and 'quotes' \"double\" \\back"),
        new("OFFSET", "-1"),
        new("DASHES", "--output x.xml"),
        new("EQUALS", "=a=b"),
        new("LEADING", "  two spaces first"),
        new("EMPTY", ""),
        new("HASH", "# not a comment"),
        new("UNICODE", "ünïcödé ✓ 日本"),
        new("ARGFILE", "-A/tmp/x.txt"),
    ];

    private static readonly KeyValuePair<string, string>[] NotCarried =
    [
        new("NEWLINE", "first\nsecond"),
        new("CR", "a\rb"),
        new("SEPARATOR", "a\u2028b"),
        new("TRAILING", "ends with a space "),
        new("TRAILING_NBSP", "x\u00a0"),
    ];

    [Test]
    public void The_file_carries_what_RF_reads_back_unchanged_and_nothing_else()
    {
        Assert.That(Carried.Select(v => VariableArgumentFile.CanCarry(v.Key, v.Value)), Has.All.True);
        Assert.That(NotCarried.Select(v => VariableArgumentFile.CanCarry(v.Key, v.Value)), Has.All.False);
        Assert.That(VariableArgumentFile.Text([.. NotCarried]), Is.Null);
        Assert.That(VariableArgumentFile.Text([new("A", "1"), new("NL", "x\ny"), new("B", "-2")]), Is.EqualTo("--variable=A:1\n--variable=B:-2\n"));
    }

    [Test]
    public void Variables_the_file_cannot_carry_stay_on_the_command_line_in_their_place()
    {
        var suite = new SuiteConfig
        {
            Key = "a", Id = "a", Path = "a",
            RobotParams = new RobotParams { Variable = [new("A", "1"), new("NL", "x\ny")], VariableFile = ["vars.py"] },
        };

        var args = RobotArguments.ForAttempt(suite, "/robot/a", "/out", new OutputNames("a", 1), 1, null, "/private/variables.args");

        Assert.That(args.Take(6), Is.EqualTo(new[] { "--argumentfile", "/private/variables.args", "--variable", "NL:x\ny", "--variablefile", "vars.py" }));
        Assert.That(args, Does.Not.Contain("A:1"));
    }

    [TestCase("robotframework")]
    [TestCase("robotframework-versions/3.2.2")]
    [TestCase("robotframework-versions/4.1.3")]
    [TestCase("robotframework-versions/5.0.1")]
    [TestCase("robotframework-versions/6.1.1")]
    public void Every_supported_RF_version_reads_the_values_verbatim(string release)
    {
        using var dir = new TempDir();
        var lines = string.Join("\n", Carried.Select(v => $"    Log    ${{{v.Key}}}"));
        File.WriteAllText(Path.Join(dir.Path, "s.robot"), $"*** Test Cases ***\nEcho\n{lines}\n");
        var argumentFile = Path.Join(dir.Path, VariableArgumentFile.FileName);
        File.WriteAllText(argumentFile, VariableArgumentFile.Text(Carried));

        var (rc, output) = PeerRobot.Run(release, dir.Path,
            "--argumentfile", argumentFile, "--outputdir", dir.Path, "--log", "NONE", "--report", "NONE", "--console", "quiet", "s.robot");

        Assert.That(rc, Is.Zero, output);
        var logged = XDocument.Load(Path.Join(dir.Path, "output.xml")).Descendants("msg").Select(m => m.Value);
        Assert.That(logged, Is.EqualTo(Carried.Select(v => v.Value)));
    }
}
