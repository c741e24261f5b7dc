using System.Collections.Immutable;

namespace Robotmk.Config;

/// <summary>A program that gets each finished suite's result document on stdin; started without a shell.</summary>
/// <param name="Command">The program and its arguments.</param>
/// <param name="Timeout">Seconds until it gets a graceful stop, after which its whole process tree is killed.</param>
public sealed record OutputPluginConfig(ImmutableArray<string> Command, int Timeout);

/// <summary>An HTTP(S) URL that gets each finished suite's result document by POST.</summary>
/// <param name="SecretFile">Holds the key of the body's HMAC-SHA256 (header X-Robotmk-Signature); null: not signed.</param>
/// <param name="Timeout">Seconds one try may take.</param>
/// <param name="Retries">Tries after the first one that failed.</param>
public sealed record CallbackConfig(string Url, string? SecretFile, int Timeout, int Retries);

/// <summary>Where results go besides the Checkmk section: the run history, output plugins and callbacks (all optional).</summary>
public sealed record ResultsExportConfig
{
    /// <summary>Days a result document is kept in outputdir/results; null: log_rotation.</summary>
    public int? HistoryDays { get; init; }
    public ImmutableArray<OutputPluginConfig> OutputPlugins { get; init; } = [];
    public ImmutableArray<CallbackConfig> Callbacks { get; init; } = [];
}

/// <summary>The levels of robotmk.yml that <see cref="ResultsExportReader"/> adds (see <see cref="ConfigLevel"/>).</summary>
public static class ResultsExportLevel
{
    public const string OutputPlugin = "global.output_plugins[]";
    public const string Callback = "global.callbacks[]";
}

/// <summary>Reads the keys of <see cref="ResultsExportConfig"/> in <c>global</c> and a suite's <c>output_plugins</c>.</summary>
public static class ResultsExportReader
{
    public const int DefaultPluginTimeout = 30;
    public const int DefaultCallbackTimeout = 10;
    public const int DefaultCallbackRetries = 3;

    public static ImmutableArray<string> GlobalKeys { get; } = ["history_days", "output_plugins", "callbacks"];
    public static ImmutableArray<string> SuiteKeys { get; } = ["output_plugins"];
    public static ImmutableArray<string> PluginKeys { get; } = ["command", "timeout"];
    public static ImmutableArray<string> CallbackKeys { get; } = ["url", "secret_file", "timeout", "retries"];

    /// <summary>One of <see cref="GlobalKeys"/>, read into <paramref name="export"/>.</summary>
    public static ResultsExportConfig ReadGlobal(YamlFieldReader fields, string key, YNode node, string path, ResultsExportConfig export) => key switch
    {
        "history_days" => export with { HistoryDays = fields.Int(node, path, min: 0, max: 3650) },
        "output_plugins" => export with { OutputPlugins = ReadPlugins(fields, node, path) },
        "callbacks" => export with { Callbacks = ReadCallbacks(fields, node, path) },
        _ => export,
    };

    /// <summary>A list of plugins, each a mapping with <c>command</c> (a non-empty list of texts) and <c>timeout</c>.</summary>
    public static ImmutableArray<OutputPluginConfig> ReadPlugins(YamlFieldReader fields, YNode node, string path)
    {
        var result = ImmutableArray.CreateBuilder<OutputPluginConfig>();
        foreach (var (item, itemPath) in Items(fields, node, path, "a list of plugins, each a mapping with 'command' and 'timeout'"))
        {
            if (fields.Mapping(item, itemPath, "a mapping with 'command' and 'timeout'") is not { } map)
                continue;
            var e = fields.Entries(map, itemPath, PluginKeys);
            if (!e.TryGetValue("command", out var commandNode))
            {
                fields.Error(map.Position, itemPath, "missing required key 'command' (the program and its arguments, as a list)");
                continue;
            }
            if (commandNode is not YSequence)
            {
                fields.Error(commandNode.Position, itemPath + ".command",
                    $"expected a list: the program and its arguments (it is started without a shell), found {fields.Describe(commandNode)}");
                continue;
            }
            var command = fields.TextList(commandNode, itemPath + ".command");
            if (command.IsEmpty || command[0].Length == 0)
            {
                fields.Error(commandNode.Position, itemPath + ".command", "expected the program as the first item, found an empty list");
                continue;
            }
            var timeout = e.TryGetValue("timeout", out var t) ? fields.Int(t, itemPath + ".timeout", min: 1, max: 86400) : DefaultPluginTimeout;
            if (timeout is not null)
                result.Add(new OutputPluginConfig(command, timeout.Value));
        }
        return result.ToImmutable();
    }

    private static ImmutableArray<CallbackConfig> ReadCallbacks(YamlFieldReader fields, YNode node, string path)
    {
        var result = ImmutableArray.CreateBuilder<CallbackConfig>();
        foreach (var (item, itemPath) in Items(fields, node, path, "a list of callbacks, each a mapping with at least 'url'"))
        {
            if (fields.Mapping(item, itemPath, "a mapping with at least 'url'") is not { } map)
                continue;
            var e = fields.Entries(map, itemPath, CallbackKeys);
            if (!e.TryGetValue("url", out var urlNode))
            {
                fields.Error(map.Position, itemPath, "missing required key 'url' (an http:// or https:// address)");
                continue;
            }
            var url = fields.Text(urlNode, itemPath + ".url");
            if (url is not null && !(Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
            {
                fields.Error(urlNode.Position, itemPath + ".url", $"expected an absolute http:// or https:// address, found '{YamlFieldReader.Shorten(url)}'");
                url = null;
            }
            var secret = e.TryGetValue("secret_file", out var s) ? fields.OptionalText(s, itemPath + ".secret_file") : null;
            var timeout = e.TryGetValue("timeout", out var t) ? fields.Int(t, itemPath + ".timeout", min: 1, max: 3600) : DefaultCallbackTimeout;
            var retries = e.TryGetValue("retries", out var r) ? fields.Int(r, itemPath + ".retries", min: 0, max: 20) : DefaultCallbackRetries;
            if (url is not null && timeout is not null && retries is not null)
                result.Add(new CallbackConfig(url, secret, timeout.Value, retries.Value));
        }
        return result.ToImmutable();
    }

    /// <summary>The items of a list with their key paths (<c>path[i]</c>); YAML null is an empty list.</summary>
    private static IEnumerable<(YNode Item, string Path)> Items(YamlFieldReader fields, YNode node, string path, string expected)
    {
        if (node is YScalar { IsNull: true })
            return [];
        if (node is not YSequence seq)
        {
            fields.Error(node.Position, path, $"expected {expected}, found {fields.Describe(node)}");
            return [];
        }
        return seq.Items.Select((item, i) => (item, $"{path}[{i}]"));
    }
}
