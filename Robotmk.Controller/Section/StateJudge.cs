using Robotmk.Controller.State;
using Robotmk.State;
using Robotmk.Time;

namespace Robotmk.Controller.Section;

/// <summary>
/// Reads the state folder and judges it: the runner view first, then each suite's entry, lazily, one state file at a
/// time. Shared by the agent section and <c>robotmk status</c>, so both always tell the same story.
/// </summary>
public sealed class StateJudge(StateFolder folder, IClock clock, string productVersion, long maxPayloadBytes, TextWriter diagnostics)
{
    public RunnerView JudgeRunner()
    {
        var runnerRead = folder.ReadRunner();
        var suiteFiles = runnerRead is RunnerStateRead.Loaded ? [] : folder.ListSuiteIds();
        return RunnerAssessor.Assess(runnerRead, suiteFiles, clock.UtcNow, productVersion);
    }

    public IEnumerable<SuiteEntry> JudgeSuites(RunnerView view)
    {
        var decider = new SuiteEntryDecider(view, maxPayloadBytes);
        foreach (var suite in view.Suites)
            yield return DecideGuarded(decider, suite);
    }

    /// <summary>The boundary of one suite: whatever goes wrong with it becomes its fatal entry, the others are unaffected.</summary>
    private SuiteEntry DecideGuarded(SuiteEntryDecider decider, SuiteSnapshot suite)
    {
        try
        {
            return decider.Decide(suite, folder.ReadSuite(suite.Id));
        }
        catch (Exception ex)
        {
            diagnostics.WriteLine($"robotmk: suite {suite.Id}: internal error: {ex}");
            return decider.Decide(suite, new SuiteStateRead.Unreadable(StateFiles.SuiteFile(folder.Path, suite.Id),
                $"internal error of the controller: {ex.GetType().Name}: {ex.Message}"));
        }
    }
}
