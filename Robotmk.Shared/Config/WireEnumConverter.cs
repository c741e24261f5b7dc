using System.Text.Json.Serialization;

namespace Robotmk.Config;

/// <summary>
/// Reads and writes an enum of robotmk.yml, the state files or the sections by its wire name (the enum members'
/// <see cref="JsonStringEnumMemberNameAttribute"/>, spelled with <see cref="WireNames"/>); a number is refused, not
/// taken as the member with that value.
/// </summary>
public sealed class WireEnumConverter<TEnum>() : JsonStringEnumConverter<TEnum>(namingPolicy: null, allowIntegerValues: false)
    where TEnum : struct, Enum;
