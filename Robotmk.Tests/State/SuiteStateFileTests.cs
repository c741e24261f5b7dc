using System.Text;
using System.Text.Json;
using Robotmk.State;
using Robotmk.Tests.Controller.Support;
using Robotmk.Tests.Support;

namespace Robotmk.Tests.State;

/// <summary>How robotmk_&lt;id&gt;.json is read, by the runner and the controller alike.</summary>
public sealed class SuiteStateFileTests
{
    private static readonly DateTimeOffset T = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    private static byte[] Serialize(SuiteState state)
    {
        using var temp = new TempDir();
        var file = Path.Join(temp.Path, "s.json");
        StateFiles.Write(file, state);
        return File.ReadAllBytes(file);
    }

    [Test]
    public void ReadsWhatTheRunnerWrites()
    {
        using var temp = new TempDir();
        var b = new StateBuilder(temp.Path) { Encoding = "zlib_codec" }.Suite("checkout", maxExecutions: 2);
        var result = b.Result("checkout", "fail", 1, T, T.AddSeconds(30), attempts: 2);

        var stored = StateFileFormat.ParseSuite(Serialize(new SuiteState { Id = "checkout", State = SuiteState.Done, Result = result }));

        Assert.That(stored.Id, Is.EqualTo("checkout"));
        Assert.That(stored.State, Is.EqualTo(SuiteRunState.Done));
        var r = stored.Result!;
        Assert.That((r.Status, r.Rc, r.Attempts, r.CacheTime, r.ExecutionInterval), Is.EqualTo((ResultStatus.NonFatal, (int?)1, (int?)2, (int?)420, (int?)300)));
        Assert.That((r.StartTime, r.EndTime), Is.EqualTo((result.StartTime, result.EndTime)));
        Assert.That((r.RunId, r.Outcome, r.TimedOut), Is.EqualTo((result.RunId, "failed", false)));
        Assert.That(Encoding.UTF8.GetString(r.Xml!.Value.Token.Span), Is.EqualTo("\"" + result.Xml!.Value.Text() + "\""), "the payload is the raw JSON token");
        Assert.That(r.HtmlLog, Is.Null);
    }

    [Test]
    public void PayloadWithEscapes_IsKeptAsTheEscapedTokenThatDecodesToTheOriginal()
    {
        var xml = "<robot>\"quoted\" \\ back\nline\ttab Prüfung 🚀 \u0001</robot>";
        var bytes = Serialize(new SuiteState
        {
            Id = "x", State = SuiteState.Done,
            Result = new SuiteResult { Id = "x", Status = ResultStatus.NonFatal, StartTime = "s", EndTime = "e", Path = "x", Xml = RawJsonString.FromText(xml) },
        });

        var token = StateFileFormat.ParseSuite(bytes).Result!.Xml!.Value;

        Assert.That(JsonSerializer.Deserialize<string>(token.Token.Span), Is.EqualTo(xml));
    }

    [Test]
    public void ARunningSuiteWithoutResult()
    {
        var stored = StateFileFormat.ParseSuite(Serialize(new SuiteState
        {
            Id = "x", State = SuiteState.Running, RunningRunId = "r1", RunningSince = "2026-11-23T10:00:00.000000+00:00",
        }));

        Assert.That((stored.State, stored.RunningSince, stored.Result), Is.EqualTo((SuiteRunState.Running, "2026-11-23T10:00:00.000000+00:00", (SuiteResult?)null)));
    }

    [Test]
    public void UnknownKeysAreSkipped_NullPayloadsAreNull()
    {
        var json = """{"id":"x","future":{"a":[1,2,{"b":null}]},"state":"done","result":{"status":"fatal","error":"boom","xml":null,"htmllog":null,"extra":[1],"rc":253}}""";

        var r = StateFileFormat.ParseSuite(Encoding.UTF8.GetBytes(json)).Result!;

        Assert.That((r.Status, r.Error, r.Rc, r.Xml, r.HtmlLog), Is.EqualTo((ResultStatus.Fatal, "boom", (int?)253, (RawJsonString?)null, (RawJsonString?)null)));
    }

    [Test]
    public void AbsentKeys_TakeTheSchemaDefaults()
    {
        var s = StateFileFormat.ParseSuite(Encoding.UTF8.GetBytes("""{"id":"x","result":{"status":"fatal"}}"""));

        Assert.That((s.Schema, s.State, s.EffectiveState), Is.EqualTo((StateFiles.SchemaVersion, (SuiteRunState?)null, SuiteRunState.Done)));
        Assert.That(s.Result, Is.EqualTo(new SuiteResult { Status = ResultStatus.Fatal, Id = "", Path = "" }));
        Assert.That(StateFileFormat.ParseSuite(Encoding.UTF8.GetBytes("""{"id":"x"}""")).EffectiveState, Is.EqualTo(SuiteRunState.Pending));
    }

    [TestCase("""{"id":"x","result":{"status":-1}}""", "'result.status': expected a string, found Number")]
    [TestCase("""{"state":"done"}""", "'id': missing")]
    [TestCase("""{"id":"x","result":{"rc":1}}""", "'result.status': missing")]
    [TestCase("""{"id":"x","result":{"status":"nonfatal","rc":"1"}}""", "'result.rc': expected an integer, found String")]
    [TestCase("""{"id":"x","result":{"status":"nonfatal","xml":5}}""", "'result.xml': expected a string, found Number")]
    [TestCase("""{"id":"x","result":[]}""", "'result': expected an object, found Array")]
    [TestCase("""{"id":"x","state":"exploded"}""", "'state': 'exploded' is none of pending, running, done")]
    [TestCase("""{"id":"x","result":{"status":"passed"}}""", "'result.status': 'passed' is neither 'nonfatal' nor 'fatal'")]
    [TestCase("""[]""", "'$': expected an object, found Array")]
    public void NotASuiteState_NamesTheKey(string json, string message)
    {
        var ex = Assert.Throws<StateFormatException>(() => StateFileFormat.ParseSuite(Encoding.UTF8.GetBytes(json)));
        Assert.That(ex!.Message, Is.EqualTo(message));
    }

    [TestCase("")]
    [TestCase("{\"id\":\"x\",\"result\":{\"status\":\"nonf")]
    [TestCase("{\"id\":\"x\"} trailing")]
    [TestCase("{\"id\":\"x\",\"result\":{\"status\":\"bad\nline\"}}")]
    public void NotJson_Throws(string json) =>
        Assert.Throws(Is.InstanceOf<JsonException>(), () => StateFileFormat.ParseSuite(Encoding.UTF8.GetBytes(json)));
}
