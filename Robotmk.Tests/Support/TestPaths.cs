namespace Robotmk.Tests.Support;

/// <summary>Locations the tests need: the repository root, the shared peers (real RF, real agent) and fixtures.</summary>
public static class TestPaths
{
    public static string RepoRoot { get; } = FindRepoRoot();

    /// <summary>../shared beside the repository, as in CI.</summary>
    public static string Shared => Path.GetFullPath(Path.Join(RepoRoot, "..", "shared"));

    public static string RobotBin => Path.Join(Shared, "peers", "robotframework", "bin");
    public static string Robot => Path.Join(RobotBin, "robot");
    public static string Rebot => Path.Join(RobotBin, "rebot");
    public static string Fixtures => Path.Join(Shared, "fixtures", "rf-7.4.2");
    public static string AgentPeer => Path.Join(Shared, "peers", "checkmk-agent");
    public static string Examples => Path.Join(RepoRoot, "examples");

    /// <summary>A program of this solution; the build copies every referenced program next to the test assembly.</summary>
    public static string ProgramDll(string assembly)
    {
        var dll = Path.Join(AppContext.BaseDirectory, assembly + ".dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException($"{assembly}.dll is not in the test output folder", dll);
    }

    /// <summary>Same as <see cref="ProgramDll(string)"/>; the project name is not needed.</summary>
    public static string ProgramDll(string project, string assembly) => ProgramDll(assembly);

    private static string FindRepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Join(dir.FullName, "Robotmk.sln")))
            dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Robotmk.sln not found above " + AppContext.BaseDirectory);
    }
}

/// <summary>A fresh temp folder per test, removed afterwards; nothing a test writes lands elsewhere.</summary>
public sealed class TempDir : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("robotmk-test-").FullName;

    public string Sub(string relative)
    {
        var p = System.IO.Path.Join(Path, relative);
        Directory.CreateDirectory(p);
        return p;
    }

    public string File(string relative, string content)
    {
        var p = System.IO.Path.Join(Path, relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(p)!);
        System.IO.File.WriteAllText(p, content);
        return p;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A process of the test may still hold a file for an instant; the OS temp cleaner removes the rest.
        }
    }
}

/// <summary>A clock the test moves by hand: time passing moves both readings, a wall clock change only the wall clock.</summary>
public sealed class FakeClock(DateTimeOffset start) : Robotmk.Time.IClock
{
    public DateTimeOffset UtcNow { get; set; } = start;
    public TimeSpan Monotonic { get; private set; } = TimeSpan.FromDays(1);

    /// <summary>Time passes.</summary>
    public void Advance(TimeSpan by)
    {
        UtcNow += by;
        Monotonic += by;
    }

    /// <summary>The wall clock is set (an NTP step, an admin, a resumed VM); no time passes.</summary>
    public void Jump(TimeSpan by) => UtcNow += by;
}
