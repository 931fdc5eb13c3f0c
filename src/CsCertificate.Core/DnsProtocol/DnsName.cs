// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Text;

namespace CsCertificate.DnsProtocol;

/// <summary>
/// Domain names as the dns-01 client handles them: dotted text without the final dot, compared without case.
/// Labels are printable ASCII without dots (host names, "_acme-challenge", "*"); anything else in an answer is
/// refused rather than escaped, since no name this module asks about needs it.
/// </summary>
internal static class DnsName
{
    /// <summary>The longest name in wire format (RFC 1035 §2.3.4).</summary>
    public const int MaxWireLength = 255;

    private const int MaxLabelLength = 63;

    /// <summary>The name without its final dot and in lower case; the root is the empty string.</summary>
    public static string Normalize(string name)
    {
        string trimmed = name.Trim();
        if (trimmed.EndsWith(".", StringComparison.Ordinal))
        {
            trimmed = trimmed.Substring(0, trimmed.Length - 1);
        }

        return trimmed.ToLowerInvariant();
    }

    public static bool AreEqual(string a, string b) => string.Equals(Normalize(a), Normalize(b), StringComparison.Ordinal);

    /// <summary>Whether <paramref name="name"/> is <paramref name="zone"/> or a name below it.</summary>
    public static bool IsAtOrBelow(string name, string zone)
    {
        string n = Normalize(name);
        string z = Normalize(zone);
        return z.Length == 0 || n == z || n.EndsWith("." + z, StringComparison.Ordinal);
    }

    /// <summary>The name one label up; the root has none.</summary>
    public static string? Parent(string name)
    {
        string n = Normalize(name);
        if (n.Length == 0)
        {
            return null;
        }

        int dot = n.IndexOf('.');
        return dot < 0 ? string.Empty : n.Substring(dot + 1);
    }

    /// <summary>The labels of a name, checked for what wire format allows.</summary>
    /// <exception cref="ArgumentException">A label is empty, too long or has a character this client does not send.</exception>
    public static IReadOnlyList<string> Labels(string name)
    {
        string n = name.Trim();
        if (n.EndsWith(".", StringComparison.Ordinal))
        {
            n = n.Substring(0, n.Length - 1);
        }

        var labels = new List<string>();
        if (n.Length == 0)
        {
            return labels;
        }

        int wireLength = 1;
        foreach (string label in n.Split('.'))
        {
            if (label.Length == 0 || label.Length > MaxLabelLength)
            {
                throw new ArgumentException("\"" + name + "\" is not a valid DNS name.", nameof(name));
            }

            foreach (char c in label)
            {
                if (c <= ' ' || c > '~' || c == '\\')
                {
                    throw new ArgumentException("\"" + name + "\" is not a valid DNS name.", nameof(name));
                }
            }

            wireLength += label.Length + 1;
            labels.Add(label);
        }

        if (wireLength > MaxWireLength)
        {
            throw new ArgumentException("\"" + name + "\" is longer than a DNS name may be.", nameof(name));
        }

        return labels;
    }

    /// <summary>Decodes one label of an answer.</summary>
    /// <exception cref="FormatException">The label has a byte this client does not read.</exception>
    public static string ReadLabel(byte[] message, int offset, int length)
    {
        for (int i = offset; i < offset + length; i++)
        {
            byte b = message[i];
            if (b <= (byte)' ' || b > (byte)'~' || b == (byte)'.' || b == (byte)'\\')
            {
                throw new FormatException("A DNS name in the answer has a label with a byte this client does not read.");
            }
        }

        return Encoding.ASCII.GetString(message, offset, length);
    }
}
