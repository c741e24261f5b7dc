using System.Text.Encodings.Web;
using System.Text.Json;
using Robotmk.Config;

namespace Robotmk.State;

/// <summary>
/// The one reading and writing of the state files, used by the runner that writes and re-reads them and by the
/// controller. Each record of the schema reads and writes itself (<see cref="RunnerState"/>, <see cref="SuiteState"/>,
/// <see cref="SuiteResult"/>) with the in-box Utf8JsonReader and Utf8JsonWriter: no reflection and no serializer
/// metadata to build at every start of the controller, NativeAOT-safe. Reading is strict and the same for both
/// programs: every key of the schema has its type and allowed values, unknown keys are skipped, JSON null counts as
/// absent, and a file that does not fit is reported with the key that does not (<see cref="StateFormatException"/>).
/// </summary>
public static class StateFileFormat
{
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        // Only what JSON requires is escaped, and characters outside the Basic Multilingual Plane (the encoder writes them
        // as \u escapes); other non-ASCII text stays readable UTF-8. Payloads are written as their tokens (JsonStringToken).
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
    };

    public static void Write(Stream output, RunnerState state) => Write(output, state.Write);

    public static void Write(Stream output, SuiteState state) => Write(output, state.Write);

    /// <exception cref="JsonException">not JSON</exception>
    /// <exception cref="StateFormatException">JSON, but not a runner state</exception>
    public static RunnerState ParseRunner(ReadOnlyMemory<byte> utf8)
    {
        var reader = new StateReader(utf8);
        var state = RunnerState.Read(ref reader);
        reader.End();
        return state;
    }

    /// <param name="utf8">The whole file; the payloads of the returned result are slices of it.</param>
    /// <exception cref="JsonException">not JSON</exception>
    /// <exception cref="StateFormatException">JSON, but not a suite state</exception>
    public static SuiteState ParseSuite(ReadOnlyMemory<byte> utf8)
    {
        var reader = new StateReader(utf8);
        var state = SuiteState.Read(ref reader);
        reader.End();
        return state;
    }

    private static void Write(Stream output, Action<Utf8JsonWriter> write)
    {
        using var writer = new Utf8JsonWriter(output, WriterOptions);
        write(writer);
    }
}

/// <summary>How the enums of the state files alone are spelled; the settings' enums are spelled by <see cref="WireNames"/>.</summary>
public static class StateNames
{
    public static WireEnum<RunnerStatus> RunnerStatuses { get; } = new(
        ("running", RunnerStatus.Running), ("idle", RunnerStatus.Idle));

    public static WireEnum<SuiteRunState> SuiteRunStates { get; } = new(
        ("pending", SuiteRunState.Pending), ("running", SuiteRunState.Running), ("done", SuiteRunState.Done));

    public static WireEnum<ResultStatus> ResultStatuses { get; } = new(
        ("nonfatal", ResultStatus.NonFatal), ("fatal", ResultStatus.Fatal));

    public static WireEnum<RfStartMode> RfStartModes { get; } = new(
        ("warm", RfStartMode.Warm), ("spawn", RfStartMode.Spawn));

    public static string Of(RunnerStatus status) => RunnerStatuses.NameOf(status);

    public static string Of(RfStartMode mode) => RfStartModes.NameOf(mode);

    public static string Of(SuiteRunState state) => SuiteRunStates.NameOf(state);

    public static string Of(ResultStatus status) => ResultStatuses.NameOf(status);
}
