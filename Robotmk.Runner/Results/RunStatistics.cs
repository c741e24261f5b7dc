using System.Collections.Immutable;
using System.Globalization;
using System.Xml;
using Robotmk.Files;

namespace Robotmk.Runner.Results;

/// <summary>One RF suite of a run: its full name (parents joined by '.'), status, duration and its tests' counts.</summary>
public sealed record SuiteStatistics(string Name, string? Id, string Status, double? Duration, int Pass, int Fail, int Skip);

/// <summary>One RF test: the full name of its suite, its status, duration and RF's message ("" when none).</summary>
public sealed record TestStatistics(string Suite, string Name, string? Id, string Status, double? Duration, string Message);

/// <summary>What an output.xml says about the suites and tests of a run, as far as the result document shows it.</summary>
/// <param name="TestsOmitted">Tests beyond <see cref="RunStatistics.MaxTests"/>: counted in the suites, not listed.</param>
public sealed record RunStatistics(ImmutableArray<SuiteStatistics> Suites, ImmutableArray<TestStatistics> Tests, int TestsOmitted)
{
    /// <summary>A document lists at most this many tests: it goes to plugins and callbacks whole.</summary>
    public const int MaxTests = 10_000;

    /// <summary>A test's message is cut to this many characters.</summary>
    public const int MaxMessageChars = 2_000;

    /// <summary>The top suite's counts: every test of the run.</summary>
    public SuiteStatistics? Top => Suites.IsEmpty ? null : Suites[0];

    /// <summary>
    /// Reads the suites and tests of an RF output.xml (RF 3.2 to 7.x), streaming, no DTD. The file must be the runner's
    /// own regular file (<see cref="NoFollowFile"/>). Null when it is missing or cannot be parsed to its end: a partial
    /// file (a killed RF) gives no statistics rather than made-up ones.
    /// </summary>
    public static RunStatistics? Read(string path)
    {
        try
        {
            var (handle, _) = NoFollowFile.OpenReadBack(path);
            var settings = new XmlReaderSettings
            {
                DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, IgnoreWhitespace = true, IgnoreComments = true, CloseInput = true,
            };
            using var reader = XmlReader.Create(new FileStream(handle, FileAccess.Read, 64 * 1024), settings);
            return Parse(reader);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or XmlException)
        {
            return null;
        }
    }

    public static RunStatistics ParseText(string xml)
    {
        using var reader = XmlReader.Create(new StringReader(xml), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, IgnoreWhitespace = true });
        return Parse(reader);
    }

    /// <summary>An open suite or test while reading: where its status element is and what is counted so far.</summary>
    private sealed class Open(string kind, string name, string? id, int depth)
    {
        public string Kind { get; } = kind;
        public string Name { get; } = name;
        public string? Id { get; } = id;
        public int Depth { get; } = depth;
        public string Status { get; set; } = "";
        public double? Duration { get; set; }
        public string Message { get; set; } = "";
        public int Pass, Fail, Skip;
        public int SuiteIndex = -1;
    }

    private static RunStatistics Parse(XmlReader reader)
    {
        var stack = new Stack<Open>();
        var suites = new List<SuiteStatistics>();
        var tests = ImmutableArray.CreateBuilder<TestStatistics>();
        var omitted = 0;
        var inRobot = false;
        // Reading a status element's text moves the reader to the node after it, which must not be skipped.
        var atNext = false;
        while (atNext || reader.Read())
        {
            atNext = false;
            if (reader.NodeType == XmlNodeType.EndElement)
            {
                if (stack.TryPeek(out var top) && top.Depth == reader.Depth && reader.LocalName == top.Kind)
                    Close(stack.Pop());
                continue;
            }
            if (reader.NodeType != XmlNodeType.Element)
                continue;
            if (reader.Depth == 0)
            {
                inRobot = reader.LocalName == "robot";
                continue;
            }
            if (!inRobot)
                break;
            var parent = stack.TryPeek(out var p) ? p : null;
            switch (reader.LocalName)
            {
                case "suite" when parent is null ? reader.Depth == 1 : parent.Kind == "suite" && reader.Depth == parent.Depth + 1:
                case "test" when parent is { Kind: "suite" } && reader.Depth == parent.Depth + 1:
                    var name = reader.GetAttribute("name") ?? "";
                    var open = new Open(reader.LocalName, parent is null || reader.LocalName == "test" ? name : parent.Name + "." + name, reader.GetAttribute("id"), reader.Depth);
                    if (open.Kind == "suite")
                    {
                        open.SuiteIndex = suites.Count;
                        suites.Add(new SuiteStatistics(open.Name, open.Id, "", null, 0, 0, 0));
                    }
                    if (reader.IsEmptyElement)
                        Close(open);
                    else
                        stack.Push(open);
                    break;
                case "status" when parent is not null && reader.Depth == parent.Depth + 1:
                    parent.Status = reader.GetAttribute("status") ?? "";
                    parent.Duration = Duration(reader);
                    parent.Message = reader.ReadElementContentAsString();
                    atNext = true;
                    break;
            }
        }
        return new RunStatistics([.. suites], tests.ToImmutable(), omitted);

        void Close(Open o)
        {
            if (o.Kind == "test")
            {
                var owner = stack.TryPeek(out var s) ? s : null;
                foreach (var suite in stack)
                    Count(suite, o.Status);
                if (tests.Count < MaxTests)
                    tests.Add(new TestStatistics(owner?.Name ?? "", o.Name, o.Id, o.Status, o.Duration, Cut(o.Message)));
                else
                    omitted++;
                return;
            }
            suites[o.SuiteIndex] = new SuiteStatistics(o.Name, o.Id, o.Status, o.Duration, o.Pass, o.Fail, o.Skip);
        }
    }

    private static void Count(Open suite, string status)
    {
        switch (status)
        {
            case "PASS": suite.Pass++; break;
            case "FAIL": suite.Fail++; break;
            default: suite.Skip++; break; // SKIP (RF 4 and later), NOT RUN
        }
    }

    private static string Cut(string message) =>
        message.Length <= MaxMessageChars ? message : message[..(MaxMessageChars - 1)] + "…";

    /// <summary>RF 7: <c>elapsed</c> seconds; before: <c>endtime</c> − <c>starttime</c> (<c>20261206 08:13:18.082</c>, or N/A).</summary>
    private static double? Duration(XmlReader reader)
    {
        if (reader.GetAttribute("elapsed") is { } elapsed)
            return double.TryParse(elapsed, NumberStyles.Float, CultureInfo.InvariantCulture, out var e) ? Math.Round(e, 3) : null;
        return OldTime(reader.GetAttribute("starttime")) is { } s && OldTime(reader.GetAttribute("endtime")) is { } t
            ? Math.Round((t - s).TotalSeconds, 3)
            : null;
    }

    private static DateTime? OldTime(string? value) =>
        DateTime.TryParseExact(value, "yyyyMMdd HH:mm:ss.fff", CultureInfo.InvariantCulture, DateTimeStyles.None, out var t) ? t : null;
}
