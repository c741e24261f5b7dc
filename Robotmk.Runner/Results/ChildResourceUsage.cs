using System.Runtime.InteropServices;
using Robotmk.Runner.Processes;

namespace Robotmk.Runner.Results;

/// <summary>
/// The resources of the processes the runner has started and reaped, from getrusage(RUSAGE_CHILDREN) on Linux.
/// .NET reaps the processes it starts itself (waitpid, without their usage), but the kernel adds the usage of every
/// reaped child — with everything that child reaped of its own, and the orphans the runner (a child subreaper) reaps —
/// to these totals whoever waits for it. Taken only when the runner starts one program at a time and reaps RF itself
/// (max_parallel 1, RF spawned: see RunCoordinator), the growth of the totals while a suite runs is what RF, its
/// re-runs, rebot and their descendants used. Peak memory is kept by the kernel only as the
/// largest peak of any reaped child so far: it is known for a suite only when that suite raised it.
/// </summary>
public readonly record struct ChildResourceUsage(long UserMicros, long SystemMicros, long MaxRssKiB, bool Known)
{
    /// <summary>The totals now; unknown off Linux or when the call fails.</summary>
    public static ChildResourceUsage Now()
    {
        if (!OperatingSystem.IsLinux() || RuntimeInformation.ProcessArchitecture is not (Architecture.X64 or Architecture.Arm64))
            return default;
        if (Libc.GetRusage(Libc.RusageChildren, out var u) != 0)
            return default;
        return new ChildResourceUsage(u.UserSeconds * 1_000_000 + u.UserMicros, u.SystemSeconds * 1_000_000 + u.SystemMicros, u.MaxRss, true);
    }

    /// <summary>What was used between <paramref name="before"/> and <paramref name="after"/>.</summary>
    public static ResourceUsage Between(ChildResourceUsage before, ChildResourceUsage after)
    {
        if (!before.Known || !after.Known)
            return ResourceUsage.Unknown;
        return new ResourceUsage(
            Math.Round((after.UserMicros - before.UserMicros) / 1e6, 3),
            Math.Round((after.SystemMicros - before.SystemMicros) / 1e6, 3),
            after.MaxRssKiB > before.MaxRssKiB ? after.MaxRssKiB * 1024 : null);
    }
}
