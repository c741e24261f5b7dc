using Robotmk.Config;
using Robotmk.Runner.Results;
using Robotmk.State;
using Robotmk.Tests.Support;

namespace Robotmk.Tests.Results;

public class ResultStoreTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);

    internal static ResultDocument Document(string suiteId, string runId, string state = RunState.Passed) => new()
    {
        RunId = runId, Host = "host1", SuiteId = suiteId, State = state, Attempts = 1, MaxAttempts = 1,
    };

    private static string Store(ResultStore store, string suite, DateTimeOffset start)
    {
        var doc = Document(suite, new RunIds().Next(start));
        return store.Write(doc, doc.ToJsonBytes());
    }

    [Test]
    public void Documents_are_written_per_suite_folder_for_their_owner_only()
    {
        using var tmp = new TempDir();
        var store = new ResultStore(tmp.Path);
        var file = Store(store, "Checkout Prod", Now);
        Assert.That(file, Is.EqualTo(Path.Join(tmp.Path, "results", "%43heckout%20%50rod", "20261206T120000.000000Z.json")));
        ResultSchema.AssertValid(File.ReadAllText(file));
        if (OperatingSystem.IsLinux())
        {
            Assert.That(File.GetUnixFileMode(file), Is.EqualTo(OwnerOnly.FileMode));
            Assert.That(File.GetUnixFileMode(Path.GetDirectoryName(file)!), Is.EqualTo(OwnerOnly.DirectoryMode));
        }
    }

    [Test]
    public void Pruning_deletes_documents_of_runs_older_than_the_days_and_nothing_else()
    {
        using var tmp = new TempDir();
        var store = new ResultStore(tmp.Path);
        var old = Store(store, "a", Now.AddDays(-15));
        var oldOther = Store(store, "b", Now.AddDays(-14).AddMinutes(-1));
        var recent = Store(store, "a", Now.AddDays(-14).AddMinutes(1));
        var notes = tmp.File(Path.Join("results", "a", "notes.json"), "{}");
        // Written long ago but named as a recent run: the run's time counts, not the file's.
        File.SetLastWriteTimeUtc(recent, Now.AddDays(-100).UtcDateTime);

        var (deleted, problems) = store.Prune(14, Now);

        Assert.That((deleted, problems), Is.EqualTo((2, new List<string>())));
        Assert.That(File.Exists(old) || File.Exists(oldOther), Is.False);
        Assert.That(File.Exists(recent) && File.Exists(notes), Is.True);
    }

    [Test]
    public void Zero_days_keeps_everything()
    {
        using var tmp = new TempDir();
        var store = new ResultStore(tmp.Path);
        var old = Store(store, "a", Now.AddYears(-3));
        Assert.That(store.Prune(0, Now).Deleted, Is.Zero);
        Assert.That(File.Exists(old));
    }

    [Test]
    public void The_newest_id_is_the_latest_run_of_any_suite()
    {
        using var tmp = new TempDir();
        var store = new ResultStore(tmp.Path);
        Assert.That(store.NewestId(), Is.Null);
        Store(store, "a", Now);
        Store(store, "b", Now.AddHours(1));
        Store(store, "a", Now.AddHours(-2));
        Assert.That(store.NewestId(), Is.EqualTo("20261206T130000.000000Z"));
    }
}

public class ResultDocumentBuilderTests
{
    private static SuiteResult Result(ResultStatus status, int rc, bool timedOut = false) => new()
    {
        Id = "s", Status = status, Rc = rc, TimedOut = timedOut, Attempts = 1,
        StartTime = "2026-12-06T12:00:00.000000+00:00", EndTime = "2026-12-06T12:00:01.000000+00:00", Duration = 1.0,
    };

    private static RunStatistics Top(string status) => new([new SuiteStatistics("S", "s1", status, 1, 0, 0, 1)], [], 0);

    [TestCase(ResultStatus.NonFatal, 0, false, "PASS", RunState.Passed)]
    [TestCase(ResultStatus.NonFatal, 0, false, "SKIP", RunState.Skipped)]
    [TestCase(ResultStatus.NonFatal, 3, false, "FAIL", RunState.Failed)]
    [TestCase(ResultStatus.Fatal, 252, false, null, RunState.Error)]
    [TestCase(ResultStatus.Fatal, -1, true, null, RunState.Timeout)]
    public void The_state_follows_the_result(ResultStatus status, int rc, bool timedOut, string? top, string expected)
    {
        Assert.That(ResultDocumentBuilder.StateOf(Result(status, rc, timedOut), top is null ? null : Top(top)), Is.EqualTo(expected));
    }

    [Test]
    public void A_signal_is_named_only_for_a_fatal_result_with_rc_128_plus_signal()
    {
        Assert.That(ResultDocumentBuilder.SignalOf(Result(ResultStatus.Fatal, 137)), Is.EqualTo(9));
        Assert.That(ResultDocumentBuilder.SignalOf(Result(ResultStatus.NonFatal, 137)), Is.Null, "137 failed tests");
        Assert.That(ResultDocumentBuilder.SignalOf(Result(ResultStatus.Fatal, 252)), Is.Null);
    }

    [Test]
    public void The_schema_check_rejects_what_the_schema_does_not_allow()
    {
        var doc = ResultStoreTests.Document("s", "20261206T120000.000000Z") with { State = "green" };
        Assert.That(ResultSchema.Problems(System.Text.Encoding.UTF8.GetString(doc.ToJsonBytes())), Has.Some.Contains("$.state"));
        var bad = ResultStoreTests.Document("s", "2026-12-06");
        Assert.That(ResultSchema.Problems(System.Text.Encoding.UTF8.GetString(bad.ToJsonBytes())), Has.Some.Contains("$.run_id"));
    }
}
