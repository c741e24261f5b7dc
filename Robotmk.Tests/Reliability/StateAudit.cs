using System.Xml;
using Robotmk.Sections;
using Robotmk.State;

namespace Robotmk.Tests.Reliability;

/// <summary>
/// Checks a state folder after a fault: every file parses, and every suite shows either the last complete result seen
/// before (unchanged) or a new complete result; a suite that had a result never loses it. Remembers what it saw, so
/// it is called after every fault of a storm.
/// </summary>
public sealed class StateAudit(string stateDir, IReadOnlyList<string> suiteIds, string encoding = "zlib_codec")
{
    private readonly Dictionary<string, SuiteResult?> _known = suiteIds.ToDictionary(id => id, _ => (SuiteResult?)null);

    public int Audits { get; private set; }
    public int FilesParsed { get; private set; }
    public int Torn { get; private set; }
    public int Lost { get; private set; }
    public int NewResults { get; private set; }
    public List<string> Failures { get; } = [];

    /// <summary>Results last seen per suite (null: none yet).</summary>
    public IReadOnlyDictionary<string, SuiteResult?> Known => _known;

    public void Check(string when)
    {
        Audits++;
        var runnerFile = StateFiles.RunnerFile(stateDir);
        if (File.Exists(runnerFile))
            Parse(runnerFile, when, StateFiles.ReadRunner);

        foreach (var id in suiteIds)
        {
            var file = StateFiles.SuiteFile(stateDir, id);
            var before = _known[id];
            if (!File.Exists(file))
            {
                if (before is not null)
                    LostResult($"{when}: suite {id}: its state file is gone, it had result of run {before.RunId}");
                continue;
            }
            if (Parse(file, when, StateFiles.ReadSuite) is not { } state)
                continue;
            var now = state.Result;
            if (now is null)
            {
                if (before is not null)
                    LostResult($"{when}: suite {id}: result of run {before.RunId} is lost (state {state.State})");
                continue;
            }
            if (before is not null && Same(now, before))
                continue;
            if (Incomplete(id, now) is { } why)
            {
                TornFile($"{when}: suite {id}: new result of run {now.RunId} is not complete: {why}");
                continue;
            }
            NewResults++;
            _known[id] = now;
        }
    }

    private void TornFile(string message)
    {
        Torn++;
        Failures.Add(message);
    }

    private void LostResult(string message)
    {
        Lost++;
        Failures.Add(message);
    }

    private T? Parse<T>(string file, string when, Func<string, T> read) where T : class
    {
        try
        {
            var value = read(file);
            FilesParsed++;
            return value;
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or StateFormatException or IOException)
        {
            TornFile($"{when}: {Path.GetFileName(file)} does not parse: {ex.Message}");
            return null;
        }
    }

    private static bool Same(SuiteResult a, SuiteResult b) => Serialized(a).SequenceEqual(Serialized(b));

    private static byte[] Serialized(SuiteResult r)
    {
        using var s = new MemoryStream();
        StateFileFormat.Write(s, new SuiteState { Id = r.Id, State = SuiteRunState.Done, Result = r });
        return s.ToArray();
    }

    /// <summary>Why a result is not a complete SPEC §1 suite entry, or null when it is.</summary>
    private string? Incomplete(string id, SuiteResult r)
    {
        if (r.Id != id)
            return $"id '{r.Id}'";
        if (r.EndTime is null || !Robotmk.Time.Iso8601.TryParse(r.EndTime, out _) || !Robotmk.Time.Iso8601.TryParse(r.StartTime, out _))
            return "start_time or end_time missing";
        switch (r.Status)
        {
            case SuiteResult.Fatal:
                return string.IsNullOrWhiteSpace(r.Error) || r.Error.Contains('\n') ? "fatal without a one-line error" : null;
            case SuiteResult.NonFatal when r.Xml is null:
                return "nonfatal without xml";
            case SuiteResult.NonFatal:
                return CompleteOutputXml(PayloadCodec.Decode(r.Xml.Value.Text(), encoding));
            default:
                return $"status '{r.Status}'";
        }
    }

    /// <summary>The decoded xml must be a whole RF output.xml (it parses to the end and has its statistics).</summary>
    public static string? CompleteOutputXml(byte[] xml)
    {
        try
        {
            var doc = new XmlDocument { XmlResolver = null };
            doc.Load(new MemoryStream(xml));
            return doc.SelectSingleNode("/robot/statistics/total") is null ? "output.xml without statistics" : null;
        }
        catch (XmlException ex)
        {
            return "output.xml does not parse: " + ex.Message;
        }
    }
}
