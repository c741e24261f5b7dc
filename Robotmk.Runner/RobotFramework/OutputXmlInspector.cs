using System.Globalization;
using System.Xml;
using Microsoft.Win32.SafeHandles;
using Robotmk.Files;

namespace Robotmk.Runner.RobotFramework;

public enum OutputXmlState { Ok, Missing, Empty, Malformed, Incomplete }

/// <summary>What an RF output.xml holds, as far as the runner needs to know.</summary>
public sealed record OutputXmlReport(OutputXmlState State, string Detail)
{
    public string? TopSuiteName { get; init; }
    public int Passed { get; init; }
    public int Failed { get; init; }
    public int Skipped { get; init; }
    public long Bytes { get; init; }

    public bool IsUsable => State == OutputXmlState.Ok;
}

/// <summary>
/// Decides whether an output.xml is complete. RF writes it incrementally: after SIGKILL it is empty or cut inside an
/// element, after a forced stop it ends with &lt;/robot&gt; but is malformed. Only a file that parses completely and
/// has /robot/statistics is usable (see the RF fixtures), so the whole file is read, streaming.
/// </summary>
public static class OutputXmlInspector
{
    /// <summary>The file must be the runner's own regular file (<see cref="NoFollowFile"/>): a link or a FIFO is reported malformed.</summary>
    public static OutputXmlReport Inspect(string path)
    {
        SafeFileHandle handle;
        long length;
        try
        {
            (handle, length) = NoFollowFile.OpenReadBack(path);
        }
        catch (FileNotFoundException)
        {
            return new OutputXmlReport(OutputXmlState.Missing, $"output.xml '{path}' was not created");
        }
        catch (UnsafeFileException ex)
        {
            return new OutputXmlReport(OutputXmlState.Malformed, $"output.xml {ex.Message}");
        }
        if (length == 0)
        {
            handle.Dispose();
            return new OutputXmlReport(OutputXmlState.Empty, $"output.xml '{path}' is empty (0 bytes): RF was stopped before it wrote anything") { Bytes = 0 };
        }

        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            IgnoreWhitespace = true,
            IgnoreComments = true,
            CloseInput = true,
        };
        string? topSuite = null;
        var sawRobot = false;
        var sawStatistics = false;
        bool inTotal = false, totalRead = false;
        int passed = 0, failed = 0, skipped = 0;
        try
        {
            using var reader = XmlReader.Create(new FileStream(handle, FileAccess.Read, 64 * 1024), settings);
            while (reader.Read())
            {
                if (reader.NodeType != XmlNodeType.Element)
                    continue;
                switch (reader.Depth, reader.LocalName)
                {
                    case (0, "robot"):
                        sawRobot = true;
                        break;
                    case (0, _):
                        return new OutputXmlReport(OutputXmlState.Malformed, $"'{path}' is not an RF output.xml (root element <{reader.LocalName}>)") { Bytes = length };
                    case (1, "suite"):
                        topSuite ??= reader.GetAttribute("name");
                        break;
                    case (1, "statistics"):
                        sawStatistics = true;
                        break;
                    case (2, _):
                        inTotal = reader.LocalName == "total";
                        break;
                    case (3, "stat") when inTotal && !totalRead:
                        totalRead = true;
                        passed = Int(reader.GetAttribute("pass"));
                        failed = Int(reader.GetAttribute("fail"));
                        skipped = Int(reader.GetAttribute("skip"));
                        break;
                }
            }
        }
        catch (XmlException ex)
        {
            var kind = sawStatistics ? OutputXmlState.Malformed : OutputXmlState.Incomplete;
            return new OutputXmlReport(kind, $"output.xml '{path}' is truncated or malformed (line {ex.LineNumber}, column {ex.LinePosition}: {ex.Message.Split('\n')[0]}); RF did not finish writing it") { Bytes = length };
        }
        if (!sawRobot)
            return new OutputXmlReport(OutputXmlState.Malformed, $"'{path}' has no <robot> root element") { Bytes = length };
        if (!sawStatistics)
            return new OutputXmlReport(OutputXmlState.Incomplete, $"output.xml '{path}' has no <statistics>: RF did not finish the run") { Bytes = length };
        return new OutputXmlReport(OutputXmlState.Ok, "complete")
        {
            TopSuiteName = topSuite, Passed = passed, Failed = failed, Skipped = skipped, Bytes = length,
        };
    }

    private static int Int(string? s) => int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : 0;
}
