using Robotmk.Sections;

namespace Robotmk.Tests.Sections;

public sealed class SectionTextTests
{
    [TestCase("a\nb", "a b")]
    [TestCase("a\r\n\r\nb\n", "a b")]
    [TestCase("a\u2028b\u2029c\u0085d\vx\fy", "a b c d x y")]
    [TestCase("tab\there  and   spaces", "tab here and spaces")]
    [TestCase("\n  leading", "leading")]
    [TestCase("Prüfung 🚀", "Prüfung 🚀")]
    public void ErrorsBecomeOneLine(string input, string expected) =>
        Assert.That(SectionText.OneLine(input), Is.EqualTo(expected));

    [Test]
    public void LongErrorsAreCut()
    {
        var s = SectionText.OneLine(new string('x', 5000));
        Assert.That(s, Has.Length.EqualTo(SectionText.MaxErrorLength));
        Assert.That(s, Does.EndWith("..."));
    }
}
