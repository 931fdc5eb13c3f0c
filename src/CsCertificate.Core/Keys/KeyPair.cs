// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.Security.Cryptography;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Pkcs;
using Org.BouncyCastle.Asn1.Sec;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Asn1.X9;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Pkcs;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.Utilities.IO.Pem;
using Org.BouncyCastle.X509;
using PemReader = Org.BouncyCastle.Utilities.IO.Pem.PemReader;
using PemWriter = Org.BouncyCastle.Utilities.IO.Pem.PemWriter;

namespace CsCertificate.Keys;

/// <summary>
/// A key pair held by the platform's own provider (CNG on Windows, OpenSSL elsewhere). The private key never
/// becomes a BouncyCastle signer: signing stays with the platform; BouncyCastle only encodes.
/// </summary>
/// <remarks>
/// The encodings a new request needs (the SubjectPublicKeyInfo and the PKCS#8 key file) are built from the
/// platform's exported parameters, never through BouncyCastle's key parameter objects: making an
/// RsaKeyParameters runs a managed Miller-Rabin test on the modulus (tens of milliseconds for RSA 2048, hundreds
/// for 4096, each time), and BouncyCastle's PKCS#8 writer recomputes an EC public key with managed point
/// arithmetic (about 8 ms for P-256), although the platform has just generated both. The bytes are the same.
/// </remarks>
internal sealed class KeyPair : IDisposable
{
    private readonly AsymmetricAlgorithm _key;
    private SubjectPublicKeyInfo? _publicKeyInfo;

    public KeyPair(KeySpec spec, AsymmetricAlgorithm key)
    {
        Spec = spec;
        _key = key;
    }

    public KeySpec Spec { get; }

    /// <summary>Gets the public key as a BouncyCastle parameter, for the CSR.</summary>
    public AsymmetricKeyParameter PublicKey
    {
        get
        {
            if (_key is RSA rsa)
            {
                RSAParameters p = rsa.ExportParameters(false);
                return new RsaKeyParameters(false, Unsigned(p.Modulus), Unsigned(p.Exponent));
            }

            ECParameters ec = ((ECDsa)_key).ExportParameters(false);
            ECNamedDomainParameters domain = Domain();
            return new ECPublicKeyParameters(domain.Curve.CreatePoint(Unsigned(ec.Q.X), Unsigned(ec.Q.Y)), domain);
        }
    }

    /// <summary>Gets the SubjectPublicKeyInfo of the key, for the request (built once).</summary>
    public SubjectPublicKeyInfo PublicKeyInfo => _publicKeyInfo ??= CreatePublicKeyInfo();

    /// <summary>Gets the DER SubjectPublicKeyInfo, which identifies the key in certificates and requests.</summary>
    public byte[] SubjectPublicKeyInfo => PublicKeyInfo.GetDerEncoded();

    /// <summary>Gets the signature algorithm used with this key: SHA256withRSA (never PSS), or ECDSA with the curve's hash.</summary>
    public AlgorithmIdentifier SignatureAlgorithm => Spec.Algorithm switch
    {
        Model.KeyAlgorithmIdentifier.ECDH_P256 => new AlgorithmIdentifier(X9ObjectIdentifiers.ECDsaWithSha256),
        Model.KeyAlgorithmIdentifier.ECDH_P384 => new AlgorithmIdentifier(X9ObjectIdentifiers.ECDsaWithSha384),
        Model.KeyAlgorithmIdentifier.ECDH_P521 => new AlgorithmIdentifier(X9ObjectIdentifiers.ECDsaWithSha512),
        _ => new AlgorithmIdentifier(PkcsObjectIdentifiers.Sha256WithRsaEncryption, DerNull.Instance),
    };

    /// <summary>Signs data with the algorithm of <see cref="SignatureAlgorithm"/>; ECDSA signatures are DER-encoded.</summary>
    public byte[] Sign(byte[] data)
    {
        if (_key is RSA rsa)
        {
            return rsa.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        }

        HashAlgorithmName hash = Spec.Algorithm switch
        {
            Model.KeyAlgorithmIdentifier.ECDH_P384 => HashAlgorithmName.SHA384,
            Model.KeyAlgorithmIdentifier.ECDH_P521 => HashAlgorithmName.SHA512,
            _ => HashAlgorithmName.SHA256,
        };

        // .NET returns r||s (IEEE P1363); X.509 wants SEQUENCE { r INTEGER, s INTEGER }.
        byte[] raw = ((ECDsa)_key).SignData(data, hash);
        int half = raw.Length / 2;
        return new DerSequence(
            new DerInteger(new BigInteger(1, raw, 0, half)),
            new DerInteger(new BigInteger(1, raw, half, half))).GetDerEncoded();
    }

