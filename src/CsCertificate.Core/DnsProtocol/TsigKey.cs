// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System.Security.Cryptography;

namespace CsCertificate.DnsProtocol;

/// <summary>
/// A TSIG key (RFC 8945): its name, its HMAC algorithm and its secret. The secret never leaves this object but
/// as the HMAC's key: no message, record or log shows it.
/// </summary>
internal sealed class TsigKey
{
    private readonly byte[] _secret;

    private TsigKey(string name, string algorithm, string wireAlgorithm, byte[] secret)
    {
        Name = name;
        Algorithm = algorithm;
        WireAlgorithm = wireAlgorithm;
        _secret = secret;
    }

    /// <summary>Gets the key's name, as the server knows it.</summary>
    public string Name { get; }

    /// <summary>Gets the algorithm as BIND names it (hmac-sha256).</summary>
    public string Algorithm { get; }

    /// <summary>Gets the algorithm name TSIG sends (RFC 8945 §6: hmac-md5 has a longer one).</summary>
    public string WireAlgorithm { get; }

    /// <summary>The algorithms this client signs with; hmac-sha224 is left out, .NET Standard has no HMAC for it.</summary>
    public static string SupportedAlgorithms => "hmac-sha256, hmac-sha384, hmac-sha512, hmac-sha1, hmac-md5";

    /// <returns>The key, or null when the algorithm is not one of <see cref="SupportedAlgorithms"/>.</returns>
    public static TsigKey? Create(string name, string algorithm, byte[] secret)
    {
        string normalized = DnsName.Normalize(algorithm);
        string? wire = normalized switch
        {
            "hmac-md5" or "hmac-md5.sig-alg.reg.int" => "hmac-md5.sig-alg.reg.int",
            "hmac-sha1" or "hmac-sha256" or "hmac-sha384" or "hmac-sha512" => normalized,
            _ => null,
        };
        return wire == null ? null : new TsigKey(DnsName.Normalize(name), wire == "hmac-md5.sig-alg.reg.int" ? "hmac-md5" : normalized, wire, secret);
    }

    /// <summary>Whether an algorithm name in an answer is this key's.</summary>
    public bool IsAlgorithm(string wireName) => DnsName.AreEqual(wireName, WireAlgorithm);

    public byte[] ComputeMac(byte[] data)
    {
        using HMAC hmac = Algorithm switch
        {
            "hmac-md5" => new HMACMD5(_secret),
            "hmac-sha1" => new HMACSHA1(_secret),
            "hmac-sha384" => new HMACSHA384(_secret),
            "hmac-sha512" => new HMACSHA512(_secret),
            _ => new HMACSHA256(_secret),
        };
        return hmac.ComputeHash(data);
    }

    /// <summary>Names the key, never its secret.</summary>
    public override string ToString() => Name + " (" + Algorithm + ")";

    /// <summary>Compares MACs in constant time.</summary>
    public static bool MacEquals(byte[] a, byte[] b)
    {
        if (a.Length != b.Length)
        {
            return false;
        }

        int difference = 0;
        for (int i = 0; i < a.Length; i++)
        {
            difference |= a[i] ^ b[i];
        }

        return difference == 0;
    }
}
