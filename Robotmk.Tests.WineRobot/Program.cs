using System.Diagnostics;

namespace Robotmk.Tests.WineRobot;

/// <summary>
/// A fake Robot Framework for Windows programs under Wine. Published as robot.exe and copied as rebot.exe; it writes
/// real RF output files copied from the fixtures (FAKE_RF_FIXTURES) and does what its suite file says:
/// <code>
/// case: pass                 fixture case whose output.xml the run writes (relative to FAKE_RF_FIXTURES)
/// rc: 0                      exit code
/// rerun_case: rerun/attempt-2, rerun_rc: 0   the same for a --rerunfailed run
/// child: true                start a child (a copy of this program, "--fake-child SUITE-child" on its command line,
///                            so a test finds it) that runs until it is ended
/// hang: true                 run until ended, after starting the child, before writing anything
/// </code>
/// Helper mode for the tests: <c>--fake-hold FILE MS</c> (hold FILE open without delete sharing until its writer's temp file appears, then MS more).
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("windows")]
public static class Program
{
    public static int Main(string[] args)
    {
        if (args is ["--fake-hold", var file, var ms])
            return Hold(file, TimeSpan.FromMilliseconds(int.Parse(ms, System.Globalization.CultureInfo.InvariantCulture)));
        if (args is ["--fake-child", _])
            Thread.Sleep(Timeout.Infinite);
        var self = Path.GetFileNameWithoutExtension(Environment.ProcessPath ?? "robot");
        return self.Equals("rebot", StringComparison.OrdinalIgnoreCase) ? Rebot(args) : Robot(args);
    }

    private static int Robot(string[] args)
    {
        var directives = File.ReadAllLines(args[^1])
            .Select(l => l.Split(':', 2, StringSplitOptions.TrimEntries))
            .Where(p => p.Length == 2)
            .ToDictionary(p => p[0], p => p[1]);
        var rerun = Option(args, "--rerunfailed") is not null;
        if (directives.GetValueOrDefault("child") == "true")
            StartChild(Path.GetFileNameWithoutExtension(args[^1]) + "-child");
        if (directives.GetValueOrDefault("hang") == "true")
            Thread.Sleep(Timeout.Infinite);
        var fixture = directives[rerun && directives.ContainsKey("rerun_case") ? "rerun_case" : "case"];
        WriteOutput(args, fixture);
        return int.Parse(directives.GetValueOrDefault(rerun ? "rerun_rc" : "rc", "0"), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>rebot --merge: the merged output.xml of the fixture case the attempts came from (their suite source).</summary>
    private static int Rebot(string[] args)
    {
        var firstInput = args[^1];
        var source = System.Text.RegularExpressions.Regex.Match(File.ReadAllText(firstInput), "source=\"/opt/robots/([^/\"]+)/").Groups[1].Value;
        WriteOutput(args, source);
        return 0;
    }

    private static void WriteOutput(string[] args, string fixtureCase)
    {
        var fixtures = Environment.GetEnvironmentVariable("FAKE_RF_FIXTURES") ?? throw new InvalidOperationException("FAKE_RF_FIXTURES is not set");
        var target = Path.Combine(Option(args, "--outputdir") ?? ".", Option(args, "--output") ?? "output.xml");
        File.Copy(Path.Combine(fixtures, fixtureCase, "output.xml"), target, overwrite: true);
    }

    private static string? Option(string[] args, string name)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
    }

    private static void StartChild(string name)
    {
        var psi = new ProcessStartInfo(Environment.ProcessPath!) { UseShellExecute = false };
        psi.ArgumentList.Add("--fake-child");
        psi.ArgumentList.Add(name);
        using var child = Process.Start(psi)!;
    }

    /// <summary>Holds the file open as a reader that does not allow deletion (a virus scanner, an indexer) until the
    /// writer's temp file for it appears in the folder (the writer is about to replace it), then for <paramref name="more"/>.</summary>
    private static int Hold(string file, TimeSpan more)
    {
        var dir = Path.GetDirectoryName(Path.GetFullPath(file))!;
        var tempPattern = "." + Path.GetFileName(file) + ".tmp-*";
        using (new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read))
        {
            Console.Out.WriteLine("held");
            Console.Out.Flush();
            var deadline = Stopwatch.StartNew();
            while (Directory.GetFiles(dir, tempPattern).Length == 0)
            {
                if (deadline.Elapsed > TimeSpan.FromSeconds(120))
                    return 2;
                Thread.Sleep(5);
            }
            Thread.Sleep(more);
        }
        return 0;
    }

}
