// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Linq;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Cms;
using Org.BouncyCastle.Asn1.Sec;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Security;
using CsCertificate.Tests.TestInfrastructure;
using Org.BouncyCastle.X509;

namespace CsCertificate.Tests.CaClient.Adcs;

/// <summary>
/// A CA certificate and a server certificate it issued, and the certs-only PKCS #7 an AD CS CA returns for
/// GetCertificate(CR_OUT_BASE64 | CR_OUT_CHAIN).
/// </summary>
internal sealed class TestChain
{
    public TestChain()
    {
        var generator = new ECKeyPairGenerator();
        generator.Init(new ECKeyGenerationParameters(SecObjectIdentifiers.SecP256r1, new SecureRandom()));
        AsymmetricCipherKeyPair caKey = generator.GenerateKeyPair();
        AsymmetricCipherKeyPair leafKey = generator.GenerateKeyPair();
        var caName = new X509Name("CN=Contoso Issuing CA,DC=contoso,DC=com");
        Ca = TestPki.Issue(caName, caName, caKey.Public, caKey.Private, ca: false, 1);
        Leaf = TestPki.Issue(caName, new X509Name("CN=pool.contoso.com"), leafKey.Public, caKey.Private, ca: false, 2);
    }

    public X509Certificate Ca { get; }

    public X509Certificate Leaf { get; }

    public IReadOnlyList<byte[]> Der => new[] { Leaf.GetEncoded(), Ca.GetEncoded() };

    /// <summary>Builds a degenerate SignedData (no signers) holding the certificates, DER.</summary>
    public static byte[] Pkcs7(IEnumerable<X509Certificate> certificates)
    {
        var signedData = new SignedData(
            new DerSet(),
            new ContentInfo(CmsObjectIdentifiers.Data, null),
            new DerSet(certificates.Select(c => (Asn1Encodable)c.CertificateStructure).ToArray()),
            null,
            new DerSet());
        return new ContentInfo(CmsObjectIdentifiers.SignedData, signedData).GetEncoded(Asn1Encodable.Der);
    }

    /// <summary>Base64 with CRLF line breaks, the way certcli returns CR_OUT_BASE64.</summary>
    public static string Base64(byte[] der) => Convert.ToBase64String(der, Base64FormattingOptions.InsertLineBreaks);
}
