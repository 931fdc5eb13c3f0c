// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

namespace CsCertificate.Model;

/// <summary>
/// Where a DNS name is going to be used; the rules differ (docs/design/naming.md, "Validation").
/// </summary>
internal enum DnsNameUse
{
    /// <summary>A computer or server name: no wildcard; a single label (no domain) is allowed.</summary>
    HostName,

    /// <summary>The certificate's Subject CN: no wildcard, at most 64 characters.</summary>
    SubjectName,

    /// <summary>A Subject Alternative Name: a wildcard only as the whole leftmost label; a single label is allowed.</summary>
    AlternativeName,
}
