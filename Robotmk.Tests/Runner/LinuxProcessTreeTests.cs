using System.Diagnostics;
using Robotmk.Runner.Processes;

namespace Robotmk.Tests.Runner;

/// <summary>
/// The runner's children, as the leftover cleanup finds them before and after each program: read from its threads'
/// children lists, they are the same as a scan of every process's parent in /proc finds, also for a child whose
/// starting thread has ended and for an orphan the runner adopted.
/// </summary>
[Platform("Linux")]
public class LinuxProcessTreeTests
{
    [Test]
    public void The_children_of_this_process_are_found_also_when_their_starting_thread_has_ended_and_when_adopted()
    {
        Assert.That(LinuxProcessTree.BecomeSubreaper(), Is.True);
        var started = new List<Process>();
        var adopted = 0;
        try
        {
            // Each started by a thread that ends right after: its child moves to a thread that lives.
            for (var i = 0; i < 3; i++)
            {
                var thread = new Thread(() =>
                {
                    var p = Process.Start(new ProcessStartInfo("sleep", "60") { UseShellExecute = false })!;
                    lock (started)
                        started.Add(p);
                });
                thread.Start();
                thread.Join();
            }
            // Orphaned by its shell at once, so adopted by this process (a child subreaper).
            adopted = Pids.StartDetached(new Dictionary<string, string>(), "sleep", "60");
            Pids.WaitUntil(() => LinuxProcessTree.Children(Environment.ProcessId).Contains(adopted), TimeSpan.FromSeconds(10), "the orphan was adopted");
            var expected = started.Select(p => p.Id).Append(adopted).ToList();

            var fromThreads = LinuxProcessTree.ChildrenOfSelf();
            var fromScan = LinuxProcessTree.Children(Environment.ProcessId);

            Assert.That(fromThreads, Is.SupersetOf(expected));
            Assert.That(fromScan, Is.SupersetOf(expected));
            // Other tests may start programs meanwhile; ours are listed by both ways alike.
        }
        finally
        {
            if (adopted != 0)
                LinuxProcessTree.KillAndReap([adopted]);
            foreach (var p in started)
            {
                p.Kill();
                p.WaitForExit();
                p.Dispose();
            }
        }
    }
}

/// <summary>
/// The next runner ends what a killed one left: also what a marked process starts between the look for marked
/// processes and their kill (it inherits the mark), as RF starting a process at that instant does.
/// </summary>
[Platform("Linux")]
[NonParallelizable]
public class EndMarkedTests
{
    [Test]
    public void Ends_the_processes_a_marked_process_starts_while_it_is_being_ended()
    {
        var entry = new KeyValuePair<string, string>("ROBOTMK_RUN_OWNER", "/end-marked-test/" + Guid.NewGuid());
        var env = new Dictionary<string, string> { [entry.Key] = entry.Value, ["PATH"] = "/usr/bin:/bin" };
        // Starts a process every instant, as long as it lives (bounded, should it survive the test).
        Pids.StartDetached(env, "sh", "-c", "i=0; while [ $i -lt 3000 ]; do sleep 300 & i=$((i+1)); done; wait");
        try
        {
            Pids.WaitUntil(() => Robotmk.Tests.Reliability.HostProcesses.WithEnvironment(entry.Key, entry.Value).Count >= 20,
                TimeSpan.FromSeconds(20), "the marked shell started processes");

            var ended = LinuxProcessTree.EndMarked($"{entry.Key}={entry.Value}");

            Assert.That(ended, Is.Not.Empty);
            var left = Robotmk.Tests.Reliability.HostProcesses.WithEnvironment(entry.Key, entry.Value).Where(p => Pids.IsAlive(p.Pid)).ToList();
            Assert.That(left, Is.Empty, string.Join("; ", left.Select(p => $"{p.Pid} {p.CommandLine}")));
        }
        finally
        {
            foreach (var p in Robotmk.Tests.Reliability.HostProcesses.WithEnvironment(entry.Key, entry.Value))
                Pids.Kill(p.Pid);
        }
    }
}
