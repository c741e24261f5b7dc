using System.Collections.Immutable;

namespace Robotmk.Config;

/// <summary>
/// Reads the parts of a suite's settings that robotmk.yml and the bakery's rule file write alike:
/// <c>robot_params</c> and <c>failed_handling</c>.
/// </summary>
public static class SuiteSettingsReader
{
    public static ImmutableArray<string> RobotParamKeys { get; } =
        ["name", "suite", "test", "include", "exclude", "variable", "variablefile", "argumentfile", "exitonfailure"];
    public static ImmutableArray<string> FailedHandlingKeys { get; } = ["max_iterations", "strategy"];
    /// <summary><see cref="FailedHandlingKeys"/> and how v1 agents wrote them: max_executions, and rerun_selection directly under failed_handling.</summary>
    public static ImmutableArray<string> FailedHandlingKeysWithV1 { get; } = [.. FailedHandlingKeys, "max_executions", "rerun_selection"];
    public static ImmutableArray<string> StrategyKeys { get; } = ["name", "rerun_selection"];
    public static ImmutableArray<string> SelectionKeys { get; } = ["include", "exclude"];
    /// <summary>A suite's own schedule (<see cref="SuiteSchedule"/>), read by <see cref="ReadScheduleKey"/>.</summary>
    public static ImmutableArray<string> ScheduleKeys { get; } = ["execution_interval", "group", "execution_mode"];
    /// <summary>The largest interval, a week, as for the global execution_interval.</summary>
    public const int MaxInterval = 7 * 86400;

    /// <summary>Reads the value of <c>variable</c>, whose accepted forms differ between the files: names, values and where each is.</summary>
    public delegate ImmutableArray<(string Name, string Value, SourcePosition Position)> VariablesReader(YamlFieldReader fields, YNode node, string path);

    public static RobotParams ReadRobotParams(YamlFieldReader fields, YNode node, string path, VariablesReader readVariables)
    {
        var rp = new RobotParams();
        if (fields.Mapping(node, path, "a mapping of robot options") is not { } map)
            return rp;
        foreach (var (k, v) in fields.Entries(map, path, RobotParamKeys))
        {
            var p = path + "." + k;
            rp = k switch
            {
                "name" => rp with { Name = OptionValue(fields, v, p) },
                "suite" => rp with { Suite = OptionValues(fields, v, p) },
                "test" => rp with { Test = OptionValues(fields, v, p) },
                "include" => rp with { Include = OptionValues(fields, v, p) },
                "exclude" => rp with { Exclude = OptionValues(fields, v, p) },
                "variable" => rp with { Variable = Variables(fields, readVariables(fields, v, p), p) },
                "variablefile" => rp with { VariableFile = OptionValues(fields, v, p) },
                "argumentfile" => rp with { ArgumentFile = OptionValues(fields, v, p) },
                "exitonfailure" => rp with { ExitOnFailure = fields.Bool(v, p) ?? false },
                _ => rp,
            };
        }
        return rp;
    }

    /// <summary>
    /// Reads the value of <paramref name="key"/> when it is one of <see cref="ScheduleKeys"/> into
    /// <paramref name="suite"/>; any other key leaves it as it is. Checks between keys (the interval against the tick)
    /// are the file's: see <see cref="SuiteSchedule.IntervalProblem"/>.
    /// </summary>
    public static T ReadScheduleKey<T>(YamlFieldReader fields, string key, YNode node, string path, T suite) where T : SuiteSettings =>
        (T)(key switch
        {
            "execution_interval" => suite with { ExecutionInterval = fields.Int(node, path, min: 1, max: MaxInterval, " of seconds") },
            "group" => suite with { Group = fields.OptionalText(node, path, "a group name") },
            "execution_mode" => suite with { ExecutionMode = fields.Enum(node, path, WireNames.ExecutionModes) },
            _ => suite,
        });

    /// <summary>A text that becomes the value of an RF option; one RF would take as an option is an error (<see cref="RobotOptionValue"/>).</summary>
    private static string? OptionValue(YamlFieldReader fields, YNode node, string path)
    {
        var value = fields.OptionalText(node, path);
        if (value is not null && RobotOptionValue.Problem(value) is { } why)
            fields.Error(node.Position, path, why);
        return value;
    }

