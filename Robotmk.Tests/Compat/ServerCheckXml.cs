using System.Globalization;
using System.Xml.Linq;

namespace Robotmk.Tests.Compat;

/// <summary>
/// What the Robotmk 1.6.0 server check needs from a transmitted output.xml, as checks. The check walks the result tree
/// from /robot/suite: a suite's child suites and tests, a test's keywords, a keyword's keywords (direct children only;
/// keywords inside FOR, IF, TRY… are not read). Of every element it reads it indexes the <c>name</c> attribute (all)
/// and <c>id</c> (suites, tests), the <c>status</c> attribute of the first <c>status</c> child, and maps that status
/// to a state (PASS 0, FAIL 2) for every suite and test it shows: any other status raises, as does a missing
/// attribute. Times: schemaversion 5 and later (RF 7) <c>start</c> and <c>elapsed</c>; before, <c>starttime</c> and
/// <c>endtime</c>, parsed as timestamps unless they are equal.
/// </summary>
public static class ServerCheckXml
{
    private static readonly string[] LegacyTimestamp = ["yyyyMMdd HH:mm:ss.fff"];

    public static IReadOnlyList<string> Problems(string xml) => Problems(XDocument.Parse(xml));

    public static IReadOnlyList<string> Problems(XDocument doc)
    {
        var problems = new List<string>();
        if (doc.Root is not { Name.LocalName: "robot" } robot || robot.Element("suite") is not { } top)
            return ["not an RF output: no /robot/suite"];
        var schema = int.TryParse((string?)robot.Attribute("schemaversion"), CultureInfo.InvariantCulture, out var v) ? v : 0;
        Visit(top, "", schema, problems);
        return problems;
    }

    private static void Visit(XElement e, string parentPath, int schema, List<string> problems)
    {
        var kind = e.Name.LocalName;
        var name = (string?)e.Attribute("name");
        var at = $"{parentPath}/{kind}[{(name is null ? "no name" : $"'{name}'")}]";
        if (name is null)
            problems.Add($"{at}: no name attribute");
        if (kind is "suite" or "test" && e.Attribute("id") is null)
            problems.Add($"{at}: no id attribute");

        var statusElement = e.Element("status");
        var status = (string?)statusElement?.Attribute("status");
        if (status is null)
            problems.Add($"{at}: no status element with a status attribute");
        else if (kind is "suite" or "test" && status is not ("PASS" or "FAIL"))
            problems.Add($"{at}: status '{status}' is neither PASS nor FAIL");
        if (statusElement is not null)
            CheckTimes(statusElement, schema, at, problems);

        string[] children = kind == "suite" ? ["suite", "test"] : ["kw"];
        foreach (var child in children.SelectMany(c => e.Elements(c)))
            Visit(child, at, schema, problems);
    }

    private static void CheckTimes(XElement status, int schema, string at, List<string> problems)
    {
        if (schema >= 5)
        {
            var elapsed = (string?)status.Attribute("elapsed");
            if (!double.TryParse(elapsed, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
                problems.Add($"{at}: elapsed '{elapsed}' is not a number of seconds");
            if ((string?)status.Attribute("start") is { } start && !DateTime.TryParse(start, CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
                problems.Add($"{at}: start '{start}' is not an ISO 8601 time");
            return;
        }
        var startTime = (string?)status.Attribute("starttime");
        var endTime = (string?)status.Attribute("endtime");
        if (startTime is null || endTime is null)
            problems.Add($"{at}: starttime or endtime is missing");
        else if (startTime != endTime && !(IsTimestamp(startTime) && IsTimestamp(endTime)))
            problems.Add($"{at}: starttime '{startTime}' and endtime '{endTime}' differ and are not both timestamps");
    }

    private static bool IsTimestamp(string s) =>
        DateTime.TryParseExact(s, LegacyTimestamp, CultureInfo.InvariantCulture, DateTimeStyles.None, out _);
}
