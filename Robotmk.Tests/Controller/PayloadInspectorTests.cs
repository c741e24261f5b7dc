using System.Text;
using Robotmk.Config;
using Robotmk.Controller.Section;
using Robotmk.State;
using Robotmk.Sections;
using Robotmk.Tests.Support;

namespace Robotmk.Tests.Controller;

public sealed class PayloadInspectorTests
{
    private static RawJsonString Token(string content) => new(Encoding.UTF8.GetBytes("\"" + content + "\""));

    private static string Encoded(string fixture, string file, OutputEncoding encoding)
    {
        var bytes = File.ReadAllBytes(Path.Join(TestPaths.Fixtures, fixture, file));
        var s = PayloadCodec.Encode(bytes, encoding);
        // As stored in JSON: utf_8 text needs its escapes, the base64 alphabet needs none.
        return encoding == OutputEncoding.Utf8 ? System.Text.Json.JsonSerializer.Serialize(s)[1..^1] : s;
    }

    [TestCase("pass", "output.xml")]
    [TestCase("nonascii", "output.xml")]
    [TestCase("big", "output.xml")]
    [TestCase("pass", "log.html")]
    public void RecognisesEachEncodingOfRealOutputs(string fixture, string file)
    {
        Assert.That(PayloadInspector.Detect(Token(Encoded(fixture, file, OutputEncoding.ZlibCodec))), Is.EqualTo("zlib_codec"));
        Assert.That(PayloadInspector.Detect(Token(Encoded(fixture, file, OutputEncoding.Base64Codec))), Is.EqualTo("base64_codec"));
        Assert.That(PayloadInspector.Detect(Token(Encoded(fixture, file, OutputEncoding.Utf8))), Is.EqualTo("utf_8"));
    }

    [TestCase(OutputEncoding.ZlibCodec, "zlib_codec")]
    [TestCase(OutputEncoding.Base64Codec, "base64_codec")]
    [TestCase(OutputEncoding.Utf8, "utf_8")]
    public void AMatchingPayloadHasNoProblem(OutputEncoding encoding, string name) =>
        Assert.That(PayloadInspector.Problem(Token(Encoded("nonascii", "output.xml", encoding)), name, "output.xml"), Is.Null);

    [Test]
    public void AMismatchIsNamed()
    {
        var zlib = Token(Encoded("pass", "output.xml", OutputEncoding.ZlibCodec));

        Assert.That(PayloadInspector.Problem(zlib, "utf_8", "output.xml"),
            Is.EqualTo("the stored output.xml is encoded as zlib_codec, but the section declares utf_8 (agent_output_encoding was changed); the next run of the suite stores it anew"));
    }

    [Test]
    public void TruncatedBase64_Empty_AndInvalidUtf8_AreProblems()
    {
        var b64 = Encoded("pass", "output.xml", OutputEncoding.Base64Codec);
        Assert.That(PayloadInspector.Problem(Token(b64[..^1]), "base64_codec", "output.xml"), Does.Contain("truncated"));
        Assert.That(PayloadInspector.Problem(Token(""), "zlib_codec", "output.xml"), Is.EqualTo("the stored output.xml is empty"));
        var invalid = new RawJsonString(new byte[] { (byte)'"', (byte)'<', 0xC3, (byte)'"' });
        Assert.That(PayloadInspector.Problem(invalid, "utf_8", "output.xml"), Is.EqualTo("the stored output.xml is not valid UTF-8"));
    }
}
