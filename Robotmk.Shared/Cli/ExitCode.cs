namespace Robotmk.Cli;

/// <summary>
/// The exit codes of all three programs (robotmk, robotmk-runner, robotmk-bakery): one number, one meaning. They are
/// part of the interface — baked systemd units, Task Scheduler and scripts test them — and README.md ("Exit codes")
/// documents them in one table.
/// </summary>
public static class ExitCode
{
    /// <summary>
    /// Done, all good. The agent's calls (both programs without arguments) always end with it, whatever happened:
    /// the Linux agent drops, and even deletes, the cached output of a plugin that exits otherwise.
    /// </summary>
    public const int Success = 0;

    /// <summary>
    /// The program did its job, but the result is not all good: a suite failed or was fatal (<c>robotmk-runner run</c>),
    /// the server will see a fatal suite or a runner problem (<c>robotmk status</c>), the trees could not be written
    /// (<c>robotmk-bakery bake</c>).
    /// </summary>
    public const int NotAllGood = 1;

    /// <summary>The input is unusable: a bad command line, an invalid robotmk.yml, an invalid rule file.</summary>
    public const int InvalidInput = 2;

    /// <summary>
    /// The runner could not start its run: another runner holds the state folder's lock, or the lock cannot be
    /// opened (state folder read-only, full, missing rights).
    /// </summary>
    public const int Busy = 3;

    /// <summary>A defect of the program: an unexpected exception or a broken guarantee; the details are on stderr.</summary>
    public const int InternalError = 4;
}
