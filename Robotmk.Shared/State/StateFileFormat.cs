using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Robotmk.State;

/// <summary>
/// The one (de)serialization of the state files, used by the runner that writes and re-reads them and by the
/// controller: System.Text.Json source generation over the schema records (no reflection, NativeAOT-safe).
/// Reading is strict — every key of the schema has its type and allowed values, unknown keys are skipped — and a
/// file that does not fit is reported with the key that does not (<see cref="StateFormatException"/>).
/// </summary>
/// <remarks>
/// A schema property whose default is not its type's default (<c>max_executions</c> 1, <c>path</c> "") has a setter,
/// not an init accessor: for an absent key, generated deserializers pass default(T) to init-only properties and would
/// lose the initializer.
/// </remarks>
public static class StateFileFormat
{
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        // Only what JSON requires is escaped; non-ASCII text stays readable UTF-8.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
    };

    public static void Write(Stream output, RunnerState state) => Write(output, state, StateJsonContext.Default.RunnerState);

    public static void Write(Stream output, SuiteState state) => Write(output, state, StateJsonContext.Default.SuiteState);

    /// <exception cref="JsonException">not JSON</exception>
    /// <exception cref="StateFormatException">JSON, but not a runner state</exception>
    public static RunnerState ParseRunner(ReadOnlyMemory<byte> utf8) => Parse(utf8, StateJsonContext.Default.RunnerState);

    /// <param name="utf8">The whole file; the payloads of the returned result are slices of it.</param>
    /// <exception cref="JsonException">not JSON</exception>
    /// <exception cref="StateFormatException">JSON, but not a suite state</exception>
    public static SuiteState ParseSuite(ReadOnlyMemory<byte> utf8)
    {
        var state = Parse(utf8, StateJsonContext.Default.SuiteState);
        return state.Result is not { } r ? state : state with
        {
            Result = r with { Xml = r.Xml?.BindTo(utf8), HtmlLog = r.HtmlLog?.BindTo(utf8) },
        };
    }

    private static void Write<T>(Stream output, T value, JsonTypeInfo<T> info)
    {
        using var writer = new Utf8JsonWriter(output, WriterOptions);
        JsonSerializer.Serialize(writer, value, info);
    }

    private static T Parse<T>(ReadOnlyMemory<byte> utf8, JsonTypeInfo<T> info) where T : class, IVersionedState
    {
        // JSON text is UTF-8 (RFC 8259); the serializer does not check the names of keys it skips.
        if (!System.Text.Unicode.Utf8.IsValid(utf8.Span))
            throw new JsonException("the file is not valid UTF-8");
        T? value;
        try
        {
            value = JsonSerializer.Deserialize(utf8.Span, info);
        }
        catch (JsonException ex)
        {
            // Not JSON at all: JsonDocument says where, as a JsonException. JSON that does not fit: the schema says which key.
            using var doc = JsonDocument.Parse(utf8, new JsonDocumentOptions { MaxDepth = StateJsonContext.MaxDepth });
            throw StateSchemaCheck.FirstProblem(doc.RootElement, info) ?? new StateFormatException("$", ex.Message);
        }
        if (value is null)
            throw new StateFormatException("$", "expected an object, found Null");
        if (value.Schema > StateFiles.SchemaVersion)
            throw StateSchemaCheck.NewerSchema(value.Schema);
        return value;
    }
}

/// <summary>Both state files carry the version of their schema.</summary>
public interface IVersionedState
{
    int Schema { get; }
}

[JsonSourceGenerationOptions(
    RespectNullableAnnotations = true,
    NumberHandling = JsonNumberHandling.Strict,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
    ReadCommentHandling = JsonCommentHandling.Disallow,
    AllowTrailingCommas = false,
    MaxDepth = MaxDepth)]
[JsonSerializable(typeof(RunnerState))]
[JsonSerializable(typeof(SuiteState))]
internal sealed partial class StateJsonContext : JsonSerializerContext
{
    public const int MaxDepth = 32;
}

/// <summary>
/// How the enums of the state files alone are spelled, read from their one definition (the members' attributes, as the
/// serializer writes them). The settings' enums are spelled by <see cref="Robotmk.Config.WireNames"/>.
/// </summary>
public static class StateNames
{
    public static string Of(RunnerStatus status) => Of<RunnerStatus>(status);

    public static string Of(SuiteRunState state) => Of<SuiteRunState>(state);

    public static string Of(ResultStatus status) => Of<ResultStatus>(status);

    private static string Of<TEnum>(TEnum value) where TEnum : struct, Enum
    {
        var info = (JsonTypeInfo<TEnum>)StateJsonContext.Default.GetTypeInfo(typeof(TEnum))!;
        return JsonSerializer.Deserialize(JsonSerializer.SerializeToUtf8Bytes(value, info), StateJsonContext.Default.String)!;
    }
}
