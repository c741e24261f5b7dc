using System.Text.Json;

namespace Robotmk.Text;

/// <summary>Numbers that may be unknown, written as the number or as JSON null; the key is always there.</summary>
public static class NullableNumbers
{
    public static void WriteNumberOrNull(this Utf8JsonWriter w, string name, long? value)
    {
        if (value is { } v)
            w.WriteNumber(name, v);
        else
            w.WriteNull(name);
    }

    public static void WriteNumberOrNull(this Utf8JsonWriter w, string name, double? value)
    {
        if (value is { } v)
            w.WriteNumber(name, v);
        else
            w.WriteNull(name);
    }
}
