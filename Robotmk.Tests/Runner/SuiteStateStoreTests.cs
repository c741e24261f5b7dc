using Robotmk.Runner.State;
using Robotmk.State;
using Robotmk.Tests.Support;
using Robotmk.Time;

namespace Robotmk.Tests.Runner;

/// <summary>What the runner does with a suite's state file around a run: a result is never lost on the way.</summary>
public sealed class SuiteStateStoreTests
{
    private static readonly DateTimeOffset T = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    private static readonly SuiteResult Result = new()
    {
        Id = "a", Status = ResultStatus.NonFatal, StartTime = Iso8601.Format(T), EndTime = Iso8601.Format(T.AddSeconds(5)),
        Path = "a", Xml = RawJsonString.FromText("eJwrzs8tyM9LLU5VKEnNKwEAJIQE+A=="), Rc = 0, Attempts = 1, MaxExecutions = 1,
    };

    [Test]
    public void Marking_running_keeps_the_previous_result_and_marking_not_running_restores_done()
    {
        using var temp = new TempDir();
        var store = new SuiteStateStore(temp.Path, new FakeClock(T.AddMinutes(5)), w => Assert.Fail(w));
        store.WriteDone(Result);

        store.MarkRunning("a", "r2");
        var running = store.TryRead("a")!;
        store.MarkNotRunning("a");

        Assert.That((running.State, running.RunningRunId, running.Result), Is.EqualTo((SuiteRunState.Running, "r2", Result)));
        Assert.That(store.TryRead("a"), Is.EqualTo(new SuiteState { Id = "a", State = SuiteRunState.Done, Result = Result, LastStart = Iso8601.Format(T.AddMinutes(5)) }));
    }

    [Test]
    public void A_deferral_keeps_the_result_and_the_first_deferral_time_until_the_suite_starts_and_the_start_is_kept_when_done()
    {
        using var temp = new TempDir();
        var clock = new FakeClock(T);
        var store = new SuiteStateStore(temp.Path, clock, w => Assert.Fail(w));
        store.WriteDone(Result);

        store.MarkDeferred("a");
        clock.Advance(TimeSpan.FromMinutes(1));
        store.MarkDeferred("a");
        var deferred = store.TryRead("a")!;
        clock.Advance(TimeSpan.FromMinutes(1));
        var start = store.MarkRunning("a", "r3");
        store.WriteDone(Result, start);

        Assert.That((deferred.DeferredSince, deferred.Result), Is.EqualTo((Iso8601.Format(T), Result)));
        Assert.That(store.TryRead("a"), Is.EqualTo(new SuiteState { Id = "a", State = SuiteRunState.Done, Result = Result, LastStart = Iso8601.Format(T.AddMinutes(2)) }));
    }

    [Test]
    public void A_suite_deferred_before_its_first_run_is_pending()
    {
        using var temp = new TempDir();
        var store = new SuiteStateStore(temp.Path, new FakeClock(T), w => Assert.Fail(w));

        store.MarkDeferred("a");

        Assert.That(store.TryRead("a"), Is.EqualTo(new SuiteState { Id = "a", State = SuiteRunState.Pending, DeferredSince = Iso8601.Format(T) }));
    }

    [TestCase("{\"schema\":2,\"id\":\"a\",\"state\":\"done\",\"result\":null}", "written by a newer version")]
    [TestCase("{\"id\":\"a\",\"state\":\"done\",\"result\":{\"status\":\"nonfatal\",\"duration\":1e999}}", "a number out of range")]
    [TestCase("{\"id\":\"a\",\"res", "cut")]
    public void An_unreadable_file_is_left_as_it_is_until_a_result_replaces_it(string content, string what)
    {
        using var temp = new TempDir();
        var warnings = new List<string>();
        var store = new SuiteStateStore(temp.Path, new FakeClock(T), warnings.Add);
        var file = StateFiles.SuiteFile(temp.Path, "a");
        File.WriteAllText(file, content);

        store.MarkRunning("a", "r2");
        store.MarkNotRunning("a");

        Assert.That(File.ReadAllText(file), Is.EqualTo(content), $"{what}: not replaced by a state without result");
        Assert.That(warnings, Has.All.Contains("unreadable and will be replaced by the next result"));
        store.WriteDone(Result);
        Assert.That(store.TryRead("a")!.Result, Is.EqualTo(Result));
    }

    [Test]
    public void A_file_with_a_byte_order_mark_is_read()
    {
        using var temp = new TempDir();
        var store = new SuiteStateStore(temp.Path, new FakeClock(T), w => Assert.Fail(w));
        store.WriteDone(Result);
        var file = StateFiles.SuiteFile(temp.Path, "a");
        File.WriteAllBytes(file, [0xEF, 0xBB, 0xBF, .. File.ReadAllBytes(file)]);

        Assert.That(store.TryRead("a")!.Result, Is.EqualTo(Result));
    }
}
