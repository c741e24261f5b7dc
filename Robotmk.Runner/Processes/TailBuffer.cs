namespace Robotmk.Runner.Processes;

/// <summary>Keeps the last N bytes written to it, so a suite printing 100 MB costs a fixed amount of memory.</summary>
internal sealed class TailBuffer(int capacity)
{
    private readonly byte[] _buffer = new byte[capacity];
    private int _next;      // where the next byte goes
    private bool _wrapped;  // the buffer has been filled at least once

    public long TotalBytes { get; private set; }

    public void Write(ReadOnlySpan<byte> data)
    {
        TotalBytes += data.Length;
        if (capacity == 0)
            return;
        if (data.Length >= capacity)
        {
            data[^capacity..].CopyTo(_buffer);
            _next = 0;
            _wrapped = true;
            return;
        }
        var first = Math.Min(data.Length, capacity - _next);
        data[..first].CopyTo(_buffer.AsSpan(_next));
        data[first..].CopyTo(_buffer);
        if (_next + data.Length >= capacity)
            _wrapped = true;
        _next = (_next + data.Length) % capacity;
    }

    /// <summary>Keeps the end of a stream that was written to a file: only the last bytes are read, all of them are counted.</summary>
    public void ReadEnd(Stream stream)
    {
        var length = stream.Length;
        if (length > capacity)
        {
            stream.Seek(length - capacity, SeekOrigin.Begin);
            TotalBytes += length - capacity;
        }
        var chunk = new byte[Math.Min(Math.Max(capacity, 1), 64 * 1024)];
        int n;
        while ((n = stream.Read(chunk)) > 0)
            Write(chunk.AsSpan(0, n));
    }

    public string ToText()
    {
        if (!_wrapped)
            return System.Text.Encoding.UTF8.GetString(_buffer, 0, _next);
        var ordered = new byte[capacity];
        _buffer.AsSpan(_next).CopyTo(ordered);
        _buffer.AsSpan(0, _next).CopyTo(ordered.AsSpan(capacity - _next));
        return (TotalBytes > capacity ? "…" : "") + System.Text.Encoding.UTF8.GetString(ordered);
    }
}
