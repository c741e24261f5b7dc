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

    public static WireEnum<ExecutionMode> ExecutionModes { get; } = new(
        (AgentSerial, ExecutionMode.AgentSerial), (External, ExecutionMode.External));

    public static WireEnum<OutputEncoding> Encodings { get; } = new(
        (ZlibCodec, OutputEncoding.ZlibCodec), (Base64Codec, OutputEncoding.Base64Codec), (Utf8, OutputEncoding.Utf8));

    public static WireEnum<RobotmkLogLevel> LogLevels { get; } = new(
        ("OFF", RobotmkLogLevel.Off), ("CRITICAL", RobotmkLogLevel.Critical), ("ERROR", RobotmkLogLevel.Error),
        ("WARNING", RobotmkLogLevel.Warning), ("INFO", RobotmkLogLevel.Info), ("DEBUG", RobotmkLogLevel.Debug));

    public static WireEnum<RerunStrategy> Strategies { get; } = new(
        ("incremental", RerunStrategy.Incremental), ("complete", RerunStrategy.Complete));

    public static WireEnum<SkippedAs> SkippedAsValues { get; } = new(("pass", SkippedAs.Pass), ("fail", SkippedAs.Fail));

    public static string Of(ExecutionMode mode) => ExecutionModes.NameOf(mode);

    public static string Of(OutputEncoding encoding) => Encodings.NameOf(encoding);

    public static string Of(RobotmkLogLevel level) => LogLevels.NameOf(level);

    public static string Of(RerunStrategy strategy) => Strategies.NameOf(strategy);

    public static string Of(SkippedAs skippedAs) => SkippedAsValues.NameOf(skippedAs);
}
