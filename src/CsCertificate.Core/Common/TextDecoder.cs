// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System.IO;
using System.Text;

namespace CsCertificate.Common;

/// <summary>
/// Reads the text files that Windows and Unix tools write (topology documents, certificate files): a byte order
/// mark wins (UTF-8, UTF-16 LE/BE, UTF-32 LE/BE); without one, a NUL in exactly one of the first two bytes means
/// UTF-16 without its mark (certreq -unicodetext, PowerShell 5.1's Out-File), and anything else is UTF-8. Every
/// decoder is strict: bytes that are not text in the encoding throw <see cref="DecoderFallbackException"/>, they
/// never become U+FFFD.
/// </summary>
internal static class TextDecoder
{
    /// <summary>How many bytes <see cref="Detect"/> looks at: the longest byte order mark.</summary>
    public const int HeadLength = 4;

    /// <summary>The encoding of a text that starts with these bytes, and the length of its byte order mark.</summary>
    /// <param name="head">The first bytes of the text.</param>
    /// <param name="count">How many of them there are (fewer than <see cref="HeadLength"/> for a short text).</param>
    /// <param name="byteOrderMarkLength">The length of the byte order mark, which is not part of the text; 0 without one.</param>
    public static Encoding Detect(byte[] head, int count, out int byteOrderMarkLength)
    {
        bool Starts(params byte[] prefix)
        {
            if (count < prefix.Length)
            {
                return false;
            }

            for (int i = 0; i < prefix.Length; i++)
            {
                if (head[i] != prefix[i])
                {
                    return false;
                }
            }

            return true;
        }

        // UTF-32 LE first: its mark begins with UTF-16 LE's.
        (Encoding Encoding, int Mark) found =
            Starts(0xFF, 0xFE, 0x00, 0x00) ? (new UTF32Encoding(bigEndian: false, byteOrderMark: false, throwOnInvalidCharacters: true), 4)
            : Starts(0x00, 0x00, 0xFE, 0xFF) ? (new UTF32Encoding(bigEndian: true, byteOrderMark: false, throwOnInvalidCharacters: true), 4)
            : Starts(0xEF, 0xBB, 0xBF) ? (Utf8, 3)
            : Starts(0xFF, 0xFE) ? (Utf16(bigEndian: false), 2)
            : Starts(0xFE, 0xFF) ? (Utf16(bigEndian: true), 2)
            : count >= 2 && head[0] != 0 && head[1] == 0 ? (Utf16(bigEndian: false), 0)
            : count >= 2 && head[0] == 0 && head[1] != 0 ? (Utf16(bigEndian: true), 0)
            : (Utf8, 0);
        byteOrderMarkLength = found.Mark;
        return found.Encoding;
    }

    /// <summary>The text of a file's bytes, without its byte order mark.</summary>
    /// <returns>The text, or null when the bytes are not text in the encoding they start with.</returns>
    public static string? Decode(byte[] content)
    {
        Encoding encoding = Detect(content, content.Length < HeadLength ? content.Length : HeadLength, out int mark);
        try
        {
            return encoding.GetString(content, mark, content.Length - mark);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

    /// <summary>
    /// A reader of the text from the stream's position on, past its byte order mark; the stream stays open. A
    /// read of bytes that are not text throws <see cref="DecoderFallbackException"/>.
    /// </summary>
    /// <param name="stream">A seekable stream.</param>
    public static TextReader Open(Stream stream)
    {
        long start = stream.Position;
        var head = new byte[HeadLength];
        int count = 0;
        int read;
        while (count < HeadLength && (read = stream.Read(head, count, HeadLength - count)) > 0)
        {
            count += read;
        }

        Encoding encoding = Detect(head, count, out int mark);
        stream.Position = start + mark;
        return new StreamReader(stream, encoding, detectEncodingFromByteOrderMarks: false, bufferSize: 64 * 1024, leaveOpen: true);
    }

    private static Encoding Utf8 => new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static Encoding Utf16(bool bigEndian) => new UnicodeEncoding(bigEndian, byteOrderMark: false, throwOnInvalidBytes: true);
}
