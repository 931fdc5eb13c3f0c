// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;

namespace CsCertificate.Model;

/// <summary>
/// A stored certificate request, as Request-CsCertificate -List returns it. RequestId binds by property name,
/// so a filtered list pipes into -Retrieve and -Clear.
/// </summary>
public sealed class CsCertificateRequest
{
    /// <summary>Gets or sets the request's id in the local store.</summary>
    public int RequestId { get; set; }

    /// <summary>Gets or sets the certificate's uses.</summary>
    public CertType[] CertificateUses { get; set; } = Array.Empty<CertType>();

    /// <summary>Gets or sets the request's state.</summary>
    public RequestStatus Status { get; set; }

    /// <summary>Gets or sets the CA the request went to; empty for an offline request.</summary>
    public string? CA { get; set; }

    /// <summary>Gets or sets the Subject ("CN=…").</summary>
    public string Subject { get; set; } = string.Empty;

    /// <summary>Gets or sets the Subject Alternative Names, in order.</summary>
    public string[] AlternativeNames { get; set; } = Array.Empty<string>();

    /// <summary>Gets or sets when the request was made (UTC).</summary>
    public DateTime RequestTime { get; set; }

    /// <summary>Gets or sets the friendly name.</summary>
    public string FriendlyName { get; set; } = string.Empty;

    /// <summary>Gets or sets the computer the certificate is for.</summary>
    public string ComputerFqdn { get; set; } = string.Empty;

    /// <summary>Gets or sets the certificate template named in the request.</summary>
    public string? Template { get; set; }

    /// <summary>Gets or sets the key algorithm and size ("RSA 2048", "ECDH_P256").</summary>
    public string Key { get; set; } = string.Empty;

    /// <summary>Gets or sets the offline request file, if one was written.</summary>
    public string? Path { get; set; }

    /// <summary>Gets or sets what the CA or the module last said about the request.</summary>
    public string? Message { get; set; }

    /// <summary>Gets or sets the end of the issued certificate's validity (UTC); empty until it is issued.</summary>
    public DateTime? NotAfter { get; set; }

    /// <summary>
    /// Gets or sets when the issued certificate is due for renewal (UTC): two thirds into its validity, half for a
    /// certificate of ten days or less; empty for requests not Issued and once a renewal has begun (RenewedBy).
    /// </summary>
    public DateTime? RenewalDue { get; set; }

    /// <summary>Gets or sets the request whose certificate this request renews; empty for a request made with -New.</summary>
    public int? Renews { get; set; }

    /// <summary>Gets or sets the request that renews this request's certificate; empty until Update-CsCertificate renews it.</summary>
    public int? RenewedBy { get; set; }
}
