using System.Globalization;
using System.Text.RegularExpressions;
using Newtonsoft.Json.Linq;
using Robotmk.State;
using Robotmk.Time;

namespace Robotmk.Tests.Support;

/// <summary>Makes a state folder look older or newer, as if the runner had written it at another time.</summary>
public static partial class StateClock
{
    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}\+00:00$")]
    private static partial Regex Timestamp();

    public static void ShiftAll(string stateDir, TimeSpan by)
    {
        foreach (var file in Directory.GetFiles(stateDir, "robotmk_*.json"))
        {
            using var reader = new Newtonsoft.Json.JsonTextReader(new StringReader(File.ReadAllText(file))) { DateParseHandling = Newtonsoft.Json.DateParseHandling.None };
            var doc = JToken.ReadFrom(reader);
            foreach (var value in doc.SelectTokens("$..*").OfType<JValue>().Where(v => v.Type == JTokenType.String).ToList())
            {
                var s = (string)value.Value!;
                if (Timestamp().IsMatch(s))
                    value.Value = Iso8601.Format(DateTimeOffset.Parse(s, CultureInfo.InvariantCulture) + by);
            }
            AtomicFile.WriteText(file, doc.ToString(Newtonsoft.Json.Formatting.None));
        }
    }
}
