// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.Collections.Generic;

namespace CsCertificate.CaClient;

/// <summary>
/// What a CA client sends: the signed request and what it asks for.
/// </summary>
/// <param name="CsrDer">The PKCS#10 request, DER.</param>
/// <param name="DnsNames">Every DNS name of the request: the Subject CN, then each SAN entry, without repeats.</param>
/// <param name="Template">The certificate template (-Template), for CAs that use templates.</param>
/// <param name="RequestId">The store's id of the request, for what a client keeps about it (ACME challenges); 0 when not stored.</param>
internal sealed record CaSubmission(byte[] CsrDer, IReadOnlyList<string> DnsNames, string? Template, int RequestId = 0)
{
    /// <summary>
    /// Gets or sets the RFC 9773 identifier of the certificate this request replaces (a renewal), which an ACME CA
    /// that offers renewal information is told in the order's "replaces"; null for a new certificate.
    /// </summary>
    public string? Replaces { get; set; }

    /// <summary>
    /// Gets or sets what to do as soon as the CA holds the request under an id of its own (an ACME order URL), before
    /// the client waits for it: the engine saves the id, so a command killed while it waits resumes that order
    /// instead of making another.
    /// </summary>
    public Action<string>? Accepted { get; set; }
}

