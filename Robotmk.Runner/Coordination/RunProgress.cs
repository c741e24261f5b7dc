using Robotmk.Config;
using Robotmk.State;

namespace Robotmk.Runner.Coordination;

/// <summary>Callbacks for terminal progress of <c>robotmk-runner run</c>; the agent mode uses <see cref="None"/>.</summary>
public sealed record RunProgress
{
    public static readonly RunProgress None = new();

    public Action<SuiteConfig> Starting { get; init; } = _ => { };
    public Action<SuiteResult, TimeSpan> Finished { get; init; } = (_, _) => { };
}
