// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System.Collections.Generic;
using System.IO;
using System.Text;
using Org.BouncyCastle.Asn1.Nist;
using Org.BouncyCastle.Asn1.Pkcs;
using Org.BouncyCastle.Pkcs;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.Utilities.IO.Pem;

namespace CsCertificate.Certificates;

/// <summary>
/// The PEM files Export-CsCertificate writes for web servers and reverse proxies (nginx, HAProxy): certificates,
/// and a PKCS#8 private key, encrypted with PBES2 (PBKDF2-HMAC-SHA256, AES-256-CBC) when a password is given.
/// </summary>
internal static class PemFiles
{
    /// <summary>OpenSSL 3's iteration count for an encrypted PKCS#8 key.</summary>
    private const int Iterations = 2048;

    private static readonly SecureRandom s_random = new SecureRandom();

    /// <summary>The certificates as CERTIFICATE blocks, in the order given.</summary>
    public static byte[] Certificates(IEnumerable<byte[]> certificates)
    {
        var objects = new List<PemObject>();
        foreach (byte[] certificate in certificates)
        {
            objects.Add(new PemObject("CERTIFICATE", certificate));
        }

        return Encode(objects);
    }

    /// <summary>The key as PRIVATE KEY, or as ENCRYPTED PRIVATE KEY when <paramref name="password"/> is given.</summary>
    public static byte[] PrivateKey(PrivateKeyInfo key, char[]? password)
    {
        if (password == null)
        {
            return Encode(new[] { new PemObject("PRIVATE KEY", key.GetDerEncoded()) });
        }

        byte[] salt = new byte[16];
        s_random.NextBytes(salt);
        EncryptedPrivateKeyInfo encrypted = EncryptedPrivateKeyInfoFactory.CreateEncryptedPrivateKeyInfo(
            NistObjectIdentifiers.IdAes256Cbc, PkcsObjectIdentifiers.IdHmacWithSha256, password, salt, Iterations, s_random, key);
        return Encode(new[] { new PemObject("ENCRYPTED PRIVATE KEY", encrypted.GetDerEncoded()) });
    }

    private static byte[] Encode(IEnumerable<PemObject> objects)
    {
        using var text = new StringWriter { NewLine = "\n" };
        var writer = new PemWriter(text);
        foreach (PemObject pem in objects)
        {
            writer.WriteObject(pem);
        }

        return Encoding.ASCII.GetBytes(text.ToString());
    }
}
