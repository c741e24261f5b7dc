using System.Text.Json;
using Robotmk.Cli;
using Robotmk.Config;
using Robotmk.Files;
using Robotmk.Runner.Results;
using Robotmk.Text;

namespace Robotmk.Runner.Cli;

/// <summary>
/// <c>robotmk-runner history</c>: the stored result documents (outputdir/results), oldest first, as a table or, with
/// --json, one document per line. Exit 0, or 2 for an unusable robotmk.yml or a bad --last. A
/// suite no longer configured still has its history, so --suite takes any id.
/// </summary>
public static class HistoryCommand
{
    /// <summary>A larger document is reported and skipped (a document lists at most <see cref="RunStatistics.MaxTests"/> tests).</summary>
    private const long MaxDocumentBytes = 32L * 1024 * 1024;

    public static int Execute(HistoryOptions o, RunnerContext ctx)
    {
        var config = ctx.LoadConfig(ctx.Paths(o));
        if (config.Config is not { } cfg)
        {
            foreach (var e in config.Errors)
                ctx.Err.WriteLine(e);
            return ExitCode.InvalidInput;
        }
        if (o.Last is < 1)
        {
            ctx.Err.WriteLine($"--last must be at least 1, found {o.Last}");
            return ExitCode.InvalidInput;
        }
        var store = new ResultStore(cfg.Global.OutputDir);
        var files = store.All();
        if (o.Suite is { } suite)
        {
            var folder = SuiteId.FileName(suite);
            files = files.Where(f => f.SuiteFolder == folder);
        }
        var selected = files.ToList();
        if (o.Last is { } last && selected.Count > last)
            selected = selected[^last..];

        var entries = new List<HistoryEntry>();
        foreach (var (_, _, file) in selected)
        {
            if (Read(file, ctx.Err) is not { } doc)
                continue;
            using (doc)
            {
                if (o.Json)
                {
                    ctx.Out.WriteLine(Compact(doc.RootElement));
                }
                else
                {
                    entries.Add(HistoryEntry.From(doc.RootElement));
                }
            }
        }
        if (!o.Json)
        {
            if (entries.Count == 0)
                ctx.Out.WriteLine($"no results in '{store.Root}'{(o.Suite is null ? "" : $" for suite {o.Suite}")}");
            else
                foreach (var line in HistoryTable.Lines(entries))
                    ctx.Out.WriteLine(line);
        }
        return ExitCode.Success;
    }

    private static JsonDocument? Read(string file, TextWriter err)
    {
        switch (BoundedFile.Read(file, MaxDocumentBytes, followLink: false))
        {
            case BoundedRead.Content c:
                try
                {
                    return JsonDocument.Parse(c.Bytes);
                }
                catch (JsonException ex)
                {
                    err.WriteLine($"'{file}' is not a result document: {ex.Message}");
                    return null;
                }
            case BoundedRead.NotFound:
                return null; // pruned meanwhile
            case var other:
                err.WriteLine($"'{file}' is skipped: {other}");
                return null;
        }
    }

    private static string Compact(JsonElement e)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, ResultDocument.WriterOptions))
            e.WriteTo(w);
        return Utf8.NoBom.GetString(stream.ToArray());
    }
}
