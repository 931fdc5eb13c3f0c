// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System.IO;
using System.Linq;
using System.Text;
using CsCertificate.Common;
using Xunit;

namespace CsCertificate.Tests.Common;

/// <summary>
/// The one text decoder of topology documents and certificate files: the byte order mark wins, a NUL in one of
/// the first two bytes means UTF-16 without a mark, anything else is UTF-8, and no decoder invents characters.
/// </summary>
public sealed class TextDecoderTests
{
    private const string Text = "<Topology Name=\"Contoso – Zürich\" />";

    [Theory]
    [InlineData("utf-8")]
    [InlineData("utf-8-bom")]
    [InlineData("utf-16le-bom")]
    [InlineData("utf-16be-bom")]
    [InlineData("utf-16le")]
    [InlineData("utf-16be")]
    [InlineData("utf-32le-bom")]
    [InlineData("utf-32be-bom")]
    public void ReadsEveryEncodingWithoutItsByteOrderMark(string encoding)
    {
        byte[] bytes = Encode(Text, encoding);

        Assert.Equal(Text, TextDecoder.Decode(bytes));
        using var stream = new MemoryStream(bytes);
        using TextReader reader = TextDecoder.Open(stream);
        Assert.Equal(Text, reader.ReadToEnd());
    }

    [Fact]
    public void OpensTheTextFromTheStreamsPosition()
    {
        byte[] bytes = new byte[] { 1, 2, 3 }.Concat(Encode(Text, "utf-16le-bom")).ToArray();
        using var stream = new MemoryStream(bytes) { Position = 3 };

        using TextReader reader = TextDecoder.Open(stream);

        Assert.Equal(Text, reader.ReadToEnd());
    }

    [Theory]
    [InlineData(new byte[] { 0x41, 0xC3 })] // UTF-8 cut in the middle of a character
    [InlineData(new byte[] { 0xFF, 0xFE, 0x00, 0xD8, 0x41, 0x00 })] // UTF-16 with a lone high surrogate
    [InlineData(new byte[] { 0xFF, 0xFE, 0x00, 0x00, 0x00, 0x00, 0x11, 0x00 })] // UTF-32 beyond U+10FFFF
    public void BytesThatAreNotTextAreRefusedNotReplaced(byte[] bytes)
    {
        Assert.Null(TextDecoder.Decode(bytes));
        using var stream = new MemoryStream(bytes);
        using TextReader reader = TextDecoder.Open(stream);
        Assert.Throws<DecoderFallbackException>(() => reader.ReadToEnd());
    }

    [Theory]
    [InlineData(new byte[0], "")]
    [InlineData(new byte[] { 0x41 }, "A")]
    [InlineData(new byte[] { 0xEF, 0xBB, 0xBF }, "")]
    public void ShortTextsAreUtf8(byte[] bytes, string text)
    {
        Assert.Equal(text, TextDecoder.Decode(bytes));
    }

    private static byte[] Encode(string text, string encoding)
    {
        (Encoding Encoding, bool Mark) chosen = encoding switch
        {
            "utf-8" => (new UTF8Encoding(false), false),
            "utf-8-bom" => (new UTF8Encoding(true), true),
            "utf-16le-bom" => (Encoding.Unicode, true),
            "utf-16be-bom" => (Encoding.BigEndianUnicode, true),
            "utf-16le" => (Encoding.Unicode, false),
            "utf-16be" => (Encoding.BigEndianUnicode, false),
            "utf-32le-bom" => (Encoding.UTF32, true),
            _ => (new UTF32Encoding(bigEndian: true, byteOrderMark: true), true),
        };
        return (chosen.Mark ? chosen.Encoding.GetPreamble() : new byte[0]).Concat(chosen.Encoding.GetBytes(text)).ToArray();
    }
}
