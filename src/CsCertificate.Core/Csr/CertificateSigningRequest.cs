// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

namespace CsCertificate.Csr;

/// <summary>
/// A signed PKCS#10 request: its DER bytes, its PEM text, and the Subject as a distinguished name.
/// </summary>
internal sealed class CertificateSigningRequest
{
    public CertificateSigningRequest(byte[] der, string pem, string subject)
    {
        Der = der;
        Pem = pem;
        Subject = subject;
    }

    public byte[] Der { get; }

    /// <summary>Gets the request as PEM with the RFC 7468 label "CERTIFICATE REQUEST".</summary>
    public string Pem { get; }

    /// <summary>Gets the Subject as Windows prints it: "CN=…, OU=…, O=…, L=…, S=…, C=…".</summary>
    public string Subject { get; }
}
