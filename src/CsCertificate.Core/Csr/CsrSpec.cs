// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System.Collections.Generic;

namespace CsCertificate.Csr;

/// <summary>
/// What goes into a PKCS#10 request besides the key: the Subject, the SAN entries, the EKUs and the template.
/// </summary>
/// <param name="SubjectName">The Subject CN.</param>
/// <param name="Attributes">The other Subject attributes.</param>
/// <param name="AlternativeNames">The DNS names of the SAN extension, in order.</param>
/// <param name="ClientAuthentication">Whether clientAuth is requested besides serverAuth (-ClientEKU).</param>
/// <param name="Template">The certificate template name carried in the request (-Template), if any.</param>
internal sealed record CsrSpec(string SubjectName, SubjectAttributes Attributes, IReadOnlyList<string> AlternativeNames, bool ClientAuthentication, string? Template);
