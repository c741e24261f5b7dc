using System.Text;
using Robotmk.Config;
using Robotmk.Tests.Support;
using static Robotmk.Tests.Config.ConfigTestSupport;

namespace Robotmk.Tests.Config;

/// <summary>Reading robotmk.yml from disk: what can be wrong with the file itself.</summary>
public class ConfigLoaderTests
{
    private TempDir _tmp = null!;

    [SetUp]
    public void SetUp() => _tmp = new TempDir();

    [TearDown]
    public void TearDown() => _tmp.Dispose();

    private string WriteBytes(byte[] bytes)
    {
        var file = Path.Join(_tmp.Path, "robotmk.yml");
        File.WriteAllBytes(file, bytes);
        return file;
    }

    private string SuiteDirYaml() => $"global:\n  robotdir: {_tmp.Sub("robot")}\nsuites: {{}}\n";

    [Test]
    public void Missing_file_is_an_error_naming_it_and_the_ways_to_point_elsewhere()
    {
        var file = Path.Join(_tmp.Path, "nope.yml");
        var r = ConfigLoader.Load(file, LinuxDefaults);
        var e = r.SingleError();
        Assert.That(r.Config, Is.Null);
        Assert.That(e.File, Is.EqualTo(file));
        Assert.That(e.Position.IsKnown, Is.False);
        Assert.That(e.Message, Does.Contain("does not exist").And.Contain("ROBOTMK_CONFIG"));
        Assert.That(e.ToString(), Does.StartWith($"{file}: error: '{file}' does not exist"));
    }

    [Test]
    public void Folder_instead_of_a_file_is_an_error()
    {
        var dir = _tmp.Sub("robotmk.yml");
        var r = ConfigLoader.Load(dir, LinuxDefaults);
        Assert.That(r.Config, Is.Null);
        Assert.That(r.SingleError().Message, Does.Contain("is a folder"));
    }

    [Test]
    public void Empty_file_is_an_error_at_its_start()
    {
        var r = ConfigLoader.Load(WriteBytes([]), LinuxDefaults);
        Assert.That(r.Config, Is.Null);
        Assert.That(r.SingleError().Position, Is.EqualTo(new SourcePosition(1, 1)));
        Assert.That(r.SingleError().Message, Does.Contain("the file is empty"));
    }

    [Test]
    public void Invalid_utf8_is_an_error_at_the_first_bad_byte()
    {
        var bytes = Encoding.UTF8.GetBytes("global:\n  robotdir: /opt/r").Concat(new byte[] { 0xE9 }).Concat(Encoding.UTF8.GetBytes("bot\n")).ToArray();
        var r = ConfigLoader.Load(WriteBytes(bytes), LinuxDefaults);
        Assert.That(r.Config, Is.Null);
        Assert.That(r.SingleError().Position, Is.EqualTo(new SourcePosition(2, 19)));
        Assert.That(r.SingleError().Message, Does.Contain("not valid UTF-8"));
    }

    [Test]
    public void Invalid_utf8_column_counts_characters_not_bytes()
    {
        var bytes = Encoding.UTF8.GetBytes("# Ümläut\nglobal: {robotdir: /ü/").Concat(new byte[] { 0xFF, 0x41 }).ToArray();
        var r = ConfigLoader.Load(WriteBytes(bytes), LinuxDefaults);
        Assert.That(r.SingleError().Position, Is.EqualTo(new SourcePosition(2, 23)));
    }

    [Test]
    public void Truncated_multibyte_sequence_at_the_end_is_an_error()
    {
        var bytes = Encoding.UTF8.GetBytes("suites: {a: {path: a}}\n# ").Concat(new byte[] { 0xE2, 0x82 }).ToArray();
        var r = ConfigLoader.Load(WriteBytes(bytes), LinuxDefaults);
        Assert.That(r.SingleError().Position, Is.EqualTo(new SourcePosition(2, 3)));
    }

    [Test]
    public void Byte_order_mark_is_accepted()
    {
        var bytes = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes(SuiteDirYaml())).ToArray();
        var r = ConfigLoader.Load(WriteBytes(bytes), LinuxDefaults);
        Assert.That(r.HasErrors, Is.False, r.Describe());
        Assert.That(r.Config!.Global.RobotDir, Is.EqualTo(Path.Join(_tmp.Path, "robot")));
    }

    [Test]
    public void Non_ascii_text_is_read_as_utf8_whatever_the_locale()
    {
        var robot = _tmp.Sub("robot");
        Directory.CreateDirectory(Path.Join(robot, "kasse"));
        var file = _tmp.File("robotmk.yml", $"global: {{robotdir: {robot}}}\nsuites:\n  kasse:\n    path: kasse\n    robot_params: {{name: Kassenprüfung – 東京}}\n");
        var r = ConfigLoader.Load(file, LinuxDefaults);
        Assert.That(r.Problems, Is.Empty, r.Describe());
        Assert.That(r.Suite("kasse").RobotParams.Name, Is.EqualTo("Kassenprüfung – 東京"));
    }

    [Test]
    public void Oversized_file_is_refused_before_parsing()
    {
        var file = Path.Join(_tmp.Path, "robotmk.yml");
        using (var f = File.Create(file))
            f.SetLength(ConfigLoader.MaxFileBytes + 1);
        var r = ConfigLoader.Load(file, LinuxDefaults);
        Assert.That(r.Config, Is.Null);
        Assert.That(r.SingleError().Message, Does.Contain("larger than"));
    }

    [Test]
    public void Relative_folders_are_taken_relative_to_the_file()
    {
        var file = _tmp.File("conf/robotmk.yml", "global: {robotdir: suites, outputdir: ../out}\nsuites: {}\n");
        _tmp.Sub("conf/suites");
        var g = ConfigLoader.Load(file, LinuxDefaults).Config!.Global;
        Assert.That(g.RobotDir, Is.EqualTo(Path.Join(_tmp.Path, "conf", "suites")));
        Assert.That(g.OutputDir, Is.EqualTo(Path.Join(_tmp.Path, "out")));
        Assert.That(g.LogDir, Is.EqualTo(Path.Join(_tmp.Path, "out")));
    }
}
