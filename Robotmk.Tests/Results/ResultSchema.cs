using System.Text.Json;
using System.Text.RegularExpressions;
using Robotmk.Tests.Support;

namespace Robotmk.Tests.Results;

/// <summary>
/// Validates result documents against docs/result.schema.json, the documented schema. Understands the part of JSON
/// Schema that file uses (type, const, enum, required, properties, additionalProperties, items, minimum, pattern) and
/// fails on any other keyword, so the schema cannot grow beyond what is checked.
/// </summary>
public static class ResultSchema
{
    private static readonly JsonElement Schema =
        JsonDocument.Parse(File.ReadAllText(Path.Join(TestPaths.RepoRoot, "docs", "result.schema.json"))).RootElement;

    private static readonly HashSet<string> Known =
        ["$schema", "$id", "title", "type", "const", "enum", "required", "properties", "additionalProperties", "items", "minimum", "pattern"];

    public static List<string> Problems(string json)
    {
        var problems = new List<string>();
        Check(Schema, JsonDocument.Parse(json).RootElement, "$", problems);
        return problems;
    }

    public static void AssertValid(string json) => Assert.That(Problems(json), Is.Empty, json);

    private static void Check(JsonElement schema, JsonElement value, string at, List<string> problems)
    {
        foreach (var keyword in schema.EnumerateObject())
        {
            if (!Known.Contains(keyword.Name))
                throw new InvalidOperationException($"schema keyword '{keyword.Name}' is not checked");
        }
        if (schema.TryGetProperty("type", out var type) && !TypeMatches(type, value))
        {
            problems.Add($"{at}: {value.ValueKind} is not of type {type}");
            return;
        }
        if (schema.TryGetProperty("const", out var c) && c.GetRawText() != value.GetRawText())
            problems.Add($"{at}: {value.GetRawText()} is not {c.GetRawText()}");
        if (schema.TryGetProperty("enum", out var e) && e.EnumerateArray().All(x => x.GetRawText() != value.GetRawText()))
            problems.Add($"{at}: {value.GetRawText()} is not one of {e.GetRawText()}");
        if (value.ValueKind == JsonValueKind.Number && schema.TryGetProperty("minimum", out var min) && value.GetDouble() < min.GetDouble())
            problems.Add($"{at}: {value.GetDouble()} is below {min.GetDouble()}");
        if (value.ValueKind == JsonValueKind.String && schema.TryGetProperty("pattern", out var pattern) && !Regex.IsMatch(value.GetString()!, pattern.GetString()!))
            problems.Add($"{at}: '{value.GetString()}' does not match {pattern.GetString()}");
        if (value.ValueKind == JsonValueKind.Object)
        {
            if (schema.TryGetProperty("required", out var required))
                foreach (var name in required.EnumerateArray().Select(r => r.GetString()!).Where(n => !value.TryGetProperty(n, out _)))
                    problems.Add($"{at}: missing '{name}'");
            var properties = schema.TryGetProperty("properties", out var p) ? p : default;
            foreach (var property in value.EnumerateObject())
            {
                if (properties.ValueKind == JsonValueKind.Object && properties.TryGetProperty(property.Name, out var sub))
                    Check(sub, property.Value, $"{at}.{property.Name}", problems);
                else if (schema.TryGetProperty("additionalProperties", out var extra) && extra.ValueKind == JsonValueKind.False)
                    problems.Add($"{at}: unexpected '{property.Name}'");
            }
        }
        if (value.ValueKind == JsonValueKind.Array && schema.TryGetProperty("items", out var items))
        {
            var i = 0;
            foreach (var item in value.EnumerateArray())
                Check(items, item, $"{at}[{i++}]", problems);
        }
    }

    private static bool TypeMatches(JsonElement type, JsonElement value) =>
        type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Any(t => OfType(t.GetString()!, value)) : OfType(type.GetString()!, value);

    private static bool OfType(string type, JsonElement v) => type switch
    {
        "object" => v.ValueKind == JsonValueKind.Object,
        "array" => v.ValueKind == JsonValueKind.Array,
        "string" => v.ValueKind == JsonValueKind.String,
        "number" => v.ValueKind == JsonValueKind.Number,
        "integer" => v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out _),
        "boolean" => v.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "null" => v.ValueKind == JsonValueKind.Null,
        _ => throw new InvalidOperationException($"type '{type}' is not checked"),
    };
}
