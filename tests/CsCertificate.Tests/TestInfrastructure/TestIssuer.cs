// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Linq;
using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace CsCertificate.Tests.TestInfrastructure;

/// <summary>
/// A CA for tests that signs stored requests as a real CA would: the request's key, Subject and extensions (its
/// SAN), an authority key identifier, a serial of its own, and the validity the test chooses.
/// </summary>
internal sealed class TestIssuer : IDisposable
{
    private readonly ECDsa _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private BigInteger _serial = 0x1000;

    public TestIssuer()
    {
        var request = new CertificateRequest("CN=Litware Test Issuing CA", _key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        Certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddYears(-10), DateTimeOffset.UtcNow.AddYears(10));
    }

    public X509Certificate2 Certificate { get; }

    /// <summary>The DER certificate for a PEM request, valid from <paramref name="notBefore"/> for <paramref name="lifetime"/>.</summary>
    public byte[] Issue(string csrPem, DateTime notBefore, TimeSpan lifetime)
    {
        CertificateRequest request = CertificateRequest.LoadSigningRequestPem(
            csrPem, HashAlgorithmName.SHA256, CertificateRequestLoadOptions.SkipSignatureValidation | CertificateRequestLoadOptions.UnsafeLoadCertificateExtensions);
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(Certificate, includeKeyIdentifier: true, includeIssuerAndSerial: false));
        _serial++;
        byte[] serial = _serial.ToByteArray(isUnsigned: false, isBigEndian: true);
        using X509Certificate2 issued = request.Create(Certificate.SubjectName, X509SignatureGenerator.CreateForECDsa(_key), notBefore, notBefore + lifetime, serial);
        return issued.RawData;
    }

    /// <summary>The certificate for a DER request, valid from yesterday for 30 days, then the CA's: a CA's whole answer.</summary>
    public IReadOnlyList<byte[]> Issue(byte[] csrDer) =>
        new[] { Issue(PemEncoding.WriteString("CERTIFICATE REQUEST", csrDer), DateTime.UtcNow.AddDays(-1), TimeSpan.FromDays(30)), Certificate.RawData };

    public void Dispose()
    {
        Certificate.Dispose();
        _key.Dispose();
    }
}
