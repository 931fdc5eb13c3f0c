// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System.Linq;
using CsCertificate.Csr;
using CsCertificate.Keys;
using CsCertificate.Model;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Pkcs;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Pkcs;
using Xunit;

namespace CsCertificate.Tests.Csr;

public sealed class CsrBuilderTests
{
    private static readonly CsrSpec s_spec = new CsrSpec(
        "pool.contoso.com",
        new SubjectAttributes("Contoso", "IT", "Redmond", "WA", "US"),
        new[] { "pool.contoso.com", "fe1.contoso.com", "meet.contoso.com", "*.contoso.com" },
        ClientAuthentication: false,
        Template: "WebServer");

    [Theory]
    [InlineData(KeyAlgorithmIdentifier.RSA, "1.2.840.113549.1.1.11")]
    [InlineData(KeyAlgorithmIdentifier.ECDH_P256, "1.2.840.10045.4.3.2")]
    [InlineData(KeyAlgorithmIdentifier.ECDH_P384, "1.2.840.10045.4.3.3")]
    [InlineData(KeyAlgorithmIdentifier.ECDH_P521, "1.2.840.10045.4.3.4")]
    public void SignsWithTheAlgorithmOfTheKeyAndVerifies(KeyAlgorithmIdentifier algorithm, string signatureOid)
    {
        Pkcs10CertificationRequest request = Build(s_spec, algorithm);

        Assert.True(request.Verify());
        Assert.Equal(signatureOid, request.SignatureAlgorithm.Algorithm.Id);
    }

    [Fact]
    public void CarriesTheSubjectInX500Order()
    {
        Pkcs10CertificationRequest request = Build(s_spec, KeyAlgorithmIdentifier.ECDH_P256);

        Assert.Equal("C=US,ST=WA,L=Redmond,O=Contoso,OU=IT,CN=pool.contoso.com", request.GetCertificationRequestInfo().Subject.ToString());
    }

    [Fact]
    public void CarriesTheAlternativeNamesInOrder()
    {
        X509Extensions extensions = Extensions(Build(s_spec, KeyAlgorithmIdentifier.ECDH_P256));

        GeneralNames names = GeneralNames.GetInstance(extensions.GetExtension(X509Extensions.SubjectAlternativeName).GetParsedValue());
        Assert.Equal(s_spec.AlternativeNames, names.GetNames().Select(n => n.Name.ToString()));
        Assert.All(names.GetNames(), n => Assert.Equal(GeneralName.DnsName, n.TagNo));
    }

    [Fact]
    public void RequestsServerAuthAndAddsClientAuthOnlyWhenAsked()
    {
        X509Extensions serverOnly = Extensions(Build(s_spec, KeyAlgorithmIdentifier.ECDH_P256));
        CsrSpec clientSpec = s_spec with { ClientAuthentication = true };
        X509Extensions withClient = Extensions(Build(clientSpec, KeyAlgorithmIdentifier.ECDH_P256));

        Assert.Equal(new[] { KeyPurposeID.id_kp_serverAuth.Id }, Purposes(serverOnly));
        Assert.Equal(new[] { KeyPurposeID.id_kp_serverAuth.Id, KeyPurposeID.id_kp_clientAuth.Id }, Purposes(withClient));
    }

    [Theory]
    [InlineData(KeyAlgorithmIdentifier.RSA, KeyUsage.DigitalSignature | KeyUsage.KeyEncipherment)]
    [InlineData(KeyAlgorithmIdentifier.ECDH_P384, KeyUsage.DigitalSignature | KeyUsage.KeyAgreement)]
    public void MarksTheKeyUsageCriticalWithTheBitsOfTheAlgorithm(KeyAlgorithmIdentifier algorithm, int usage)
    {
        X509Extension extension = Extensions(Build(s_spec, algorithm)).GetExtension(X509Extensions.KeyUsage);

        Assert.True(extension.IsCritical);
        Assert.Equal(new KeyUsage(usage), KeyUsage.GetInstance(extension.GetParsedValue()));
    }

    [Fact]
    public void CarriesTheTemplateNameAsABareBmpStringLikeAdCs()
    {
        X509Extension extension = Extensions(Build(s_spec, KeyAlgorithmIdentifier.ECDH_P256)).GetExtension(new DerObjectIdentifier(CsrBuilder.TemplateNameExtensionOid));

        // The bytes AD CS itself writes for "WebServer": a bare BMPString (docs/design/ca-outcomes.md, "AD CS").
        Assert.Equal("1E12005700650062005300650072007600650072", Org.BouncyCastle.Utilities.Encoders.Hex.ToHexString(extension.Value.GetOctets()).ToUpperInvariant());
        Assert.False(extension.IsCritical);
    }

    [Fact]
    public void LeavesOutTheTemplateAndSanWhenThereAreNone()
    {
        var spec = new CsrSpec("edge.contoso.com", SubjectAttributes.None, new string[0], ClientAuthentication: false, Template: null);

        X509Extensions extensions = Extensions(Build(spec, KeyAlgorithmIdentifier.ECDH_P256));

        Assert.Null(extensions.GetExtension(X509Extensions.SubjectAlternativeName));
        Assert.Null(extensions.GetExtension(new DerObjectIdentifier(CsrBuilder.TemplateNameExtensionOid)));
    }

    [Fact]
    public void WritesTheRfc7468Label()
    {
        using KeyPair key = KeyGenerator.Generate(new KeySpec(KeyAlgorithmIdentifier.ECDH_P256, 2048));

        CertificateSigningRequest csr = CsrBuilder.Build(s_spec, key);

        Assert.StartsWith("-----BEGIN CERTIFICATE REQUEST-----", csr.Pem);
        Assert.Equal("CN=pool.contoso.com, OU=IT, O=Contoso, L=Redmond, S=WA, C=US", csr.Subject);
    }

    private static Pkcs10CertificationRequest Build(CsrSpec spec, KeyAlgorithmIdentifier algorithm)
    {
        using KeyPair key = KeyGenerator.Generate(new KeySpec(algorithm, 2048));
        return new Pkcs10CertificationRequest(CsrBuilder.Build(spec, key).Der);
    }

    private static X509Extensions Extensions(Pkcs10CertificationRequest request)
    {
        AttributePkcs attribute = request.GetCertificationRequestInfo().Attributes
            .Cast<Asn1Encodable>()
            .Select(AttributePkcs.GetInstance)
            .Single(a => a.AttrType.Equals(PkcsObjectIdentifiers.Pkcs9AtExtensionRequest));
        return X509Extensions.GetInstance(attribute.AttrValues[0]);
    }

    private static string[] Purposes(X509Extensions extensions) =>
        ExtendedKeyUsage.GetInstance(extensions.GetExtension(X509Extensions.ExtendedKeyUsage).GetParsedValue()).GetAllUsages().Select(p => p.Id).ToArray();
}