    /// <summary>Texts that each become the value of an RF option, checked like <see cref="OptionValue"/>.</summary>
    private static ImmutableArray<string> OptionValues(YamlFieldReader fields, YNode node, string path)
    {
        var items = fields.TextItems(node, path);
        foreach (var (value, position) in items)
        {
            if (RobotOptionValue.Problem(value) is { } why)
                fields.Error(position, path, why);
        }
        return [.. items.Select(i => i.Value)];
    }

    /// <summary>
    /// Variables become one element NAME:VALUE, checked like <see cref="OptionValue"/>: only the name can make it an
    /// option, and only the name is quoted (the value may be a password).
    /// </summary>
    private static ImmutableArray<KeyValuePair<string, string>> Variables(
        YamlFieldReader fields, ImmutableArray<(string Name, string Value, SourcePosition Position)> variables, string path)
    {
        foreach (var (name, _, position) in variables)
        {
            if (RobotOptionValue.Problem(name + ":") is { } why)
                fields.Error(position, path + "." + name, why);
        }
        return [.. variables.Select(v => new KeyValuePair<string, string>(v.Name, v.Value))];
    }

    /// <param name="acceptV1Spellings">Whether the keys of <see cref="FailedHandlingKeysWithV1"/> are read too.</param>
    public static FailedHandling ReadFailedHandling(YamlFieldReader fields, YNode node, string path, bool acceptV1Spellings)
    {
        var fh = new FailedHandling();
        if (fields.Mapping(node, path, "a mapping with 'max_iterations' and 'strategy'") is not { } map)
            return fh;
        var e = fields.Entries(map, path, acceptV1Spellings ? FailedHandlingKeysWithV1 : FailedHandlingKeys);
        RejectBoth(fields, e, path, "max_iterations", "max_executions");
        if (e.TryGetValue("strategy", out var strategyNode) && strategyNode is YMapping sm && sm.Entries.Any(x => x.Key.Value == "rerun_selection"))
            RejectBoth(fields, e, path, "strategy", "rerun_selection", "strategy.rerun_selection");

        foreach (var (k, v) in e)
        {
            var p = path + "." + k;
            fh = k switch
            {
                "max_iterations" or "max_executions" => fh with { MaxIterations = fields.Int(v, p, min: 1, max: 20) ?? fh.MaxIterations },
                "rerun_selection" => ReadSelection(fields, v, p, fh),
                "strategy" => ReadStrategy(fields, v, p, fh),
                _ => fh,
            };
        }
        return fh;
    }

    private static void RejectBoth(YamlFieldReader fields, Dictionary<string, YNode> e, string path, string key, string v1Key, string? shown = null)
    {
        if (e.ContainsKey(key) && e.TryGetValue(v1Key, out var v1))
            fields.Error(v1.Position, path + "." + v1Key,
                $"'{v1Key}' (the v1 spelling) and '{shown ?? key}' are both set; keep only '{shown ?? key}'");
    }

    private static FailedHandling ReadStrategy(YamlFieldReader fields, YNode node, string path, FailedHandling fh)
    {
        if (fields.Mapping(node, path, "a mapping with 'name' and 'rerun_selection'") is not { } map)
            return fh;
        foreach (var (k, v) in fields.Entries(map, path, StrategyKeys))
        {
            var p = path + "." + k;
            fh = k == "name"
                ? fh with { Strategy = fields.Enum(v, p, WireNames.Strategies) ?? fh.Strategy }
                : ReadSelection(fields, v, p, fh);
        }
        return fh;
    }

    private static FailedHandling ReadSelection(YamlFieldReader fields, YNode node, string path, FailedHandling fh)
    {
        if (fields.Mapping(node, path, "a mapping with 'include' and 'exclude'") is not { } map)
            return fh;
        foreach (var (k, v) in fields.Entries(map, path, SelectionKeys))
        {
            var items = OptionValues(fields, v, path + "." + k);
            fh = k == "include" ? fh with { RerunInclude = items } : fh with { RerunExclude = items };
        }
        return fh;
    }
}
