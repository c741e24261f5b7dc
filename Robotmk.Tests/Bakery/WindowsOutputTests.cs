using System.Text;
using System.Xml;
using Robotmk.Bakery.Rules;
using Robotmk.Bakery.Windows;
using YamlDotNet.RepresentationModel;

namespace Robotmk.Tests.Bakery;

public class WindowsAgentConfigTests
{
    private static YamlSequenceNode Entries(string rules)
    {
        var text = WindowsAgentConfig.Render(TestRules.Valid(rules), TestRules.Generator);
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        var root = (YamlMappingNode)stream.Documents.Single().RootNode;
        Assert.That(root.Children.Keys.Select(k => k.ToString()), Is.EqualTo(new[] { "plugins" }));
        var plugins = (YamlMappingNode)root.Children["plugins"];
        Assert.That(plugins.Children.Keys.Select(k => k.ToString()), Is.EqualTo(new[] { "execution" }));
        return (YamlSequenceNode)plugins.Children["execution"];
    }

    private static Dictionary<string, string> AsDictionary(YamlNode entry) =>
        ((YamlMappingNode)entry).Children.ToDictionary(kv => kv.Key.ToString(), kv => ((YamlScalarNode)kv.Value).Value!);

    [Test]
    public void Agent_serial_gets_a_synchronous_controller_and_an_async_runner()
    {
        var entries = Entries("execution_interval: 600\nrunner_timeout_margin: 20\nwindows:\n  retry_count: 2\nsuites:\n  - path: a\n")
            .Children.Select(AsDictionary).ToList();

        Assert.That(entries, Has.Count.EqualTo(2));
        Assert.That(entries[0], Is.EqualTo(new Dictionary<string, string>
        {
            ["pattern"] = @"$CUSTOM_PLUGINS_PATH$\robotmk.exe", ["run"] = "yes", ["async"] = "no", ["timeout"] = "60",
        }));
        Assert.That(entries[1], Is.EqualTo(new Dictionary<string, string>
        {
            ["pattern"] = @"$CUSTOM_PLUGINS_PATH$\robotmk-runner.exe", ["run"] = "yes", ["async"] = "yes",
            ["cache_age"] = "600", ["timeout"] = "580", ["retry_count"] = "2",
        }));
    }

    [Test]
    public void External_mode_lists_only_the_controller()
    {
        var entries = Entries("execution_mode: external\nsuites:\n  - path: a\n").Children.Select(AsDictionary).ToList();
        Assert.That(entries.Single()["pattern"], Is.EqualTo(@"$CUSTOM_PLUGINS_PATH$\robotmk.exe"));
    }

    [TestCase("suites:\n  - path: a\n")]
    [TestCase("execution_mode: external\nsuites:\n  - path: a\n")]
    public void Only_keys_the_windows_agent_knows_are_used(string rules)
    {
        var keys = Entries(rules).Children.SelectMany(e => ((YamlMappingNode)e).Children.Keys.Select(k => k.ToString())).Distinct();
        Assert.That(keys, Is.SubsetOf(new[] { "pattern", "run", "async", "timeout", "cache_age", "retry_count", "exe", "user", "group", "repair_invalid_utf" }));
        Assert.That(WindowsAgentConfig.EntryKeys, Is.EquivalentTo(new[] { "pattern", "run", "async", "timeout", "cache_age", "retry_count", "exe", "user", "group", "repair_invalid_utf" }));
    }
}

public class TaskSchedulerXmlTests
{
    private const string External = "execution_mode: external\nsuites:\n  - path: a\n";
    private static readonly XmlNamespaceManager Ns = CreateNamespaces();

    private static XmlNamespaceManager CreateNamespaces()
    {
        var ns = new XmlNamespaceManager(new NameTable());
        ns.AddNamespace("t", TaskSchedulerXml.Namespace);
        return ns;
    }

    private static byte[] Render(string rules) => TaskSchedulerXml.Render(TestRules.Valid(rules), TestRules.Generator);

    private static XmlDocument Load(byte[] xml)
    {
        var doc = new XmlDocument();
        doc.Load(new MemoryStream(xml));
        return doc;
    }

    private static string Value(XmlDocument doc, string xpath) => doc.SelectSingleNode(xpath, Ns)?.InnerText ?? "<missing>";

    [TestCase(External)]
    [TestCase("execution_mode: external\nwindows:\n  user: 'SHOP\\tester'\nsuites:\n  - path: a\n")]
    [TestCase("execution_mode: external\nwindows:\n  user: tester\n  logon_type: interactive_token\nsuites:\n  - path: a\n")]
    [TestCase("execution_mode: external\nwindows:\n  user: tester@shop.example\n  logon_type: s4u\nsuites:\n  - path: a\n")]
    [TestCase("execution_mode: external\nexecution_interval: 86400\nstart_offset: 7200\nsuites:\n  - path: a\n")]
    public void The_task_conforms_to_the_task_scheduler_1_2_schema(string rules)
    {
        Assert.That(TaskSchedulerSchema.Violations(Render(rules)), Is.Empty);
    }

