namespace Robotmk.Text;

/// <summary>The one text encoding of every file and output of this product: UTF-8, never with a byte order mark.</summary>
public static class Utf8
{
    public static readonly System.Text.UTF8Encoding NoBom = new(encoderShouldEmitUTF8Identifier: false);
}
