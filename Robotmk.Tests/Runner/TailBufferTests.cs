using Robotmk.Runner.Processes;

namespace Robotmk.Tests.Runner;

public class TailBufferTests
{
    [Test]
    public void Keeps_everything_below_capacity()
    {
        var t = new TailBuffer(16);
        t.Write("hello "u8);
        t.Write("world"u8);
        Assert.That(t.ToText(), Is.EqualTo("hello world"));
        Assert.That(t.TotalBytes, Is.EqualTo(11));
    }

    [Test]
    public void Keeps_only_the_last_bytes_across_many_writes()
    {
        var t = new TailBuffer(8);
        for (var i = 0; i < 100; i++)
            t.Write(System.Text.Encoding.ASCII.GetBytes(i.ToString("000")));
        Assert.That(t.ToText(), Is.EqualTo("…" + "97098099"[^8..]));
        Assert.That(t.TotalBytes, Is.EqualTo(300));
    }

    [Test]
    public void A_write_larger_than_capacity_keeps_its_tail()
    {
        var t = new TailBuffer(4);
        t.Write("ab"u8);
        t.Write("0123456789"u8);
        Assert.That(t.ToText(), Is.EqualTo("…6789"));
        t.Write("xy"u8);
        Assert.That(t.ToText(), Is.EqualTo("…89xy"));
    }

    [Test]
    public void Exactly_filling_the_buffer_is_handled()
    {
        var t = new TailBuffer(4);
        t.Write("abcd"u8);
        Assert.That(t.ToText(), Is.EqualTo("abcd"));
    }
}
