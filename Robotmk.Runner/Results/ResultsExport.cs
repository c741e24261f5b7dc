using System.Collections.Immutable;
using Robotmk.Config;
using Robotmk.Runner.Logging;
using Robotmk.Runner.Processes;
using Robotmk.State;
using Robotmk.Time;

namespace Robotmk.Runner.Results;

/// <summary>
/// Results beyond the Checkmk section, for one run: after each finished suite its result document is written to the
/// run history (<see cref="ResultStore"/>), given to the output plugins and sent to the callbacks (in the background).
/// At the end of the run the callbacks still under way are awaited until the run budget ends, and the history is pruned.
/// Nothing here changes a suite's result; what fails is logged and returned as an error for the runner section.
/// </summary>
public sealed class ResultsExport : IDisposable
{
    private readonly GlobalConfig _global;
    private readonly IClock _clock;
    private readonly RunnerLog _log;
    private readonly ResultStore _store;
    private readonly OutputPlugins _plugins;
    private readonly Callbacks _callbacks;
    private RunIds? _ids;
    private readonly TimeSpan _budgetEnd;
    private readonly string _host;

    /// <param name="budgetEnd">A reading of <see cref="IClock.Monotonic"/>: callbacks are not waited for beyond it.</param>
    public ResultsExport(GlobalConfig global, IProcessRunner processes, IClock clock, RunnerLog log, ResultsExportLimits limits,
        TimeSpan budgetEnd, ProcessMarker? marker = null)
    {
        _global = global;
        _clock = clock;
        _log = log;
        _store = new ResultStore(global.OutputDir);
        _plugins = new OutputPlugins(processes, log, limits.KillGrace, limits.PathVariable) { Marker = marker };
        _callbacks = new Callbacks(log, limits.CallbackFirstPause, limits.HttpHandler);
        _budgetEnd = budgetEnd;
        _host = limits.Host ?? Environment.MachineName;
    }

    /// <summary>Days documents are kept: history_days, else log_rotation.</summary>
    public int HistoryDays => _global.Export.HistoryDays ?? _global.LogRotation;

    /// <summary>The suite is finished and its state written: document, plugins, callbacks.</summary>
    /// <param name="usage">What the suite's programs used, as far as known.</param>
    /// <returns>Errors for the runner section (the document could not be written, a plugin failed).</returns>
    public ImmutableArray<string> SuiteFinished(SuiteConfig suite, SuiteResult result, ResourceUsage usage)
    {
        if (!SuiteId.IsUsable(suite.Id))
            return []; // no file can be named after it; the runner section reports its configuration error
        ResultDocument document;
        byte[] json;
        try
        {
            var outputs = RunOutputs.Find(_global.OutputDir, result);
            var statistics = outputs.OutputXml is { } xml ? RunStatistics.Read(xml) : null;
            var start = Iso8601.TryParse(result.StartTime, out var s) ? s : _clock.UtcNow;
            // The folder is read once per run, at its first result: ids go on from the newest stored one.
            _ids ??= new RunIds(_store.NewestId());
            var id = _ids.Next(start);
            document = ResultDocumentBuilder.Build(id, _host, suite, result, statistics, usage, outputs);
            json = document.ToJsonBytes();
            var file = _store.Write(document, json);
            _log.Info($"suite {suite.Id}: result {document.State} written to '{file}'");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            var message = $"suite {suite.Id}: its result document cannot be written: {ex.Message}";
            _log.Error(message);
            return [message];
        }
        var plugins = _global.Export.OutputPlugins.AddRange(suite.OutputPlugins);
        var errors = plugins.IsEmpty ? [] : _plugins.Run(plugins, suite.Id, json, _store.Root);
        if (!_global.Export.Callbacks.IsEmpty)
            _callbacks.Send(_global.Export.Callbacks, suite.Id, document.RunId, json);
        return errors;
    }

    /// <summary>The run is over: callbacks are awaited until the run budget ends, then the history is pruned.</summary>
    /// <returns>Errors for the runner section (callbacks given up).</returns>
    public ImmutableArray<string> Finish()
    {
        var errors = _callbacks.Finish(_budgetEnd - _clock.Monotonic);
        var (deleted, problems) = _store.Prune(HistoryDays, _clock.UtcNow);
        foreach (var p in problems)
            _log.Warning(p);
        if (deleted > 0)
            _log.Info($"results: deleted {deleted} result documents older than {HistoryDays} days");
        return errors;
    }

    public void Dispose() => _callbacks.Dispose();
}

/// <summary>What the result export takes from outside robotmk.yml; tests shorten the pauses and name the host.</summary>
public sealed record ResultsExportLimits
{
    /// <summary>Between an output plugin's graceful stop at its timeout and the kill of its tree.</summary>
    public TimeSpan KillGrace { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Pause before a callback's first retry; it doubles with each further one.</summary>
    public TimeSpan CallbackFirstPause { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>PATH for plugin programs given by name; the runner's own when null.</summary>
    public string? PathVariable { get; init; }

    /// <summary>The host name in documents; the machine's when null.</summary>
    public string? Host { get; init; }

    /// <summary>For tests: how HTTP is sent; a <see cref="SocketsHttpHandler"/> that verifies certificates when null.</summary>
    public HttpMessageHandler? HttpHandler { get; init; }
}
