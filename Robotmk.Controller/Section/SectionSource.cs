using Robotmk.Controller.State;
using Robotmk.State;
using Robotmk.Time;

namespace Robotmk.Controller.Section;

/// <summary>
/// What a section is made of, read from the state folder: the runner view first, then each suite's entry, lazily, one
/// state file at a time. Shared by the agent section and <c>robotmk status</c>, so both always tell the same story.
/// </summary>
public sealed class SectionSource(StateFolder folder, IClock clock, string productVersion, long maxPayloadBytes, TextWriter diagnostics)
{
    public RunnerView ReadRunnerView()
    {
        var runnerRead = folder.ReadRunner();
        var suiteFiles = runnerRead is RunnerStateRead.Loaded ? [] : folder.ListSuiteIds();
        return RunnerViewBuilder.Build(runnerRead, suiteFiles, clock.UtcNow, productVersion);
    }

    public IEnumerable<SuiteEntry> ReadSuiteEntries(RunnerView view)
    {
        var builder = new SuiteEntryBuilder(view, maxPayloadBytes);
        foreach (var suite in view.Suites)
            yield return BuildGuarded(builder, suite);
    }

    /// <summary>The boundary of one suite: whatever goes wrong with it becomes its fatal entry, the others are unaffected.</summary>
    private SuiteEntry BuildGuarded(SuiteEntryBuilder builder, SuiteSnapshot suite)
    {
        try
        {
            var read = suite.ExternalDir is { } external ? folder.ReadExternalSuite(suite.Id, external) : folder.ReadSuite(suite.Id);
            return builder.Build(suite, read);
        }
        catch (Exception ex)
        {
            diagnostics.WriteLine($"robotmk: suite {suite.Id}: internal error: {ex}");
            return builder.Build(suite, new SuiteStateRead.Unreadable(StateFiles.SuiteFile(folder.Path, suite.Id),
                $"internal error of the controller: {ex.GetType().Name}: {ex.Message}"));
        }
    }
}
