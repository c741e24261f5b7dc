using System.Collections.ObjectModel;

namespace Robotmk.Config;

/// <summary>
/// How robotmk.yml, the rule file, the state files and the sections spell the values of the settings (SPEC §1, §3):
/// each spelling once, as a constant, and each enumeration's names in the order messages and docs list them.
/// </summary>
public static class WireNames
{
    public const string AgentSerial = "agent_serial";
    public const string External = "external";

    public const string ZlibCodec = "zlib_codec";
    public const string Base64Codec = "base64_codec";
    public const string Utf8 = "utf_8";

    public static IReadOnlyDictionary<string, ExecutionMode> ExecutionModes { get; } = Ordered(
        (AgentSerial, ExecutionMode.AgentSerial), (External, ExecutionMode.External));

    public static IReadOnlyDictionary<string, OutputEncoding> Encodings { get; } = Ordered(
        (ZlibCodec, OutputEncoding.ZlibCodec), (Base64Codec, OutputEncoding.Base64Codec), (Utf8, OutputEncoding.Utf8));

    public static IReadOnlyDictionary<string, RobotmkLogLevel> LogLevels { get; } = Ordered(
        ("OFF", RobotmkLogLevel.Off), ("CRITICAL", RobotmkLogLevel.Critical), ("ERROR", RobotmkLogLevel.Error),
        ("WARNING", RobotmkLogLevel.Warning), ("INFO", RobotmkLogLevel.Info), ("DEBUG", RobotmkLogLevel.Debug));

    public static IReadOnlyDictionary<string, RerunStrategy> Strategies { get; } = Ordered(
        ("incremental", RerunStrategy.Incremental), ("complete", RerunStrategy.Complete));

    public static string Of(ExecutionMode mode) => NameOf(ExecutionModes, mode);

    public static string Of(OutputEncoding encoding) => NameOf(Encodings, encoding);

    public static string Of(RobotmkLogLevel level) => NameOf(LogLevels, level);

    public static string Of(RerunStrategy strategy) => NameOf(Strategies, strategy);

    internal static string NameOf<T>(IReadOnlyDictionary<string, T> names, T value) where T : struct, Enum
    {
        foreach (var (name, v) in names)
            if (EqualityComparer<T>.Default.Equals(v, value))
                return name;
        throw new ArgumentOutOfRangeException(nameof(value), value, null);
    }

    /// <summary>Names to values, enumerated in the order given (the order messages and docs list them).</summary>
    internal static ReadOnlyDictionary<string, T> Ordered<T>(params (string Name, T Value)[] values)
    {
        var d = new OrderedDictionary<string, T>(StringComparer.Ordinal);
        foreach (var (name, value) in values)
            d.Add(name, value);
        return new ReadOnlyDictionary<string, T>(d);
    }
}
