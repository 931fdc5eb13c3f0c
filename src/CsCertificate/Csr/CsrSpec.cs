// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System.Collections.Generic;

namespace CsCertificate.Csr;

/// <summary>
/// What goes into a PKCS#10 request besides the key: the Subject, the SAN entries, the EKUs and the template.
/// </summary>
internal sealed class CsrSpec
{
    public CsrSpec(string subjectName, SubjectAttributes attributes, IReadOnlyList<string> alternativeNames, bool clientAuthentication, string? template)
    {
        SubjectName = subjectName;
        Attributes = attributes;
        AlternativeNames = alternativeNames;
        ClientAuthentication = clientAuthentication;
        Template = template;
    }

    /// <summary>Gets the Subject CN.</summary>
    public string SubjectName { get; }

    public SubjectAttributes Attributes { get; }

    /// <summary>Gets the DNS names of the SAN extension, in order.</summary>
    public IReadOnlyList<string> AlternativeNames { get; }

    /// <summary>Gets a value indicating whether clientAuth is requested besides serverAuth (-ClientEKU).</summary>
    public bool ClientAuthentication { get; }

    /// <summary>Gets the certificate template name carried in the request (-Template), if any.</summary>
    public string? Template { get; }
}
