namespace Robotmk.Runner.Coordination;

/// <summary>Limits of the runner that are not part of robotmk.yml; tests shorten them.</summary>
public sealed record RunnerLimits
{
    /// <summary>Between the graceful stop of RF and the kill of its process tree (at most a quarter of the run budget).</summary>
    public TimeSpan KillGrace { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The runner state's heartbeat is refreshed this often while a run is in progress.</summary>
    public TimeSpan HeartbeatInterval { get; init; } = Robotmk.State.RunnerState.HeartbeatInterval;

    /// <summary>A larger output.xml makes the suite fatal instead of flooding the agent output.</summary>
    public long MaxOutputXmlBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary>A larger log.html (transmit_html) makes the suite fatal; it is read no further than this.</summary>
    public long MaxLogHtmlBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary>The encoded xml plus htmllog of one suite; the controller refuses larger payloads with the same limit.</summary>
    public long MaxEncodedPayloadBytes { get; init; } = Robotmk.Sections.PayloadLimits.MaxEncodedBytes;

    /// <summary>Time always granted to rebot --merge, even when the suite's budget is nearly used up.</summary>
    public TimeSpan MinMergeTime { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Of the run history, output plugins and callbacks.</summary>
    public Results.ResultsExportLimits Export { get; init; } = new();
}
