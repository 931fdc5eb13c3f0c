// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System.Collections.Generic;

namespace CsCertificate.Certificates;

/// <summary>
/// The certificates found in a CA's answer or a certificate file, as DER, in the order they appeared.
/// </summary>
/// <param name="Certificates">The certificates (leaf and chain) as DER; empty for a PKCS#12 file, which needs its password.</param>
/// <param name="IsPkcs12">Whether the content is a PKCS#12 (PFX) file, which carries its own key.</param>
internal sealed record CertificateResponse(IReadOnlyList<byte[]> Certificates, bool IsPkcs12);
