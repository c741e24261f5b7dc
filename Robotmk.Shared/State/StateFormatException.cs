namespace Robotmk.State;

/// <summary>A state file is valid JSON but does not fit the schema; <see cref="Path"/> names the offending key.</summary>
public sealed class StateFormatException(string path, string message) : Exception($"'{path}': {message}")
{
    public string Path { get; } = path;
}
