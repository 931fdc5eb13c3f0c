// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;

namespace CsCertificate.Model;

/// <summary>
/// What Request-CsCertificate -New and -Retrieve return: the properties of Lync's
/// Microsoft.Rtc.Management.Deployment.CertificateReference, in its order, plus the request's state.
/// </summary>
public sealed class CertificateReference
{
    /// <summary>Gets or sets the issuer's distinguished name; empty until the certificate is issued.</summary>
    public string? Issuer { get; set; }

    /// <summary>Gets or sets the end of the certificate's validity.</summary>
    public DateTime? NotAfter { get; set; }

    /// <summary>Gets or sets the start of the certificate's validity.</summary>
    public DateTime? NotBefore { get; set; }

    /// <summary>Gets or sets the certificate's serial number (hex).</summary>
    public string? SerialNumber { get; set; }

    /// <summary>Gets or sets the Subject ("CN=…").</summary>
    public string Subject { get; set; } = string.Empty;

    /// <summary>Gets or sets the Subject Alternative Names, in order.</summary>
    public string[] AlternativeNames { get; set; } = Array.Empty<string>();

    /// <summary>Gets or sets the SHA-1 thumbprint; empty until the certificate is issued.</summary>
    public string? Thumbprint { get; set; }

    /// <summary>Gets or sets the effective date of a rolled certificate (Set-CsCertificate -Roll); empty on a new request.</summary>
    public DateTime? EffectiveDate { get; set; }

    /// <summary>Gets or sets the thumbprint of the certificate this one replaces; empty on a new request.</summary>
    public string? PreviousThumbprint { get; set; }

    /// <summary>Gets or sets when the certificate assignment was last updated; empty on a new request.</summary>
    public DateTime? UpdateTime { get; set; }

    /// <summary>Gets or sets the uses, comma-separated as Lync prints them ("Default,WebServicesInternal").</summary>
    public string Use { get; set; } = string.Empty;

    /// <summary>Gets or sets the scope of a global certificate (OAuthTokenIssuer); empty on a new request.</summary>
    public string? SourceScope { get; set; }

    /// <summary>Gets or sets the request's id in the local store.</summary>
    public int RequestId { get; set; }

    /// <summary>Gets or sets the request's state: Offline, Pending, Issued, Denied.</summary>
    public RequestStatus RequestStatus { get; set; }

    /// <summary>Gets or sets the CA the request went to; empty for an offline request.</summary>
    public string? CA { get; set; }

    /// <summary>Gets or sets the friendly name given to the certificate.</summary>
    public string FriendlyName { get; set; } = string.Empty;

    /// <summary>Gets or sets the offline request file (-Output), or the installed certificate's path.</summary>
    public string? Path { get; set; }
}
