namespace Robotmk.Runner.Processes;

/// <summary>
/// How a <see cref="ProcessSpec"/> can instead be started warm (Linux): forked from a Python process that has imported
/// RF already (<see cref="WarmLauncher"/>), running RF's entry point <paramref name="Entry"/> (<c>robot</c> or <c>rebot</c>)
/// with the spec's arguments after the first <paramref name="SkipArguments"/> (those that start RF, e.g. <c>-m robot</c>).
/// Everything else (working folder, environment, timeout, supervision, outcome) is the spec's, as when spawned.
/// </summary>
public sealed record WarmStart(string Python, string Entry, int SkipArguments);
