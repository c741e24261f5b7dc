using System.Text.Json;

namespace Robotmk.State;

/// <summary>
/// <c>robotmk_&lt;id&gt;.json</c>: the last complete result of one suite plus whether a run of it is in progress.
/// Marking a suite running rewrites the file with the previous result kept, so a crash never loses it.
/// </summary>
public sealed record SuiteState
{
    public const SuiteRunState Running = SuiteRunState.Running;
    public const SuiteRunState Done = SuiteRunState.Done;
    public const SuiteRunState Pending = SuiteRunState.Pending;

    public int Schema { get; init; } = StateFiles.SchemaVersion;
    public required string Id { get; init; }
    /// <summary>As written; the runner always writes it. Read <see cref="EffectiveState"/>, which also covers files without it.</summary>
    public SuiteRunState? State { get; init; }
    /// <summary>Run id of the runner run currently executing this suite (state = running).</summary>
    public string? RunningRunId { get; init; }
    public string? RunningSince { get; init; }
    /// <summary>Last complete result; null while the suite never finished.</summary>
    public SuiteResult? Result { get; init; }
    /// <summary>When a run last started the suite; its schedule counts its interval from here. Kept by every write.</summary>
    public string? LastStart { get; init; }
    /// <summary>Since when the suite is due but has not fitted into the run budget; null when it is not deferred.</summary>
    public string? DeferredSince { get; init; }

    /// <summary><see cref="State"/>, or for a file without it: done when it has a result, else pending.</summary>
    public SuiteRunState EffectiveState => State ?? (Result is null ? SuiteRunState.Pending : SuiteRunState.Done);

    internal static SuiteState Read(ref StateReader r)
    {
        r.RequireObject("$");
        int? schema = null;
        string? id = null, runningRunId = null, runningSince = null, lastStart = null, deferredSince = null;
        SuiteRunState? state = null;
        SuiteResult? result = null;
        while (r.NextProperty() is { } key)
        {
            switch (key)
            {
                case Key.Schema: schema = StateFiles.CheckSchema(r.Int(key)); break;
                case Key.Id: id = r.String(key); break;
                case Key.State: state = r.Enum(key, StateNames.SuiteRunStates); break;
                case Key.RunningRunId: runningRunId = r.String(key); break;
                case Key.RunningSince: runningSince = r.String(key); break;
                case Key.Result: result = SuiteResult.Read(ref r, key); break;
                case Key.LastStart: lastStart = r.String(key); break;
                case Key.DeferredSince: deferredSince = r.String(key); break;
                default: r.Skip(); break;
            }
        }
        return new SuiteState
        {
            Schema = schema ?? StateFiles.SchemaVersion,
            Id = StateReader.Required(id, Key.Id),
            State = state,
            RunningRunId = runningRunId,
            RunningSince = runningSince,
            Result = result,
            LastStart = lastStart,
            DeferredSince = deferredSince,
        };
    }

    internal void Write(Utf8JsonWriter w)
    {
        w.WriteStartObject();
        w.WriteNumber(Key.Schema, Schema);
        w.WriteString(Key.Id, Id);
        w.WriteString(Key.State, StateNames.Of(EffectiveState));
        w.WriteString(Key.RunningRunId, RunningRunId);
        w.WriteString(Key.RunningSince, RunningSince);
        if (LastStart is not null)
            w.WriteString(Key.LastStart, LastStart);
        if (DeferredSince is not null)
            w.WriteString(Key.DeferredSince, DeferredSince);
        w.WritePropertyName(Key.Result);
        if (Result is null)
            w.WriteNullValue();
        else
            Result.Write(w);
        w.WriteEndObject();
    }

    /// <summary>The keys of this record in the file: one spelling for reading and writing.</summary>
    private static class Key
    {
        public const string Schema = "schema";
        public const string Id = "id";
        public const string State = "state";
        public const string RunningRunId = "running_run_id";
        public const string RunningSince = "running_since";
        public const string Result = "result";
        public const string LastStart = "last_start";
        public const string DeferredSince = "deferred_since";
    }
}

public enum SuiteRunState
{
    /// <summary>Configured, never ran.</summary>
    Pending,
    /// <summary>A run executes it now.</summary>
    Running,
    /// <summary>Not running; the result is the last complete one.</summary>
    Done,
}
