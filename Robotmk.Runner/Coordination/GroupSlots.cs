using Robotmk.Config;

namespace Robotmk.Runner.Coordination;

/// <summary>
/// Pure: which waiting suite starts next. Up to <c>max_parallel</c> suites run at once, and never two of one group
/// (<see cref="SuiteSchedule.GroupOf"/>); the first waiting suite whose group is free goes, so the order of
/// <see cref="DueSuites"/> holds wherever the groups allow it.
/// </summary>
public sealed class GroupSlots(int maxParallel)
{
    private readonly Dictionary<string, int> _busy = new(StringComparer.Ordinal);

    /// <summary>Slot numbers in use, each suite running in one: a slot gives a running suite a folder no other running suite uses.</summary>
    private readonly SortedSet<int> _freeSlots = [.. Enumerable.Range(0, maxParallel)];

    public int Running => _busy.Count;

    /// <summary>The index in <paramref name="waiting"/> of the suite to start now; null when every slot is taken or every waiting suite's group runs.</summary>
    public int? Next(IReadOnlyList<DueSuite> waiting)
    {
        if (_freeSlots.Count == 0)
            return null;
        for (var i = 0; i < waiting.Count; i++)
        {
            if (!_busy.ContainsKey(SuiteSchedule.GroupOf(waiting[i].Suite)))
                return i;
        }
        return null;
    }

    /// <returns>The slot the suite runs in.</returns>
    public int Occupy(SuiteConfig suite)
    {
        var slot = _freeSlots.Min;
        _freeSlots.Remove(slot);
        _busy.Add(SuiteSchedule.GroupOf(suite), slot);
        return slot;
    }

    public void Release(SuiteConfig suite)
    {
        if (_busy.Remove(SuiteSchedule.GroupOf(suite), out var slot))
            _freeSlots.Add(slot);
    }
}
