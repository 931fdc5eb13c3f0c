// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using CsCertificate.Model;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Nist;
using Org.BouncyCastle.Asn1.Oiw;
using Org.BouncyCastle.Asn1.Pkcs;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Pkcs;
using Org.BouncyCastle.Security;
using ContentInfo = Org.BouncyCastle.Asn1.Pkcs.ContentInfo;

namespace CsCertificate.Certificates;

/// <summary>
/// Writes the PFX files of the module (the one the installer hands to the platform's store, Export-CsCertificate's,
/// and an imported PFX re-encoded) with exactly the algorithms asked for. BouncyCastle's own store writer cannot
/// choose its MAC and encrypts certificates with RC2-40 by default, which OpenSSL 3 reads only with -legacy.
/// </summary>
/// <remarks>
/// The layout is the one Windows and OpenSSL write: a SafeContents of certificate bags encrypted with the
/// password, a SafeContents holding the shrouded key bag, and a MAC over both. An RSA key bag names the
/// CryptoAPI provider "Microsoft RSA SChannel Cryptographic Provider" (attribute 1.3.6.1.4.1.311.17.1), so that
/// Windows puts the key there, where Skype for Business Server 2015 can use it, rather than where the platform
/// prefers (CNG); it gets no friendlyName, which Windows would take as the name of its key container and refuse
/// on a second import. ECDH keys exist only in CNG and name no provider.
/// </remarks>
internal static class Pkcs12Writer
{
    /// <summary>The legacy CryptoAPI provider of the Lync and Skype for Business certificate wizards.</summary>
    public const string SChannelProvider = "Microsoft RSA SChannel Cryptographic Provider";

    /// <summary>szOID_PKCS_12_KEY_PROVIDER_NAME_ATTR: the Microsoft CSP name of a key bag, a BMPString.</summary>
    public static readonly DerObjectIdentifier ProviderNameAttribute = new DerObjectIdentifier("1.3.6.1.4.1.311.17.1");

    /// <summary>OpenSSL 3's and Windows' iteration count for PFX key derivation.</summary>
    private const int Iterations = 2048;

    private static readonly SecureRandom s_random = new SecureRandom();

    /// <summary>Writes the key, the certificate and its chain as a PFX encrypted and authenticated with the password.</summary>
    public static byte[] Write(Pkcs12Content content, char[] password, CryptoAlgorithmOption algorithm)
    {
        bool aes = algorithm == CryptoAlgorithmOption.AES256_SHA256;
        var localKeyId = new DerOctetString(DigestUtilities.CalculateDigest("SHA-1", content.Certificate));

        var certificateBags = new Asn1EncodableVector();
        var leafAttributes = new Asn1EncodableVector();
        if (!string.IsNullOrEmpty(content.FriendlyName))
        {
            leafAttributes.Add(Attribute(PkcsObjectIdentifiers.Pkcs9AtFriendlyName, new DerBmpString(content.FriendlyName)));
        }

        leafAttributes.Add(Attribute(PkcsObjectIdentifiers.Pkcs9AtLocalKeyID, localKeyId));
        certificateBags.Add(CertificateBag(content.Certificate, new DerSet(leafAttributes)));
        foreach (byte[] certificate in content.Chain)
        {
            certificateBags.Add(CertificateBag(certificate, null));
        }

        var keyAttributes = new Asn1EncodableVector(Attribute(PkcsObjectIdentifiers.Pkcs9AtLocalKeyID, localKeyId));
        if (content.IsRsa)
        {
            keyAttributes.Add(Attribute(ProviderNameAttribute, new DerBmpString(SChannelProvider)));
        }

        EncryptedPrivateKeyInfo shroudedKey = aes
            ? EncryptedPrivateKeyInfoFactory.CreateEncryptedPrivateKeyInfo(NistObjectIdentifiers.IdAes256Cbc, PkcsObjectIdentifiers.IdHmacWithSha256, password, Salt(16), Iterations, s_random, content.Key)
            : EncryptedPrivateKeyInfoFactory.CreateEncryptedPrivateKeyInfo(PkcsObjectIdentifiers.PbeWithShaAnd3KeyTripleDesCbc.Id, password, Salt(20), Iterations, content.Key);
        var keyBags = new DerSequence(new SafeBag(PkcsObjectIdentifiers.Pkcs8ShroudedKeyBag, shroudedKey, new DerSet(keyAttributes)));

        var authenticatedSafe = new AuthenticatedSafe(new[]
        {
            Encrypted(new DerSequence(certificateBags).GetDerEncoded(), password, aes),
            new ContentInfo(PkcsObjectIdentifiers.Data, new DerOctetString(keyBags.GetDerEncoded())),
        });
        byte[] data = authenticatedSafe.GetDerEncoded();
        return new Pfx(new ContentInfo(PkcsObjectIdentifiers.Data, new DerOctetString(data)), Mac(data, password, aes)).GetDerEncoded();
    }