    /// <summary>Writes the private key as an unencrypted PKCS#8 PEM ("PRIVATE KEY"), for an owner-only file.</summary>
    public string ToPkcs8Pem()
    {
        using var writer = new System.IO.StringWriter();
        new PemWriter(writer).WriteObject(new PemObject("PRIVATE KEY", PrivateKeyInfo.GetDerEncoded()));
        return writer.ToString();
    }

    /// <summary>
    /// Gets the private key as PKCS#8, to package it with its certificate (PKCS#12, PEM). It is exported from the
    /// platform each time: the key object never holds it.
    /// </summary>
    /// <exception cref="CryptographicException">The provider does not give the key out in the clear.</exception>
    public PrivateKeyInfo PrivateKeyInfo => CreatePrivateKeyInfo();

    /// <summary>Gets the platform key, to attach it to an issued certificate.</summary>
    public AsymmetricAlgorithm Key => _key;

    /// <summary>Wraps the key of a certificate that a store holds: RSA, or ECDSA on P-256, P-384 or P-521.</summary>
    /// <exception cref="CryptographicException">The key is of another kind.</exception>
    public static KeyPair FromPlatformKey(AsymmetricAlgorithm key) => key switch
    {
        RSA rsa => new KeyPair(new KeySpec(Model.KeyAlgorithmIdentifier.RSA, rsa.KeySize), rsa),
        ECDsa { KeySize: 256 } ec => new KeyPair(new KeySpec(Model.KeyAlgorithmIdentifier.ECDH_P256, KeySpec.DefaultRsaKeySize), ec),
        ECDsa { KeySize: 384 } ec => new KeyPair(new KeySpec(Model.KeyAlgorithmIdentifier.ECDH_P384, KeySpec.DefaultRsaKeySize), ec),
        ECDsa { KeySize: 521 } ec => new KeyPair(new KeySpec(Model.KeyAlgorithmIdentifier.ECDH_P521, KeySpec.DefaultRsaKeySize), ec),
        _ => throw new CryptographicException("The key is of a kind this module does not use."),
    };

    /// <summary>Reads a PKCS#8 PEM private key written by <see cref="ToPkcs8Pem"/> back into the platform's provider.</summary>
    /// <exception cref="CryptographicException">The text is not an RSA or P-256/384/521 private key.</exception>
    public static KeyPair FromPkcs8Pem(string pem)
    {
        PemObject? pemObject;
        using (var reader = new System.IO.StringReader(pem))
        {
            pemObject = new PemReader(reader).ReadPemObject();
        }

        if (pemObject == null || pemObject.Type != "PRIVATE KEY")
        {
            throw new CryptographicException("The key file does not hold a PKCS#8 private key.");
        }

        AsymmetricKeyParameter parameter = PrivateKeyFactory.CreateKey(pemObject.Content);
        if (parameter is RsaPrivateCrtKeyParameters rsa)
        {
            RSA key = KeyGenerator.CreateRsa(rsa.Modulus.BitLength);
            key.ImportParameters(new RSAParameters
            {
                Modulus = rsa.Modulus.ToByteArrayUnsigned(),
                Exponent = rsa.PublicExponent.ToByteArrayUnsigned(),
                D = Pad(rsa.Exponent, rsa.Modulus),
                P = Pad(rsa.P, rsa.Modulus, half: true),
                Q = Pad(rsa.Q, rsa.Modulus, half: true),
                DP = Pad(rsa.DP, rsa.Modulus, half: true),
                DQ = Pad(rsa.DQ, rsa.Modulus, half: true),
                InverseQ = Pad(rsa.QInv, rsa.Modulus, half: true),
            });
            return new KeyPair(new KeySpec(Model.KeyAlgorithmIdentifier.RSA, rsa.Modulus.BitLength), key);
        }

        if (parameter is ECPrivateKeyParameters ec && ec.Parameters is ECNamedDomainParameters named)
        {
            (Model.KeyAlgorithmIdentifier algorithm, ECCurve curve) = named.Name switch
            {
                _ when named.Name.Equals(ECNamedCurveTable.GetOid("P-384")) => (Model.KeyAlgorithmIdentifier.ECDH_P384, ECCurve.NamedCurves.nistP384),
                _ when named.Name.Equals(ECNamedCurveTable.GetOid("P-521")) => (Model.KeyAlgorithmIdentifier.ECDH_P521, ECCurve.NamedCurves.nistP521),
                _ when named.Name.Equals(ECNamedCurveTable.GetOid("P-256")) => (Model.KeyAlgorithmIdentifier.ECDH_P256, ECCurve.NamedCurves.nistP256),
                _ => throw new CryptographicException("The key is on a curve this module does not use."),
            };
            int size = (named.Curve.FieldSize + 7) / 8;
            Org.BouncyCastle.Math.EC.ECPoint q = named.G.Multiply(ec.D).Normalize();
            ECDsa key = ECDsa.Create(new ECParameters
            {
                Curve = curve,
                D = ec.D.ToByteArrayUnsigned().PadLeft(size),
                Q = new ECPoint
                {
                    X = q.AffineXCoord.ToBigInteger().ToByteArrayUnsigned().PadLeft(size),
                    Y = q.AffineYCoord.ToBigInteger().ToByteArrayUnsigned().PadLeft(size),
                },
            });
            return new KeyPair(new KeySpec(algorithm, KeySpec.DefaultRsaKeySize), key);
        }

        throw new CryptographicException("The key file holds a key type this module does not use.");
    }

