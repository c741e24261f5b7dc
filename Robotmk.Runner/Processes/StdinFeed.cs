using System.Diagnostics;

namespace Robotmk.Runner.Processes;

/// <summary>
/// Gives a started program its stdin: the bytes of <see cref="ProcessSpec.Stdin"/> (then end of file), or end of file
/// at once. Written in the background, so a program that does not read cannot block the runner: its timeout and tree
/// kill still apply, and the kill breaks the pipe, which ends the write.
/// </summary>
internal static class StdinFeed
{
    public static void Start(Process process, byte[]? content)
    {
        if (content is null)
        {
            process.StandardInput.Close();
            return;
        }
        _ = Write(process.StandardInput.BaseStream, content);
    }

    private static async Task Write(Stream stdin, byte[] content)
    {
        try
        {
            await stdin.WriteAsync(content).ConfigureAwait(false);
            await stdin.FlushAsync().ConfigureAwait(false);
        }
        catch (IOException)
        {
            // The program exited (or was killed) without reading all of it: what it did is judged by its exit.
        }
        finally
        {
            try
            {
                stdin.Dispose();
            }
            catch (IOException)
            {
                // The pipe is already broken.
            }
        }
    }
}