    [Test]
    public void The_task_is_utf16_with_a_byte_order_mark_as_task_scheduler_writes_it()
    {
        var xml = Render(External);
        Assert.That(xml.Take(2), Is.EqualTo(new byte[] { 0xFF, 0xFE }));
        var text = Encoding.Unicode.GetString(xml, 2, xml.Length - 2);
        Assert.That(text, Does.StartWith("<?xml version=\"1.0\" encoding=\"utf-16\"?>\r\n<Task version=\"1.2\""));
        Assert.That(text.Replace("\r\n", ""), Does.Not.Contain("\n"), "CRLF line ends only");
    }

    [Test]
    public void The_trigger_repeats_every_interval_forever_from_the_offset()
    {
        var doc = Load(Render("execution_mode: external\nexecution_interval: 1800\nstart_offset: 300\nsuites:\n  - path: a\n"));
        Assert.Multiple(() =>
        {
            Assert.That(Value(doc, "/t:Task/t:Triggers/t:TimeTrigger/t:StartBoundary"), Is.EqualTo("2000-01-01T00:05:00"));
            Assert.That(Value(doc, "/t:Task/t:Triggers/t:TimeTrigger/t:Repetition/t:Interval"), Is.EqualTo("PT30M"));
            Assert.That(doc.SelectSingleNode("/t:Task/t:Triggers/t:TimeTrigger/t:Repetition/t:Duration", Ns), Is.Null, "no duration: repeat indefinitely");
            Assert.That(Value(doc, "/t:Task/t:Triggers/t:TimeTrigger/t:Enabled"), Is.EqualTo("true"));
        });
    }

    [Test]
    public void A_second_instance_is_never_started_and_a_run_is_stopped_at_the_runner_timeout()
    {
        var doc = Load(Render("execution_mode: external\nrunner_timeout_margin: 30\nsuites:\n  - path: a\n"));
        Assert.That(Value(doc, "/t:Task/t:Settings/t:MultipleInstancesPolicy"), Is.EqualTo("IgnoreNew"));
        Assert.That(Value(doc, "/t:Task/t:Settings/t:ExecutionTimeLimit"), Is.EqualTo("PT14M30S"));
        Assert.That(XmlConvert.ToTimeSpan(Value(doc, "/t:Task/t:Settings/t:ExecutionTimeLimit")),
            Is.LessThan(XmlConvert.ToTimeSpan(Value(doc, "/t:Task/t:Triggers/t:TimeTrigger/t:Repetition/t:Interval"))));
        Assert.That(Value(doc, "/t:Task/t:Settings/t:DisallowStartIfOnBatteries"), Is.EqualTo("false"), "test clients may be laptops");
    }

    [Test]
    public void System_runs_as_its_well_known_sid_without_a_logon_type()
    {
        var doc = Load(Render(External));
        Assert.That(Value(doc, "/t:Task/t:Principals/t:Principal/t:UserId"), Is.EqualTo("S-1-5-18"));
        Assert.That(doc.SelectSingleNode("/t:Task/t:Principals/t:Principal/t:LogonType", Ns), Is.Null);
        Assert.That(Value(doc, "/t:Task/t:Principals/t:Principal/t:RunLevel"), Is.EqualTo("HighestAvailable"));
    }

    [TestCase("password", "Password")]
    [TestCase("interactive_token", "InteractiveToken")]
    [TestCase("s4u", "S4U")]
    public void A_named_user_runs_with_the_configured_logon_type(string logonType, string expected)
    {
        var doc = Load(Render($"execution_mode: external\nwindows:\n  user: 'SHOP\\tester'\n  logon_type: {logonType}\nsuites:\n  - path: a\n"));
        Assert.That(Value(doc, "/t:Task/t:Principals/t:Principal/t:UserId"), Is.EqualTo(@"SHOP\tester"));
        Assert.That(Value(doc, "/t:Task/t:Principals/t:Principal/t:LogonType"), Is.EqualTo(expected));
        Assert.That(Value(doc, "/t:Task/t:Principals/t:Principal/t:RunLevel"), Is.EqualTo("LeastPrivilege"));
    }

    [Test]
    public void The_action_starts_the_runner_from_the_agent_bin_folder_under_the_principal()
    {
        var doc = Load(Render(External));
        Assert.That(Value(doc, "/t:Task/t:Actions/t:Exec/t:Command"), Is.EqualTo(@"C:\ProgramData\checkmk\agent\bin\robotmk-runner.exe"));
        Assert.That(Value(doc, "/t:Task/t:Actions/t:Exec/t:Arguments"), Is.EqualTo("run"));
        Assert.That(doc.SelectSingleNode("/t:Task/t:Actions/@Context", Ns)!.Value,
            Is.EqualTo(doc.SelectSingleNode("/t:Task/t:Principals/t:Principal/@id", Ns)!.Value));
    }

