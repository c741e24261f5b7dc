using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Robotmk.Files;

/// <summary>
/// The libc calls .NET does not offer: open(2) with O_NOFOLLOW, statx(2) (owner and link count, which .NET's file APIs
/// do not report) and geteuid(2). Linux only: the open flags below are the Linux values.
/// </summary>
internal static class LinuxFileCalls
{
    public const int ReadOnly = 0, WriteOnly = 1, ReadWrite = 2;
    public const int Create = 0x40, Exclusive = 0x80, Append = 0x400;

    /// <summary>A FIFO opened for reading would block until a writer comes: with it open returns at once (no effect on regular files).</summary>
    public const int NonBlock = 0x800;
    public const int CloseOnExec = 0x80000;

    /// <summary>O_NOFOLLOW has another value on ARM and POWER than on x86 and s390x.</summary>
    public static int NoFollow => RuntimeInformation.ProcessArchitecture is Architecture.Arm64 or Architecture.Arm or Architecture.Ppc64le ? 0x8000 : 0x20000;

    /// <summary>open(2) returns ELOOP for a link as the last part of the path with O_NOFOLLOW.</summary>
    public const int ELoop = 40;

    public const int ENoEnt = 2;
    public const int ENotDir = 20;

    private const int AtFdCwd = -100;
    private const int AtSymlinkNoFollow = 0x100;
    public const int AtEmptyPath = 0x1000;
    private const uint StatxBasicStats = 0x7ff;

    /// <summary>
    /// open(2) and statx(2) of glibc, with paths as NUL-terminated UTF-8 byte arrays: the calls are blittable, so
    /// NativeAOT needs no marshalling code for them. statx, not fstat: its buffer has one layout on every architecture.
    /// </summary>
    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    public static extern int Open(byte[] path, int flags, uint mode);

    /// <inheritdoc cref="Open"/>
    [DllImport("libc", EntryPoint = "statx", SetLastError = true)]
    public static extern int Statx(int dirfd, byte[] path, int flags, uint mask, byte[] buffer);

    public static byte[] NullTerminated(string path)
    {
        var bytes = new byte[System.Text.Encoding.UTF8.GetByteCount(path) + 1];
        System.Text.Encoding.UTF8.GetBytes(path, bytes);
        return bytes;
    }

    [DllImport("libc", EntryPoint = "geteuid")]
    public static extern uint GetEuid();

    /// <returns>The open file, or the errno of the failed open.</returns>
    public static (SafeFileHandle? Handle, int Errno) TryOpen(string path, int flags, UnixFileMode mode)
    {
        var fd = Open(NullTerminated(path), flags | CloseOnExec, (uint)mode);
        return fd < 0 ? (null, Marshal.GetLastPInvokeError()) : (new SafeFileHandle(fd, ownsHandle: true), 0);
    }

    /// <summary>The facts of the open file itself (fstat through statx with an empty path).</summary>
    public static FileFacts Stat(SafeFileHandle handle)
    {
        var added = false;
        try
        {
            handle.DangerousAddRef(ref added);
            return StatAt((int)handle.DangerousGetHandle(), "", AtEmptyPath, "(open file)");
        }
        finally
        {
            if (added)
                handle.DangerousRelease();
        }
    }

    /// <summary>The facts of the path's last part itself, a link not followed (lstat); null when it does not exist.</summary>
    public static FileFacts? LStat(string path)
    {
        var buffer = new byte[256];
        if (Statx(AtFdCwd, NullTerminated(path), AtSymlinkNoFollow, StatxBasicStats, buffer) == 0)
            return Parse(buffer);
        var errno = Marshal.GetLastPInvokeError();
        return errno == 2 ? null : throw Failure(path, errno);
    }

    public static IOException Failure(string path, int errno) => errno == 2
        ? new FileNotFoundException($"'{path}': {Marshal.GetPInvokeErrorMessage(errno)}", path) { HResult = errno }
        : new IOException($"'{path}': {Marshal.GetPInvokeErrorMessage(errno)}") { HResult = errno };

    private static FileFacts StatAt(int dirfd, string path, int flags, string what)
    {
        var buffer = new byte[256];
        return Statx(dirfd, NullTerminated(path), flags, StatxBasicStats, buffer) == 0 ? Parse(buffer) : throw Failure(what, Marshal.GetLastPInvokeError());
    }

    /// <summary>
    /// struct statx has the same layout on every Linux architecture (unlike struct stat): nlink at 16, uid at 20, mode
    /// at 28, size at 40; little-endian on the architectures .NET runs Linux on.
    /// </summary>
    private static FileFacts Parse(byte[] b)
    {
        var mode = BinaryPrimitives.ReadUInt16LittleEndian(b.AsSpan(28));
        var kind = (mode & 0xF000) switch
        {
            0x8000 => FileKind.Regular,
            0x4000 => FileKind.Directory,
            0xA000 => FileKind.SymbolicLink,
            _ => FileKind.Other,
        };
        return new FileFacts(kind, (UnixFileMode)(mode & 0xFFF), BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(20)),
            BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(16)), (long)BinaryPrimitives.ReadUInt64LittleEndian(b.AsSpan(40)));
    }
}
