// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System.Collections.Generic;

namespace CsCertificate.CaClient;

/// <summary>
/// What a CA client sends: the signed request and what it asks for.
/// </summary>
/// <param name="CsrDer">The PKCS#10 request, DER.</param>
/// <param name="DnsNames">Every DNS name of the request: the Subject CN, then each SAN entry, without repeats.</param>
/// <param name="Template">The certificate template (-Template), for CAs that use templates.</param>
/// <param name="RequestId">The store's id of the request, for what a client keeps about it (ACME challenges); 0 when not stored.</param>
internal sealed record CaSubmission(byte[] CsrDer, IReadOnlyList<string> DnsNames, string? Template, int RequestId = 0);
