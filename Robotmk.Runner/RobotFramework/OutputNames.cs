namespace Robotmk.Runner.RobotFramework;

/// <summary>
/// File names of RF outputs in outputdir (v1 naming): <c>robotframework_&lt;id&gt;_&lt;epoch&gt;[_attempt-&lt;n&gt;]_output.xml</c>,
/// the id as <see cref="Config.SuiteId.FileName"/> encodes it.
/// </summary>
public sealed record OutputNames(string SuiteId, long Epoch)
{
    public const string Prefix = "robotframework_";

    public string AttemptOutput(int attempt) => $"{Stem}_attempt-{attempt}_output.xml";
    public string AttemptLog(int attempt) => $"{Stem}_attempt-{attempt}_log.html";
    public string FinalOutput => $"{Stem}_output.xml";
    public string FinalLog => $"{Stem}_log.html";

    private string Stem => $"{Prefix}{Config.SuiteId.FileName(SuiteId)}_{Epoch}";
}
