// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.Security.Cryptography;
using System.Text;
using CsCertificate.Keys;
using CsCertificate.Model;

namespace CsCertificate.CaClient.Acme;

/// <summary>
/// The ES256 (P-256) key of an ACME account: its JWK, its RFC 7638 thumbprint, and JWS signatures.
/// </summary>
internal sealed class AcmeAccountKey : IDisposable
{
    private readonly KeyPair _keyPair;
    private readonly ECDsa _key;

    private AcmeAccountKey(KeyPair keyPair)
    {
        _keyPair = keyPair;
        _key = (ECDsa)keyPair.Key;
        ECParameters p = _key.ExportParameters(false);

        // RFC 7638: the required members in lexicographic order, no white space.
        Jwk = JsonText.Object(("crv", "P-256"), ("kty", "EC"), ("x", Base64Url.Encode(p.Q.X!)), ("y", Base64Url.Encode(p.Q.Y!)));
        using var sha = SHA256.Create();
        Thumbprint = Base64Url.Encode(sha.ComputeHash(Encoding.UTF8.GetBytes(Jwk)));
    }

    /// <summary>Gets the public key as a JWK (JSON).</summary>
    public string Jwk { get; }

    /// <summary>Gets the base64url SHA-256 thumbprint of the JWK, which key authorizations end with.</summary>
    public string Thumbprint { get; }

    public static AcmeAccountKey Create() => new AcmeAccountKey(KeyGenerator.Generate(new KeySpec(KeyAlgorithmIdentifier.ECDH_P256, KeySpec.DefaultRsaKeySize)));

    /// <exception cref="CryptographicException">The PEM is not a P-256 private key.</exception>
    public static AcmeAccountKey FromPkcs8Pem(string pem)
    {
        KeyPair pair = KeyPair.FromPkcs8Pem(pem);
        if (pair.Spec.Algorithm != KeyAlgorithmIdentifier.ECDH_P256)
        {
            pair.Dispose();
            throw new CryptographicException("An ACME account key must be a P-256 key.");
        }

        return new AcmeAccountKey(pair);
    }

    public string ToPkcs8Pem() => _keyPair.ToPkcs8Pem();

    /// <summary>Signs a JWS signing input with ES256: the signature is r||s (64 bytes), not DER (RFC 7518 §3.4).</summary>
    public byte[] Sign(string signingInput) => _key.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256);

    public void Dispose() => _keyPair.Dispose();
}
