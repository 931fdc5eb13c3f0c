// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System.Linq;
using System.Security.Cryptography;

namespace CsCertificate.Keys;

/// <summary>
/// Identifies a key by the SHA-256 of its DER SubjectPublicKeyInfo, which a request and the certificate issued
/// for it share; that is how certreq -accept pairs them too.
/// </summary>
internal static class PublicKeyId
{
    public static string Of(byte[] subjectPublicKeyInfo)
    {
        using var sha = SHA256.Create();
        return string.Concat(sha.ComputeHash(subjectPublicKeyInfo).Select(b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)));
    }
}
