using Robotmk.Files;
using Robotmk.Text;

namespace Robotmk.Runner.Results;

/// <summary>
/// The key of a callback's signature, read from its secret_file. The file must be a regular file (not a link) of root
/// or the runner's user that no other user can read or write (0600 or 0400): a key others can read lets them forge
/// results. Its content, without a trailing line break, is the key; it is never logged.
/// </summary>
public static class CallbackSecret
{
    public const int MaxBytes = 4096;

    /// <returns>The key, or why the file is refused.</returns>
    public static (byte[]? Key, string? Problem) Read(string path)
    {
        if (OperatingSystem.IsLinux())
        {
            if (NoFollowFile.Facts(path) is not { } facts)
                return (null, $"secret_file '{path}' does not exist");
            if (WhyRefused(facts, NoFollowFile.EffectiveUid) is { } why)
                return (null, $"secret_file '{path}' {why}; refused");
        }
        return BoundedFile.Read(path, MaxBytes, followLink: false) switch
        {
            BoundedRead.Content { Bytes.Length: > 0 } c => (Trim(c.Bytes), null),
            BoundedRead.Content => (null, $"secret_file '{path}' is empty"),
            BoundedRead.NotFound => (null, $"secret_file '{path}' does not exist"),
            BoundedRead.TooLarge => (null, $"secret_file '{path}' is larger than {MaxBytes} bytes"),
            BoundedRead.Failed f => (null, $"secret_file '{path}' cannot be read: {f.Reason}"),
            var other => (null, $"secret_file '{path}' is not a regular file ({other.GetType().Name})"),
        };
    }

    /// <summary>Pure: why a secret file with these facts is not trusted, or null.</summary>
    public static string? WhyRefused(FileFacts facts, uint euid)
    {
        const UnixFileMode others = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
            | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;
        if (facts.Kind != FileKind.Regular)
            return facts.Kind == FileKind.SymbolicLink ? "is a symbolic link" : "is not a regular file";
        if (facts.OwnerUid != euid && facts.OwnerUid != 0)
            return $"is owned by uid {facts.OwnerUid}, neither root nor the runner (uid {euid})";
        if ((facts.Mode & others) != 0)
            return $"can be read or written by other users (mode {FileTrust.Octal(facts.Mode)}; use 0600)";
        return null;
    }

    private static byte[] Trim(byte[] bytes)
    {
        var end = bytes.Length;
        while (end > 0 && bytes[end - 1] is (byte)'\n' or (byte)'\r')
            end--;
        return bytes[..end];
    }
}
