namespace Robotmk.Runner.Processes;

/// <summary>CPU time and peak memory of a program run (or of a suite's runs together), as far as the OS tells; null fields are unknown.</summary>
public sealed record ResourceUsage(double? UserCpuSeconds, double? SystemCpuSeconds, long? PeakMemoryBytes)
{
    public static ResourceUsage Unknown { get; } = new(null, null, null);

    /// <summary>Nothing run yet: no CPU time, no peak.</summary>
    public static ResourceUsage None { get; } = new(0, 0, null);

    /// <summary>Whether the CPU times are known.</summary>
    public bool IsKnown => UserCpuSeconds is not null && SystemCpuSeconds is not null;

    /// <summary>
    /// Two runs one after the other: CPU times add up, the peak is the larger one. Unknown as soon as either is: a sum
    /// with a part missing would be a wrong figure, not a smaller one.
    /// </summary>
    public ResourceUsage Then(ResourceUsage next) => IsKnown && next.IsKnown
        ? new ResourceUsage(
            Math.Round(UserCpuSeconds!.Value + next.UserCpuSeconds!.Value, 3),
            Math.Round(SystemCpuSeconds!.Value + next.SystemCpuSeconds!.Value, 3),
            PeakMemoryBytes is { } a ? next.PeakMemoryBytes is { } b ? Math.Max(a, b) : a : next.PeakMemoryBytes)
        : Unknown;
}
