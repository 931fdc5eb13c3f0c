// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System.Collections.Generic;

namespace CsCertificate.Certificates;

/// <summary>
/// The certificates found in a CA's answer or a certificate file, as DER, in the order they appeared.
/// </summary>
internal sealed class CertificateResponse
{
    public CertificateResponse(IReadOnlyList<byte[]> certificates, bool isPkcs12)
    {
        Certificates = certificates;
        IsPkcs12 = isPkcs12;
    }

    /// <summary>Gets the certificates (leaf and chain) as DER; empty for a PKCS#12 file, which needs its password.</summary>
    public IReadOnlyList<byte[]> Certificates { get; }

    /// <summary>Gets a value indicating whether the content is a PKCS#12 (PFX) file, which carries its own key.</summary>
    public bool IsPkcs12 { get; }
}
