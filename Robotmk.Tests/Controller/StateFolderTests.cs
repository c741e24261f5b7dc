using Robotmk.Controller.State;
using Robotmk.State;
using Robotmk.Tests.Controller.Support;
using Robotmk.Tests.Support;

namespace Robotmk.Tests.Controller;

public sealed class StateFolderTests
{
    private static readonly DateTimeOffset T = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    [Test]
    public void AMissingFolder_IsNotAnError()
    {
        using var temp = new TempDir();
        var folder = new StateFolder(Path.Join(temp.Path, "nope"), 1000);

        Assert.That(folder.ReadRunner(), Is.InstanceOf<RunnerStateRead.FolderMissing>());
        Assert.That(folder.ReadSuite("a"), Is.InstanceOf<SuiteStateRead.Missing>());
        Assert.That(folder.ListSuiteIds(), Is.Empty);
    }

    [Test]
    public void ReadsTheRunnersFiles()
    {
        using var temp = new TempDir();
        var b = new StateBuilder(temp.Path).Suite("a");
        b.IdleRunner(T, T.AddMinutes(1));
        b.Done(b.Result("a", "pass", 0, T, T.AddMinutes(1)));
        var folder = new StateFolder(temp.Path, 1_000_000);

        Assert.That(((RunnerStateRead.Loaded)folder.ReadRunner()).State.Config!.Suites.Single().Id, Is.EqualTo("a"));
        Assert.That(((SuiteStateRead.Loaded)folder.ReadSuite("a")).Suite.Result!.Rc, Is.EqualTo(0));
    }

    [Test]
    public void AFileOverTheLimit_IsNotRead()
    {
        using var temp = new TempDir();
        var b = new StateBuilder(temp.Path).Suite("a");
        b.Done(b.Result("a", "big", 5, T, T.AddMinutes(1)));
        var size = new FileInfo(b.SuitePath("a")).Length;

        var read = new StateFolder(temp.Path, size - 1).ReadSuite("a");

        Assert.That(read, Is.EqualTo(new SuiteStateRead.TooLarge(b.SuitePath("a"), size, size - 1)));
        Assert.That(new StateFolder(temp.Path, size).ReadSuite("a"), Is.InstanceOf<SuiteStateRead.Loaded>());
    }

    [Test]
    public void UnreadableAndCorruptFiles_GiveTheReason()
    {
        using var temp = new TempDir();
        Directory.CreateDirectory(StateFiles.SuiteFile(temp.Path, "dir"));
        temp.File("robotmk_runner.json", "{\"status\":\"idle\"}");
        var folder = new StateFolder(temp.Path, 1000);

        Assert.That(folder.ReadSuite("dir"), Is.InstanceOf<SuiteStateRead.Unreadable>());
        Assert.That(((RunnerStateRead.Unreadable)folder.ReadRunner()).Reason, Is.EqualTo("'start_time': missing"));
    }

    [TestCase("../escape", "robotmk_..%2Fescape.json")]
    [TestCase("a/b", "robotmk_a%2Fb.json")]
    [TestCase("Sub Smoke", "robotmk_%53ub%20%53moke.json")]
    public void AnIdThatIsNoFileName_IsReadFromItsEncodedFileInTheFolder(string id, string fileName)
    {
        using var temp = new TempDir();
        var b = new StateBuilder(temp.Path).Suite(id);
        b.Done(b.Result(id, "pass", 0, T, T.AddMinutes(1)));
        var folder = new StateFolder(temp.Path, 1_000_000);

        var read = folder.ReadSuite(id);

        Assert.That(read, Is.InstanceOf<SuiteStateRead.Loaded>());
        Assert.That(read.File, Is.EqualTo(Path.Join(temp.Path, fileName)));
        Assert.That(((SuiteStateRead.Loaded)read).Suite.Id, Is.EqualTo(id));
        Assert.That(folder.ListSuiteIds(), Is.EqualTo(new[] { id }));
    }

    [TestCase("", "an empty suite id")]
    [TestCase("runner", "reserved")]
    public void AnIdThatCannotNameASuite_IsNeverOpened(string id, string reason)
    {
        using var temp = new TempDir();
        var read = new StateFolder(temp.Path, 1000).ReadSuite(id);

        Assert.That(read, Is.InstanceOf<SuiteStateRead.Unreadable>());
        Assert.That(((SuiteStateRead.Unreadable)read).Reason, Does.Contain(reason));
    }

    [Test]
    public void ListsSuiteFilesOnly()
    {
        using var temp = new TempDir();
        temp.File("robotmk_runner.json", "{}");
        temp.File("robotmk_runner.lock", "1");
        temp.File("robotmk_b.json", "{}");
        temp.File("robotmk_a.json", "{}");
        temp.File(".robotmk_a.json.tmp-1-abc", "{}");
        temp.File("other.json", "{}");

        Assert.That(new StateFolder(temp.Path, 1000).ListSuiteIds(), Is.EqualTo(new[] { "a", "b" }));
    }
}
