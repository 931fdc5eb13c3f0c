// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using CsCertificate.Model;

namespace CsCertificate.Keys;

/// <summary>
/// The key a request asks for: the algorithm and, for RSA, the size in bits.
/// </summary>
/// <param name="Algorithm">The algorithm.</param>
/// <param name="RsaKeySize">The RSA key size; ignored for elliptic-curve keys.</param>
internal sealed record KeySpec(KeyAlgorithmIdentifier Algorithm, int RsaKeySize)
{
    public const int DefaultRsaKeySize = 2048;

    public bool IsRsa => Algorithm == KeyAlgorithmIdentifier.RSA;

    /// <summary>Gets the key size in bits: the RSA size or the curve's size.</summary>
    public int Bits => Algorithm switch
    {
        KeyAlgorithmIdentifier.ECDH_P256 => 256,
        KeyAlgorithmIdentifier.ECDH_P384 => 384,
        KeyAlgorithmIdentifier.ECDH_P521 => 521,
        _ => RsaKeySize,
    };

    /// <summary>Gets a description for messages: "RSA 2048" or "ECDH_P256".</summary>
    public override string ToString() => IsRsa ? "RSA " + RsaKeySize : Algorithm.ToString();
}
