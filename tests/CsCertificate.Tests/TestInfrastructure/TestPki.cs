// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Operators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Asn1.Pkcs;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Pkcs;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.X509;

namespace CsCertificate.Tests.TestInfrastructure;

/// <summary>
/// A root CA, an intermediate CA it signed, and a server certificate the intermediate issued, with BouncyCastle:
/// the chain a CA returns, for tests of the files the module writes.
/// </summary>
internal sealed class TestPki
{
    private static readonly SecureRandom s_random = new SecureRandom();

    public TestPki(bool rsaLeaf = true)
    {
        AsymmetricCipherKeyPair rootKey = Rsa();
        AsymmetricCipherKeyPair intermediateKey = Rsa();
        LeafKey = rsaLeaf ? Rsa() : Ec();
        var rootName = new X509Name("CN=Litware Test Root");
        var intermediateName = new X509Name("CN=Litware Test Issuing CA");
        Root = Issue(rootName, rootName, rootKey.Public, rootKey.Private, ca: true, 1);
        Intermediate = Issue(rootName, intermediateName, intermediateKey.Public, rootKey.Private, ca: true, 2);
        Leaf = Issue(intermediateName, new X509Name("CN=atl-cs-001.litwareinc.com"), LeafKey.Public, intermediateKey.Private, ca: false, 3);
    }

    public AsymmetricCipherKeyPair LeafKey { get; }

    /// <summary>Gets the leaf's private key as PKCS#8, as the module carries keys.</summary>
    public PrivateKeyInfo LeafKeyInfo => PrivateKeyInfoFactory.CreatePrivateKeyInfo(LeafKey.Private);

    public X509Certificate Root { get; }

    public X509Certificate Intermediate { get; }

    public X509Certificate Leaf { get; }

    public static AsymmetricCipherKeyPair Rsa()
    {
        var generator = new RsaKeyPairGenerator();
        generator.Init(new RsaKeyGenerationParameters(BigInteger.ValueOf(65537), s_random, 2048, 25));
        return generator.GenerateKeyPair();
    }

    public static AsymmetricCipherKeyPair Ec()
    {
        var generator = new ECKeyPairGenerator();
        generator.Init(new ECKeyGenerationParameters(Org.BouncyCastle.Asn1.Sec.SecObjectIdentifiers.SecP256r1, s_random));
        return generator.GenerateKeyPair();
    }

    /// <summary>A certificate valid from yesterday for 30 days, signed with SHA-256 (RSA or ECDSA, as the signing key is).</summary>
    public static X509Certificate Issue(X509Name issuer, X509Name subject, AsymmetricKeyParameter publicKey, AsymmetricKeyParameter signingKey, bool ca, long serial)
    {
        var generator = new X509V3CertificateGenerator();
        generator.SetSerialNumber(BigInteger.ValueOf(serial));
        generator.SetIssuerDN(issuer);
        generator.SetSubjectDN(subject);
        generator.SetNotBefore(DateTime.UtcNow.AddDays(-1));
        generator.SetNotAfter(DateTime.UtcNow.AddDays(30));
        generator.SetPublicKey(publicKey);
        if (ca)
        {
            generator.AddExtension(X509Extensions.BasicConstraints, true, new BasicConstraints(true));
        }

        string algorithm = signingKey is RsaKeyParameters ? "SHA256WITHRSA" : "SHA256WITHECDSA";
        return generator.Generate(new Asn1SignatureFactory(algorithm, signingKey));
    }
}
