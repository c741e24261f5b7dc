using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Robotmk.State;

/// <summary>
/// Explains why a JSON document does not fit a state file's schema: walks the document beside the serializer's own
/// metadata of the schema records (so there is no second definition of the schema) and names the first key whose
/// value is missing, of the wrong type or not one of the allowed values. Only used after a read failed.
/// </summary>
internal static class StateSchemaCheck
{
    public static StateFormatException NewerSchema(int schema) =>
        new("schema", $"version {schema} is newer than this controller understands ({StateFiles.SchemaVersion}); update the controller");

    public static StateFormatException? FirstProblem(JsonElement root, JsonTypeInfo info)
    {
        if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("schema", out var schema)
            && schema.ValueKind == JsonValueKind.Number && schema.TryGetInt32(out var version) && version > StateFiles.SchemaVersion)
            return NewerSchema(version);
        return Check(root, info, "$", nullable: false);
    }

    private static StateFormatException? Check(JsonElement value, JsonTypeInfo info, string path, bool nullable)
    {
        if (value.ValueKind == JsonValueKind.Null)
            return nullable ? null : new StateFormatException(path, $"expected {Expected(info)}, found Null");
        switch (info.Kind)
        {
            case JsonTypeInfoKind.Object:
                return value.ValueKind == JsonValueKind.Object ? CheckObject(value, info, path) : Wrong(path, info, value);
            case JsonTypeInfoKind.Enumerable:
                if (value.ValueKind != JsonValueKind.Array)
                    return Wrong(path, info, value);
                var elementInfo = info.Options.GetTypeInfo(info.ElementType!);
                var i = 0;
                foreach (var item in value.EnumerateArray())
                    if (Check(item, elementInfo, $"{path}[{i++}]", nullable: false) is { } problem)
                        return problem;
                return null;
            default:
                return CheckValue(value, info, path);
        }
    }

    private static StateFormatException? CheckObject(JsonElement value, JsonTypeInfo info, string path)
    {
        foreach (var property in info.Properties.OrderBy(p => p.Order))
        {
            var at = path == "$" ? property.Name : path + "." + property.Name;
            var present = value.TryGetProperty(property.Name, out var member);
            if (!present || (member.ValueKind == JsonValueKind.Null && property.IsRequired))
            {
                if (property.IsRequired)
                    return new StateFormatException(at, "missing");
                continue;
            }
            var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            var nullable = property.IsSetNullable || type != property.PropertyType;
            if (Check(member, info.Options.GetTypeInfo(type), at, nullable) is { } problem)
                return problem;
        }
        return null;
    }

    private static StateFormatException? CheckValue(JsonElement value, JsonTypeInfo info, string path)
    {
        var type = info.Type;
        var fits = value.ValueKind switch
        {
            JsonValueKind.String when type == typeof(string) || type == typeof(RawJsonString) => true,
            JsonValueKind.Number when type == typeof(int) => value.TryGetInt32(out _),
            JsonValueKind.Number when type == typeof(long) => value.TryGetInt64(out _),
            JsonValueKind.Number when type == typeof(double) => true,
            JsonValueKind.True or JsonValueKind.False when type == typeof(bool) => true,
            JsonValueKind.String when type.IsEnum => true,
            _ => false,
        };
        if (!fits)
            return Wrong(path, info, value);
        if (type.IsEnum && !Names(info).Contains(value.GetString(), StringComparer.Ordinal))
        {
            var names = Names(info);
            return new StateFormatException(path, names.Count == 2
                ? $"'{value.GetString()}' is neither '{names[0]}' nor '{names[1]}'"
                : $"'{value.GetString()}' is none of {string.Join(", ", names)}");
        }
        return null;
    }

    private static StateFormatException Wrong(string path, JsonTypeInfo info, JsonElement value) =>
        new(path, $"expected {Expected(info)}, found {value.ValueKind}");

    private static string Expected(JsonTypeInfo info) => info.Kind switch
    {
        JsonTypeInfoKind.Object => "an object",
        JsonTypeInfoKind.Enumerable => "a list",
        _ when info.Type == typeof(int) || info.Type == typeof(long) => "an integer",
        _ when info.Type == typeof(double) => "a number",
        _ when info.Type == typeof(bool) => "true or false",
        _ => "a string",
    };

    /// <summary>The names an enum is written with, as its converter writes them.</summary>
    private static List<string> Names(JsonTypeInfo info)
    {
        var names = new List<string>();
        foreach (var underlying in Enum.GetValuesAsUnderlyingType(info.Type))
        {
            var json = JsonSerializer.SerializeToUtf8Bytes(Enum.ToObject(info.Type, underlying!), info);
            names.Add(JsonSerializer.Deserialize(json, StateJsonContext.Default.String)!);
        }
        return names;
    }
}
