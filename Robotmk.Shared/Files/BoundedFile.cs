using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Robotmk.Files;

/// <summary>What reading a file with <see cref="BoundedFile"/> gave; every failure is a case, never an exception.</summary>
public abstract record BoundedRead
{
    private BoundedRead()
    {
    }

    /// <summary>The whole file, at most the limit.</summary>
    public sealed record Content(byte[] Bytes) : BoundedRead;

    public sealed record NotFound : BoundedRead;

    public sealed record Folder : BoundedRead;

    /// <summary>A FIFO, a device, a socket, or a link where links are refused; <paramref name="Kind"/> says which ("a FIFO").</summary>
    public sealed record NotRegular(string Kind) : BoundedRead;

    /// <summary>The file has more than the limit; <paramref name="Bytes"/> is its size, or the limit + 1 when it grew while read.</summary>
    public sealed record TooLarge(long Bytes) : BoundedRead;

    /// <summary>The file system refused; <paramref name="Reason"/> is its message.</summary>
    public sealed record Failed(string Reason) : BoundedRead;
}

/// <summary>
/// Reads a regular file whole, but never more than a limit, and never blocks on something that is not a file.
/// A size checked before reading is not enough: /dev/zero and /proc files report 0 bytes and never end, and a FIFO
/// blocks open(2) until a writer appears. On Linux the file is opened with O_NONBLOCK (a FIFO opens at once; on a
/// regular file the flag does nothing), its type is checked on the open descriptor (no race with a rename), and at
/// most limit + 1 bytes are read. The happy path is one open, one statx and the reads.
/// </summary>
public static class BoundedFile
{
    /// <param name="followLink">False refuses a symbolic link as the last component (O_NOFOLLOW); on Linux only.</param>
    public static BoundedRead Read(string path, long maxBytes, bool followLink = true)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(maxBytes, Array.MaxLength);
        return OperatingSystem.IsLinux() ? ReadOnLinux(path, maxBytes, followLink) : ReadPortable(path, maxBytes);
    }

    private static BoundedRead ReadOnLinux(string path, long maxBytes, bool followLink)
    {
        var flags = LinuxFileCalls.ReadOnly | LinuxFileCalls.NonBlock | LinuxFileCalls.CloseOnExec | (followLink ? 0 : LinuxFileCalls.NoFollow);
        var fd = LinuxFileCalls.Open(LinuxFileCalls.NullTerminated(path), flags, 0);
        if (fd < 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            return errno switch
            {
                LinuxFileCalls.ENoEnt or LinuxFileCalls.ENotDir => new BoundedRead.NotFound(),
                LinuxFileCalls.ELoop when !followLink => new BoundedRead.NotRegular("a symbolic link"),
                _ => new BoundedRead.Failed(Marshal.GetPInvokeErrorMessage(errno)),
            };
        }
        using var handle = new SafeFileHandle(fd, ownsHandle: true);
        var stat = new byte[Linux.StatxBufferLength];
        if (LinuxFileCalls.Statx(fd, [0], LinuxFileCalls.AtEmptyPath, Linux.StatxType | Linux.StatxSizeField, stat) != 0)
            return new BoundedRead.Failed(Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError()));
        var mode = BinaryPrimitives.ReadUInt16LittleEndian(stat.AsSpan(Linux.StatxModeOffset)) & Linux.TypeMask;
        if (mode == Linux.TypeDirectory)
            return new BoundedRead.Folder();
        if (mode != Linux.TypeRegular)
            return new BoundedRead.NotRegular(KindOf(mode));
        var size = (long)BinaryPrimitives.ReadUInt64LittleEndian(stat.AsSpan(Linux.StatxSizeOffset));
        return ReadAll(handle, size, maxBytes);
    }

    /// <summary>Windows (and other systems): a FIFO cannot be opened by a path there, so a plain open cannot hang.</summary>
    private static BoundedRead ReadPortable(string path, long maxBytes)
    {
        try
        {
            if (Directory.Exists(path))
                return new BoundedRead.Folder();
            // FileShare.Delete: on Windows the runner's rename over a state file must not fail while it is open here.
            using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            return ReadAll(handle, RandomAccess.GetLength(handle), maxBytes);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return new BoundedRead.NotFound();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            return new BoundedRead.Failed(ex.Message);
        }
    }

    /// <summary>Reads until the end of the file, but at most <paramref name="maxBytes"/> + 1 bytes: the size is a hint, a file can grow.</summary>
    internal static BoundedRead ReadAll(SafeFileHandle handle, long size, long maxBytes)
    {
        if (size > maxBytes)
            return new BoundedRead.TooLarge(size);
        try
        {
            var buffer = new byte[size];
            var total = 0;
            Span<byte> probe = stackalloc byte[1];
            while (true)
            {
                if (total == buffer.Length)
                {
                    // Full at the size the file had: one more byte tells the end from a file that grew.
                    if (RandomAccess.Read(handle, probe, total) == 0)
                        return new BoundedRead.Content(buffer);
                    if (total + 1L > maxBytes)
                        return new BoundedRead.TooLarge(total + 1L);
                    Array.Resize(ref buffer, (int)Math.Min(maxBytes, Math.Max(2L * buffer.Length, 4096)));
                    buffer[total++] = probe[0];
                    continue;
                }
                var read = RandomAccess.Read(handle, buffer.AsSpan(total), total);
                if (read == 0)
                    return new BoundedRead.Content(buffer[..total]);
                total += read;
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            return new BoundedRead.Failed(ex.Message);
        }
    }

    private static string KindOf(int type) => type switch
    {
        Linux.TypeFifo => "a FIFO",
        Linux.TypeCharDevice => "a character device",
        Linux.TypeBlockDevice => "a block device",
        Linux.TypeSocket => "a socket",
        Linux.TypeLink => "a symbolic link",
        _ => "not a regular file",
    };

    /// <summary>The parts of statx(2) this reader judges by (see <see cref="LinuxFileCalls"/> for the calls).</summary>
    private static class Linux
    {
        public const uint StatxType = 0x1;
        public const uint StatxSizeField = 0x200;
        public const int StatxBufferLength = 256;
        public const int StatxModeOffset = 28;
        public const int StatxSizeOffset = 40;

        public const int TypeMask = 0xF000;
        public const int TypeFifo = 0x1000;
        public const int TypeCharDevice = 0x2000;
        public const int TypeDirectory = 0x4000;
        public const int TypeBlockDevice = 0x6000;
        public const int TypeRegular = 0x8000;
        public const int TypeLink = 0xA000;
        public const int TypeSocket = 0xC000;
    }
}
