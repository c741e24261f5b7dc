namespace Robotmk.Config;

/// <summary>
/// The names of one enumeration as robotmk.yml, the rule file, the state files and the sections spell them, in the
/// order messages and docs list them. Two small arrays searched in order: an enumeration has a handful of values, and
/// the controller, started at every agent poll, should not pay for building a dictionary type.
/// </summary>
public sealed class WireEnum<TEnum> where TEnum : struct, Enum
{
    private readonly string[] _names;
    private readonly TEnum[] _values;

    public WireEnum(params (string Name, TEnum Value)[] pairs)
    {
        _names = new string[pairs.Length];
        _values = new TEnum[pairs.Length];
        for (var i = 0; i < pairs.Length; i++)
            (_names[i], _values[i]) = pairs[i];
    }

    /// <summary>The names, in order.</summary>
    public IReadOnlyList<string> Names => Array.AsReadOnly(_names);

    /// <summary>The values, in the order of their names.</summary>
    public IReadOnlyList<TEnum> Values => Array.AsReadOnly(_values);

    /// <summary>The value of a name (exact spelling, case included).</summary>
    public bool TryParse(string name, out TEnum value)
    {
        var i = Array.IndexOf(_names, name);
        value = i >= 0 ? _values[i] : default;
        return i >= 0;
    }

    /// <exception cref="ArgumentOutOfRangeException">the value has no name (it is outside the enumeration)</exception>
    public string NameOf(TEnum value)
    {
        for (var i = 0; i < _values.Length; i++)
            if (EqualityComparer<TEnum>.Default.Equals(_values[i], value))
                return _names[i];
        throw new ArgumentOutOfRangeException(nameof(value), value, null);
    }
}
