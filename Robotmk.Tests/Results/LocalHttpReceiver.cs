using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Robotmk.Tests.Results;

/// <summary>
/// A minimal HTTP/1.1 server on 127.0.0.1 (a free port) for callback tests: records each request's method, path,
/// headers and body and answers every request with <see cref="Status"/>.
/// </summary>
public sealed class LocalHttpReceiver : IDisposable
{
    public sealed record Request(string Method, string Path, Dictionary<string, string> Headers, byte[] Body);

    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly bool _answer;

    /// <param name="answer">False: requests are read but never answered (a receiver that hangs).</param>
    public LocalHttpReceiver(int status = 200, bool answer = true)
    {
        Status = status;
        _answer = answer;
        _listener.Start();
        _loop = Task.Run(AcceptAll);
    }

    public int Status { get; }
    public ConcurrentQueue<Request> Requests { get; } = new();
    public string Url => $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/hook";

    private async Task AcceptAll()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }
            // Each connection on its own: a request that is never answered does not hold up the next one.
            _ = Task.Run(async () =>
            {
                using (client)
                    await Serve(client.GetStream());
            });
        }
    }

    private async Task Serve(NetworkStream stream)
    {
        var head = new List<byte>();
        var one = new byte[1];
        while (!EndsWithBlankLine(head))
        {
            if (await stream.ReadAsync(one) == 0)
                return;
            head.Add(one[0]);
        }
        var lines = Encoding.ASCII.GetString([.. head]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var requestLine = lines[0].Split(' ');
        var headers = lines.Skip(1).Select(l => l.Split(':', 2)).ToDictionary(p => p[0].Trim(), p => p[1].Trim(), StringComparer.OrdinalIgnoreCase);
        var body = new byte[int.Parse(headers.GetValueOrDefault("Content-Length", "0"))];
        var read = 0;
        while (read < body.Length)
        {
            var n = await stream.ReadAsync(body.AsMemory(read));
            if (n == 0)
                break;
            read += n;
        }
        Requests.Enqueue(new Request(requestLine[0], requestLine[1], headers, body));
        if (!_answer)
        {
            try
            {
                await Task.Delay(Timeout.Infinite, _stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
        var answer = Encoding.ASCII.GetBytes($"HTTP/1.1 {Status} {(Status == 200 ? "OK" : "Error")}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        await stream.WriteAsync(answer);
    }

    private static bool EndsWithBlankLine(List<byte> b) =>
        b.Count >= 4 && b[^4] == '\r' && b[^3] == '\n' && b[^2] == '\r' && b[^1] == '\n';

    /// <summary>A URL on 127.0.0.1 where nothing listens: a port that was just free.</summary>
    public static string UnreachableUrl()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return $"http://127.0.0.1:{port}/hook";
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        _loop.Wait(TimeSpan.FromSeconds(5));
        _stop.Dispose();
    }
}