    public void Dispose() => _key.Dispose();

    /// <summary>
    /// The SubjectPublicKeyInfo as SubjectPublicKeyInfoFactory writes it: rsaEncryption with NULL parameters and
    /// an RSAPublicKey; for EC keys (cheap to validate) the factory itself.
    /// </summary>
    private SubjectPublicKeyInfo CreatePublicKeyInfo()
    {
        if (_key is RSA rsa)
        {
            RSAParameters p = rsa.ExportParameters(false);
            return new SubjectPublicKeyInfo(
                new AlgorithmIdentifier(PkcsObjectIdentifiers.RsaEncryption, DerNull.Instance),
                new RsaPublicKeyStructure(Unsigned(p.Modulus), Unsigned(p.Exponent)));
        }

        return SubjectPublicKeyInfoFactory.CreateSubjectPublicKeyInfo(PublicKey);
    }

    /// <summary>
    /// The PrivateKeyInfo as PrivateKeyInfoFactory writes it: an RSAPrivateKey with rsaEncryption and NULL
    /// parameters, or an RFC 5915 ECPrivateKey with the named curve (also in the algorithm identifier) and the
    /// uncompressed public point, as the platform exported it.
    /// </summary>
    private PrivateKeyInfo CreatePrivateKeyInfo()
    {
        if (_key is RSA rsa)
        {
            RSAParameters p = rsa.ExportParameters(true);
            return new PrivateKeyInfo(
                new AlgorithmIdentifier(PkcsObjectIdentifiers.RsaEncryption, DerNull.Instance),
                new RsaPrivateKeyStructure(
                    Unsigned(p.Modulus), Unsigned(p.Exponent), Unsigned(p.D), Unsigned(p.P), Unsigned(p.Q), Unsigned(p.DP), Unsigned(p.DQ), Unsigned(p.InverseQ)));
        }

        ECParameters ec = ((ECDsa)_key).ExportParameters(true);
        ECNamedDomainParameters domain = Domain();
        int size = (domain.Curve.FieldSize + 7) / 8;
        byte[] x = (ec.Q.X ?? throw new CryptographicException("The key provider returned an incomplete key.")).PadLeft(size);
        byte[] y = (ec.Q.Y ?? throw new CryptographicException("The key provider returned an incomplete key.")).PadLeft(size);
        var point = new byte[1 + (2 * size)];
        point[0] = 0x04;
        Buffer.BlockCopy(x, 0, point, 1, size);
        Buffer.BlockCopy(y, 0, point, 1 + size, size);

        var parameters = new X962Parameters(domain.Name);
        return new PrivateKeyInfo(
            new AlgorithmIdentifier(X9ObjectIdentifiers.IdECPublicKey, parameters),
            new ECPrivateKeyStructure(domain.N.BitLength, Unsigned(ec.D), new DerBitString(point), parameters));
    }

    /// <summary>RSA CRT parameters must be exactly half (and D exactly all) of the modulus length for ImportParameters.</summary>
    private static byte[] Pad(BigInteger value, BigInteger modulus, bool half = false)
    {
        int length = (modulus.BitLength + 7) / 8;
        return value.ToByteArrayUnsigned().PadLeft(half ? (length + 1) / 2 : length);
    }

    private ECNamedDomainParameters Domain()
    {
        string curve = Spec.Algorithm switch
        {
            Model.KeyAlgorithmIdentifier.ECDH_P384 => "P-384",
            Model.KeyAlgorithmIdentifier.ECDH_P521 => "P-521",
            _ => "P-256",
        };
        DerObjectIdentifier oid = ECNamedCurveTable.GetOid(curve);
        return new ECNamedDomainParameters(oid, ECNamedCurveTable.GetByOid(oid));
    }

    private static BigInteger Unsigned(byte[]? value) => new BigInteger(1, value ?? throw new CryptographicException("The key provider returned an incomplete key."));
}