    [Test]
    public void The_task_is_byte_stable()
    {
        Assert.That(Render(External), Is.EqualTo(Render(External)));
    }

    /// <summary>The schema check must be able to fail, or passing it would mean nothing.</summary>
    [TestCase("<Enabled>true</Enabled>", "", "<Repetition>", "<Enabled>true</Enabled><Repetition>", "elements out of sequence")]
    [TestCase("<Interval>PT15M</Interval>", "<Interval>PT30S</Interval>", null, null, "interval below one minute")]
    [TestCase("Context=\"Author\"", "Context=\"Nobody\"", null, null, "context naming no principal")]
    [TestCase("<LogonType>Password</LogonType>", "<LogonType>Batch</LogonType>", null, null, "unknown logon type")]
    [TestCase("<Priority>7</Priority>", "<Priority>11</Priority>", null, null, "priority out of range")]
    [TestCase("<Priority>7</Priority>", "<Priority>7</Priority><UseUnifiedSchedulingEngine>true</UseUnifiedSchedulingEngine>", null, null, "a 1.3 element in a 1.2 task")]
    [TestCase("<ExecutionTimeLimit>PT14M30S</ExecutionTimeLimit>", "<ExecutionTimeLimit>15 minutes</ExecutionTimeLimit>", null, null, "a duration in the wrong format")]
    [TestCase("version=\"1.2\"", "version=\"1.3\"", null, null, "another schema version")]
    public void The_schema_check_catches_broken_tasks(string find, string replace, string? find2, string? replace2, string what)
    {
        var text = Encoding.Unicode.GetString(Render("execution_mode: external\nwindows:\n  user: tester\nsuites:\n  - path: a\n")).TrimStart('\uFEFF');
        Assert.That(text, Does.Contain(find));
        text = text.Replace(find, replace);
        if (find2 is not null)
            text = text.Replace(find2, replace2);
        Assert.That(TaskSchedulerSchema.Violations(Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(text)).ToArray()), Is.Not.Empty, what);
    }

    [Test]
    public void The_schema_check_catches_a_task_without_actions()
    {
        var text = Encoding.Unicode.GetString(Render(External)).TrimStart('\uFEFF');
        var start = text.IndexOf("<Actions", StringComparison.Ordinal);
        var end = text.IndexOf("</Actions>", StringComparison.Ordinal) + "</Actions>".Length;
        text = text.Remove(start, end - start);
        Assert.That(TaskSchedulerSchema.Violations(Encoding.UTF8.GetBytes(text.Replace("utf-16", "utf-8"))), Is.Not.Empty);
    }
}

public class TaskReadmeTests
{
    private static string Render(string rules) => TaskReadme.Render(TestRules.Valid(rules), TestRules.Generator);

    [Test]
    public void System_is_registered_without_credentials()
    {
        var text = Render("execution_mode: external\nsuites:\n  - path: a\n");
        Assert.That(text, Does.Contain("\r\n    schtasks /create /xml \"robotmk-runner.xml\" /tn \"Robotmk\\robotmk-runner\" /f\r\n"));
        Assert.That(text, Does.Not.Contain("icacls"), "SYSTEM needs no extra rights");
    }

    [Test]
    public void A_password_logon_names_the_user_and_prompts_for_the_password()
    {
        var text = Render("execution_mode: external\nwindows:\n  user: 'SHOP\\tester'\nsuites:\n  - path: a\n");
        Assert.That(text, Does.Contain("schtasks /create /xml \"robotmk-runner.xml\" /tn \"Robotmk\\robotmk-runner\" /ru \"SHOP\\tester\" /rp * /f"));
        Assert.That(text, Does.Contain("icacls \"C:\\ProgramData\\checkmk\\agent\\state\\robotmk\" /grant \"SHOP\\tester:(OI)(CI)M\""));
    }

    [Test]
    public void The_access_commands_follow_the_configured_folders()
    {
        var text = Render("execution_mode: external\nwindows:\n  user: tester\n  logon_type: interactive_token\n  robotdir: 'D:\\robot'\n  outputdir: 'D:\\out'\nsuites:\n  - path: a\n");
        Assert.That(text, Does.Contain("icacls \"D:\\robot\" /grant \"tester:(OI)(CI)RX\""));
        Assert.That(text, Does.Contain("icacls \"D:\\out\" /grant \"tester:(OI)(CI)M\""));
        Assert.That(text, Does.Not.Contain(" /ru "), "an interactive token needs no stored password");
    }

    [Test]
    public void Lines_end_with_crlf()
    {
        var text = Render("execution_mode: external\nsuites:\n  - path: a\n");
        Assert.That(text, Does.EndWith("\r\n"));
        Assert.That(text.Replace("\r\n", ""), Does.Not.Contain("\n"));
    }
}
