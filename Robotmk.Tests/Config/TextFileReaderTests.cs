using System.Text;
using Robotmk.Config;
using Robotmk.Tests.Support;

namespace Robotmk.Tests.Config;

/// <summary>The one bounded, strict UTF-8 read of robotmk.yml and the bakery's rule file.</summary>
public class TextFileReaderTests
{
    /// <summary>Writes <paramref name="content"/> to a file of its own and reads it back.</summary>
    private static TextFileRead ReadBack(byte[] content, long maxBytes = 1024)
    {
        using var tmp = new TempDir();
        var file = Path.Join(tmp.Path, "file.yml");
        File.WriteAllBytes(file, content);
        return TextFileReader.Read(file, maxBytes);
    }

    [Test]
    public void Utf8_text_is_read_without_its_byte_order_mark() =>
        Assert.That(ReadBack([0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("a: Prüfung – 東京\n")]),
            Is.EqualTo(new TextFileRead.Text("a: Prüfung – 東京\n")));

    [Test]
    public void A_missing_file_and_a_folder_are_told_apart()
    {
        using var tmp = new TempDir();
        Assert.That(TextFileReader.Read(Path.Join(tmp.Path, "nothing.yml"), 1024), Is.TypeOf<TextFileRead.Missing>());
        Assert.That(TextFileReader.Read(tmp.Sub("folder"), 1024), Is.TypeOf<TextFileRead.IsFolder>());
    }

    [Test]
    public void A_device_is_not_a_file_and_is_refused_without_being_read()
    {
        if (OperatingSystem.IsWindows())
            Assert.Ignore("no /dev on Windows");
        Assert.That(TextFileReader.Read("/dev/zero", 1024), Is.EqualTo(new TextFileRead.NotRegular("a character device")));
        Assert.That(TextFileReader.Read("/dev/null", 1024), Is.EqualTo(new TextFileRead.NotRegular("a character device")));
    }

    [Test]
    public void A_file_up_to_the_limit_is_read_and_a_larger_one_refused_with_its_size()
    {
        Assert.That(ReadBack(Encoding.UTF8.GetBytes("0123456789"), maxBytes: 10), Is.TypeOf<TextFileRead.Text>());
        Assert.That(ReadBack(Encoding.UTF8.GetBytes("0123456789A"), maxBytes: 10), Is.EqualTo(new TextFileRead.TooLarge(11)));
    }

    [Test]
    public void Invalid_utf8_is_refused_at_the_line_and_column_of_the_first_bad_byte() =>
        Assert.That(ReadBack([.. Encoding.UTF8.GetBytes("# Ümläut\nkey: /ü/"), 0xFF, 0x41]),
            Is.EqualTo(new TextFileRead.NotUtf8(new SourcePosition(2, 9))));

    [Test]
    public void A_truncated_sequence_at_the_end_is_invalid() =>
        Assert.That(ReadBack([0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("a\nb"), 0xE2, 0x82]),
            Is.EqualTo(new TextFileRead.NotUtf8(new SourcePosition(2, 2))));
}
