// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.Linq;

namespace CsCertificate.CaClient.Acme;

/// <summary>
/// Base64url without padding (RFC 7515 §2), which every ACME field uses.
/// </summary>
internal static class Base64Url
{
    public static string Encode(byte[] data) =>
        Convert.ToBase64String(data).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>
    /// Whether a text is base64url as RFC 7515 §2 writes it: its alphabet only, no padding, and a length that
    /// decodes to whole bytes.
    /// </summary>
    public static bool IsStrict(string text) =>
        text.Length > 0 && text.Length % 4 != 1 && text.All(IsAlphabet);

    /// <summary>Whether a character belongs to the base64url alphabet (RFC 4648 §5).</summary>
    public static bool IsAlphabet(char c) =>
        (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';

    /// <exception cref="FormatException">The text is not base64url.</exception>
    public static byte[] Decode(string text)
    {
        string base64 = text.Trim().Replace('-', '+').Replace('_', '/');
        switch (base64.Length % 4)
        {
            case 2:
                base64 += "==";
                break;
            case 3:
                base64 += "=";
                break;
            case 1:
                throw new FormatException("The text is not base64url: its length is impossible.");
        }

        return Convert.FromBase64String(base64);
    }
}
