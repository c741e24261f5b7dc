namespace Robotmk.Runner.RobotFramework;

/// <summary>How one RF attempt ended, in the terms of the section: usable output or a precise error.</summary>
public sealed record AttemptVerdict(int Attempt, bool Usable, int Rc, string? Error, bool TimedOut)
{
    public OutputXmlReport? Output { get; init; }
}
