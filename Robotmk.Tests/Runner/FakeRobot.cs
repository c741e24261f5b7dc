using Robotmk.Runner.Processes;
using Robotmk.Tests.Support;

namespace Robotmk.Tests.Runner;

/// <summary>
/// Stands in for RF where time must be controlled: it "runs" by advancing a fake clock and copies a real RF fixture
/// output.xml to the requested --output, so everything downstream handles real-format files.
/// </summary>
public sealed class FakeRobot(FakeClock clock) : IProcessRunner
{
    public List<ProcessSpec> Calls { get; } = [];

    /// <summary>Per suite target (last path segment): how long it takes and which fixture case it produces.</summary>
    public Dictionary<string, (TimeSpan Duration, string FixtureCase, int Rc)> Behaviour { get; } = [];

    public Func<ProcessSpec, Exception?> Throw { get; set; } = _ => null;

    /// <summary>Called while a program "runs", before its time has passed (e.g. to change the wall clock meanwhile).</summary>
    public Action<ProcessSpec> During { get; set; } = _ => { };

    public ProcessOutcome Run(ProcessSpec spec, CancellationToken cancel = default)
    {
        Calls.Add(spec);
        if (Throw(spec) is { } ex)
            throw ex;
        var target = Path.GetFileName(spec.Arguments[^1]);
        var (duration, fixture, rc) = Behaviour.TryGetValue(target, out var b) ? b : (TimeSpan.FromSeconds(1), "pass", 0);
        During(spec);
        var timedOut = duration > spec.Timeout;
        clock.Advance(timedOut ? spec.Timeout : duration);
        var args = spec.Arguments.ToList();
        var outDir = args[args.IndexOf("--outputdir") + 1];
        var output = args[args.IndexOf("--output") + 1];
        File.Copy(Path.Join(TestPaths.Fixtures, fixture, "output.xml"), Path.Join(outDir, output), overwrite: true);
        return new ProcessOutcome { ExitCode = timedOut ? 2 : rc, TimedOut = timedOut, Duration = duration };
    }
}
