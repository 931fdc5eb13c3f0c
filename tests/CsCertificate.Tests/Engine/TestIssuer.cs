// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace CsCertificate.Tests.Engine;

/// <summary>A CA that signs what it is sent: the request's key and names, under its own certificate.</summary>
internal sealed class TestIssuer : IDisposable
{
    private readonly X509Certificate2 _ca;

    public TestIssuer()
    {
        using ECDsa key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=Contoso Test CA", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        _ca = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-2), DateTimeOffset.UtcNow.AddDays(60));
    }

    /// <summary>The issued certificate then the CA's, DER.</summary>
    public IReadOnlyList<byte[]> Issue(byte[] csrDer)
    {
        CertificateRequest request = CertificateRequest.LoadSigningRequest(csrDer, HashAlgorithmName.SHA256, CertificateRequestLoadOptions.UnsafeLoadCertificateExtensions);
        using X509Certificate2 issued = request.Create(_ca, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30), new byte[] { 0x10, 0x01 });
        return new[] { issued.RawData, _ca.RawData };
    }

    public void Dispose() => _ca.Dispose();
}
