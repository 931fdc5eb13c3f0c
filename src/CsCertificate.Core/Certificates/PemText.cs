// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Text;

namespace CsCertificate.Certificates;

/// <summary>
/// Finds PEM blocks in text and decodes base64 strictly. Text outside the blocks is ignored, as OpenSSL does, so
/// "Bag Attributes" lines and the output of "openssl x509 -text" do not get in the way.
/// </summary>
/// <remarks>
/// The scan is by position, not by line, so a block pasted onto one line (web forms, environment variables)
/// is found as well.
/// </remarks>
internal static class PemText
{
    private const string BeginMarker = "-----BEGIN ";
    private const string Dashes = "-----";

    /// <summary>The longest label accepted; RFC 7468 labels are a few words.</summary>
    private const int MaxLabelLength = 64;

    /// <summary>Gets a value indicating whether the text holds a PEM BEGIN boundary.</summary>
    public static bool HasBlocks(string text) => text.IndexOf(BeginMarker, StringComparison.Ordinal) >= 0;

    /// <summary>
    /// Returns the blocks in order, at most <paramref name="maxBlocks"/> + 1 so that the caller can tell that there
    /// were too many. A block without an END boundary is returned last, with <see cref="PemBlock.IsTerminated"/> false.
    /// </summary>
    public static List<PemBlock> Parse(string text, int maxBlocks)
    {
        var blocks = new List<PemBlock>();
        int pos = 0;
        int line = 1;
        int lineCountedTo = 0;
        while (blocks.Count <= maxBlocks)
        {
            int begin = text.IndexOf(BeginMarker, pos, StringComparison.Ordinal);
            if (begin < 0)
            {
                break;
            }

            int labelStart = begin + BeginMarker.Length;
            int labelEnd = text.IndexOf(Dashes, labelStart, StringComparison.Ordinal);
            string? label = labelEnd < 0 ? null : text.Substring(labelStart, labelEnd - labelStart);
            if (label == null || !IsLabel(label))
            {
                // Not a boundary (a dashed line in prose, say): look further on.
                pos = labelStart;
                continue;
            }

            line += CountLines(text, lineCountedTo, begin);
            lineCountedTo = begin;
            int bodyStart = labelEnd + Dashes.Length;
            string endMarker = "-----END " + label + Dashes;
            int end = text.IndexOf(endMarker, bodyStart, StringComparison.Ordinal);
            if (end < 0)
            {
                blocks.Add(new PemBlock(label, line, string.Empty, IsTerminated: false));
                break;
            }

            blocks.Add(new PemBlock(label, line, text.Substring(bodyStart, end - bodyStart), IsTerminated: true));
            pos = end + endMarker.Length;
        }

        return blocks;
    }

    /// <summary>
    /// Decodes base64 that may be wrapped on any line length, skipping RFC 1421 header lines ("Name: value").
    /// </summary>
    /// <returns>The bytes, or null when the text is empty or not base64.</returns>
    public static byte[]? DecodeBase64(string body)
    {
        var clean = new StringBuilder(body.Length);
        int lineStart = 0;
        while (lineStart <= body.Length)
        {
            int lineEnd = body.IndexOf('\n', lineStart);
            if (lineEnd < 0)
            {
                lineEnd = body.Length;
            }

            // A colon never occurs in base64, so a line that holds one is a header line.
            if (body.IndexOf(':', lineStart, lineEnd - lineStart) < 0)
            {
                for (int i = lineStart; i < lineEnd; i++)
                {
                    char c = body[i];
                    if (IsBase64Character(c))
                    {
                        clean.Append(c);
                    }
                    else if (!char.IsWhiteSpace(c))
                    {
                        return null;
                    }
                }
            }

            lineStart = lineEnd + 1;
        }

        if (clean.Length == 0 || clean.Length % 4 != 0)
        {
            return null;
        }

        try
        {
            return Convert.FromBase64String(clean.ToString());
        }
        catch (FormatException)
        {
            // Padding in the middle, for instance.
            return null;
        }
    }

    private static bool IsBase64Character(char c) =>
        (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/' || c == '=';

    /// <summary>RFC 7468 labels: printable ASCII on one line, neither starting nor ending with a hyphen.</summary>
    private static bool IsLabel(string label)
    {
        if (label.Length == 0 || label.Length > MaxLabelLength || label[0] == '-' || label[label.Length - 1] == '-')
        {
            return false;
        }

        foreach (char c in label)
        {
            if (c < 0x20 || c > 0x7E)
            {
                return false;
            }
        }

        return true;
    }

    private static int CountLines(string text, int from, int to)
    {
        int count = 0;
        for (int i = from; i < to; i++)
        {
            if (text[i] == '\n')
            {
                count++;
            }
        }

        return count;
    }
}
