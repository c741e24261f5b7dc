using System.Collections.Immutable;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using Robotmk.Config;
using Robotmk.Runner.Logging;

namespace Robotmk.Runner.Results;

/// <summary>
/// Sends each finished suite's result document to the configured URLs by HTTP POST, in the background: the next
/// suite starts at once. Each try has its timeout; a failed try (no connection, a status other than 2xx) is repeated
/// up to <c>retries</c> times with a growing pause, then the callback is given up with a log line. HTTPS certificates
/// are verified as the OS does (there is no switch to turn that off), redirects are not followed. With a secret
/// file, the header <see cref="SignatureHeader"/> carries the hex HMAC-SHA256 of the body; the key is never logged.
/// </summary>
public sealed class Callbacks : IDisposable
{
    public const string SignatureHeader = "X-Robotmk-Signature";

    private readonly HttpClient _http;
    private readonly RunnerLog _log;
    private readonly TimeSpan _firstPause;
    private readonly CancellationTokenSource _giveUp = new();
    private readonly List<Task<string?>> _pending = [];
    private readonly object _gate = new();

    /// <param name="firstPause">Pause before the first retry; it doubles with each further one.</param>
    public Callbacks(RunnerLog log, TimeSpan firstPause, HttpMessageHandler? handler = null)
    {
        _log = log;
        _firstPause = firstPause;
        _http = new HttpClient(handler ?? new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false, UseProxy = true })
        {
            Timeout = Timeout.InfiniteTimeSpan, // each try has its own
        };
        _http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("robotmk-runner", ProductInfo.Version));
    }

    /// <summary>Starts the POSTs of one document; returns at once.</summary>
    public void Send(IEnumerable<CallbackConfig> callbacks, string suiteId, string runId, byte[] document)
    {
        foreach (var callback in callbacks)
        {
            var task = Task.Run(() => SendOne(callback, suiteId, runId, document));
            lock (_gate)
                _pending.Add(task);
        }
    }

    /// <summary>Waits for the callbacks still under way, at most <paramref name="wait"/>; those not done by then are given up.</summary>
    /// <returns>One error for each callback that was given up.</returns>
    public ImmutableArray<string> Finish(TimeSpan wait)
    {
        Task<string?>[] pending;
        lock (_gate)
            pending = [.. _pending];
        if (!Task.WaitAll(pending, wait < TimeSpan.Zero ? TimeSpan.Zero : wait))
        {
            _giveUp.Cancel();
            Task.WaitAll(pending, TimeSpan.FromSeconds(5));
        }
        return [.. pending.Select(t => t.IsCompletedSuccessfully ? t.Result : "a callback did not end").OfType<string>()];
    }

    private async Task<string?> SendOne(CallbackConfig callback, string suiteId, string runId, byte[] document)
    {
        var what = $"suite {suiteId}: callback {Shown(callback.Url)} (run {runId})";
        string? signature = null;
        if (callback.SecretFile is { } secretFile)
        {
            var (key, problem) = CallbackSecret.Read(secretFile);
            if (key is null)
                return GiveUp($"{what}: not sent: {problem}");
            signature = Sign(key, document);
        }
        var tries = callback.Retries + 1;
        for (var attempt = 1; attempt <= tries; attempt++)
        {
            var failure = await TryPost(callback, document, signature).ConfigureAwait(false);
            if (failure is null)
            {
                _log.Info($"{what}: delivered{(attempt > 1 ? $" at try {attempt}" : "")}");
                return null;
            }
            if (_giveUp.IsCancellationRequested)
                return GiveUp($"{what}: given up at the end of the run budget after {attempt} tries: {failure}");
            if (attempt == tries)
                return GiveUp($"{what}: given up after {tries} tries: {failure}");
            var pause = _firstPause * Math.Pow(2, attempt - 1);
            _log.Warning($"{what}: try {attempt} of {tries} failed: {failure}; next try in {pause.TotalSeconds:0.###} s");
            try
            {
                await Task.Delay(pause, _giveUp.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return GiveUp($"{what}: given up at the end of the run budget after {attempt} tries: {failure}");
            }
        }
        return null;
    }

    private async Task<string?> TryPost(CallbackConfig callback, byte[] document, string? signature)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_giveUp.Token);
        timeout.CancelAfter(TimeSpan.FromSeconds(callback.Timeout));
        using var request = new HttpRequestMessage(HttpMethod.Post, callback.Url) { Content = new ByteArrayContent(document) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        if (signature is not null)
            request.Headers.Add(SignatureHeader, signature);
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            return response.IsSuccessStatusCode ? null : $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}";
        }
        catch (OperationCanceledException)
        {
            return _giveUp.IsCancellationRequested ? "stopped at the end of the run budget" : $"no answer within {callback.Timeout} s";
        }
        catch (HttpRequestException ex)
        {
            return ex.InnerException is { } inner ? $"{ex.Message} ({inner.Message})" : ex.Message;
        }
    }

    /// <summary>The hex (lower case) HMAC-SHA256 of the body with the key.</summary>
    public static string Sign(byte[] key, byte[] body) => Convert.ToHexString(HMACSHA256.HashData(key, body)).ToLowerInvariant();

    private string GiveUp(string message)
    {
        _log.Error(message);
        return message;
    }

    /// <summary>The URL without user name and password, which may be a secret.</summary>
    private static string Shown(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var u) && u.UserInfo.Length > 0
            ? new UriBuilder(u) { UserName = "", Password = "" }.Uri.ToString()
            : url;

    public void Dispose()
    {
        _giveUp.Cancel();
        _http.Dispose();
        _giveUp.Dispose();
    }
}
