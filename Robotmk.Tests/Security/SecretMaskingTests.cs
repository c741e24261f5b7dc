using Robotmk.Config;
using Robotmk.Runner.Logging;
using Robotmk.Runner.Processes;
using Robotmk.Tests.Support;

namespace Robotmk.Tests.Security;

/// <summary>Variable values (passwords) never reach the runner's log, and no logged text can forge a log line.</summary>
public class SecretMaskingTests
{
    [TestCase(new[] { "robot", "--variable", "PASSWORD:s3cret", "suite" }, "robot --variable PASSWORD:*** suite")]
    [TestCase(new[] { "robot", "-v", "PASSWORD:s3cret" }, "robot -v PASSWORD:***")]
    [TestCase(new[] { "robot", "--VARIABLE", "PASSWORD:s3cret:more" }, "robot --VARIABLE PASSWORD:***")]
    [TestCase(new[] { "robot", "--vari-able=PASSWORD:s3cret" }, "robot --vari-able=PASSWORD:***")]
    [TestCase(new[] { "robot", "--variable", "no colon s3cret" }, "robot --variable ***")]
    [TestCase(new[] { "robot", "--variable", "PASSWORD:two\nlines s3cret" }, "robot --variable PASSWORD:***")]
    [TestCase(new[] { "robot", "--variablefile", "vars.py:s3cret" }, "robot --variablefile vars.py:s3cret")]
    [TestCase(new[] { "robot", "--name", "a b", "--variable" }, "robot --name 'a b' --variable")]
    public void Command_line_shows_variable_names_and_masks_their_values(string[] argv, string shown)
    {
        Assert.That(LoggedCommandLine.Of(argv), Is.EqualTo(shown));
    }

    [Test]
    public void An_option_after_a_masked_value_is_shown()
    {
        Assert.That(LoggedCommandLine.Of(["robot", "--variable", "A:x", "--variable", "B:y", "--include", "smoke"]),
            Is.EqualTo("robot --variable A:*** --variable B:*** --include smoke"));
    }

    [TestCase("two\nlines", "two\\nlines")]
    [TestCase("cr\rtab\t", "cr\\rtab\\t")]
    [TestCase("esc\u001b[2J", "esc\\u001b[2J")]
    [TestCase("sep\u2028x\u0085", "sep\\u2028x\\u0085")]
    [TestCase("C:\\ProgramData ünï ✓", "C:\\ProgramData ünï ✓")]
    public void Log_text_is_one_line(string text, string logged)
    {
        Assert.That(LogText.OneLine(text), Is.EqualTo(logged));
    }

    [Test]
    public void A_message_with_a_line_break_stays_one_line_in_the_log_file()
    {
        using var dir = new TempDir();
        var log = new RunnerLog(dir.Path, RobotmkLogLevel.Info, new FakeClock(DateTimeOffset.Parse("2026-12-06T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture)), TextWriter.Null);

        log.Info("suite a: RF said: first\n2026-12-06T10:00:00Z 1 ERROR forged line");

        var lines = File.ReadAllLines(Directory.GetFiles(dir.Path).Single());
        Assert.That(lines, Has.Length.EqualTo(1));
        Assert.That(lines[0], Does.EndWith("RF said: first\\n2026-12-06T10:00:00Z 1 ERROR forged line"));
    }
}