    private static DerSequence Attribute(DerObjectIdentifier type, Asn1Encodable value) => new DerSequence(type, new DerSet(value));

    private static SafeBag CertificateBag(byte[] der, Asn1Set? attributes)
    {
        var bag = new CertBag(PkcsObjectIdentifiers.X509Certificate, new DerOctetString(der));
        return attributes == null ? new SafeBag(PkcsObjectIdentifiers.CertBag, bag) : new SafeBag(PkcsObjectIdentifiers.CertBag, bag, attributes);
    }

    /// <summary>The certificates' SafeContents as EncryptedData: PKCS#12 3DES, or PBES2 with PBKDF2-HMAC-SHA256 and AES-256-CBC.</summary>
    private static ContentInfo Encrypted(byte[] safeContents, char[] password, bool aes)
    {
        AlgorithmIdentifier algorithm = aes
            ? new AlgorithmIdentifier(PkcsObjectIdentifiers.IdPbeS2, PbeUtilities.GenerateAlgorithmParameters(NistObjectIdentifiers.IdAes256Cbc, PkcsObjectIdentifiers.IdHmacWithSha256, Salt(16), Iterations, s_random))
            : new AlgorithmIdentifier(PkcsObjectIdentifiers.PbeWithShaAnd3KeyTripleDesCbc, new Pkcs12PbeParams(Salt(20), Iterations));
        var cipher = (IBufferedCipher)PbeUtilities.CreateEngine(algorithm);
        cipher.Init(true, PbeUtilities.GenerateCipherParameters(algorithm, password));
        byte[] encrypted = cipher.DoFinal(safeContents);
        return new ContentInfo(PkcsObjectIdentifiers.EncryptedData, new EncryptedData(PkcsObjectIdentifiers.Data, algorithm, new DerOctetString(encrypted)));
    }

    /// <summary>The PKCS#12 MAC (key derived with the PKCS#12 KDF of the digest), as BouncyCastle checks it when it reads.</summary>
    private static MacData Mac(byte[] data, char[] password, bool sha256)
    {
        DerObjectIdentifier digest = sha256 ? NistObjectIdentifiers.IdSha256 : OiwObjectIdentifiers.IdSha1;
        byte[] salt = Salt(sha256 ? 32 : 20);
        Asn1Encodable parameters = PbeUtilities.GenerateAlgorithmParameters(digest, salt, Iterations);
        var mac = (IMac)PbeUtilities.CreateEngine(digest);
        mac.Init(PbeUtilities.GenerateCipherParameters(digest, password, parameters));
        mac.BlockUpdate(data, 0, data.Length);
        byte[] value = new byte[mac.GetMacSize()];
        mac.DoFinal(value, 0);
        return new MacData(new DigestInfo(new AlgorithmIdentifier(digest, DerNull.Instance), value), salt, Iterations);
    }

    private static byte[] Salt(int length)
    {
        byte[] salt = new byte[length];
        s_random.NextBytes(salt);
        return salt;
    }
}
