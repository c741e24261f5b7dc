using Robotmk.Time;

namespace Robotmk.Runner.Coordination;

/// <summary>
/// Starts the due suites of one run by <see cref="GroupSlots"/> and waits for them. Deciding whether a suite starts
/// (<c>admit</c>: not disabled, fits into the budget…) and everything reported about it happens on the calling
/// thread, in the order suites start and finish; only the suite's own work runs beside the others. With
/// <c>max_parallel</c> 1 it runs on the calling thread too, one suite after another, as v1 did.
/// </summary>
public sealed class SuiteScheduler<T>(int maxParallel, IClock clock)
{
    /// <summary>Time in which at least one suite ran: the run's time in suites, however many ran at once.</summary>
    public TimeSpan BusyTime { get; private set; }

    /// <param name="admit">Whether the suite starts now, and if so its work, given the slot it runs in; null: it does not start (admit has recorded why).</param>
    /// <param name="finished">Called with what the work gave, after it ended.</param>
    public void Run(IReadOnlyList<DueSuite> due, Func<DueSuite, int, Func<T>?> admit, Action<DueSuite, T> finished)
    {
        var slots = new GroupSlots(maxParallel);
        var waiting = due.ToList();
        var running = new List<(Task<T> Work, DueSuite Suite)>();
        var busySince = TimeSpan.Zero;
        while (waiting.Count > 0 || running.Count > 0)
        {
            while (slots.Next(waiting) is { } next)
            {
                var suite = waiting[next];
                waiting.RemoveAt(next);
                var slot = slots.Occupy(suite.Suite);
                if (admit(suite, slot) is not { } work)
                {
                    slots.Release(suite.Suite);
                    continue;
                }
                if (running.Count == 0)
                    busySince = clock.Monotonic;
                if (maxParallel == 1)
                {
                    var result = work();
                    BusyTime += clock.Monotonic - busySince;
                    slots.Release(suite.Suite);
                    finished(suite, result);
                    continue;
                }
                running.Add((Task.Factory.StartNew(work, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default), suite));
            }
            if (running.Count == 0)
                continue;
            var done = Task.WaitAny([.. running.Select(r => (Task)r.Work)]);
            var (task, ended) = running[done];
            running.RemoveAt(done);
            slots.Release(ended.Suite);
            if (running.Count == 0)
                BusyTime += clock.Monotonic - busySince;
            // The work catches what a suite can throw; anything else is a bug that must not go unseen.
            finished(ended, task.GetAwaiter().GetResult());
        }
    }
}
