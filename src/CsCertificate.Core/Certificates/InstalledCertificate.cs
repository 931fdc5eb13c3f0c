// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;

namespace CsCertificate.Certificates;

/// <summary>
/// A certificate put in the machine's certificate store, with the facts Lync's CertificateReference shows.
/// </summary>
internal sealed record InstalledCertificate
{
    public string Thumbprint { get; init; } = string.Empty;

    public string Subject { get; init; } = string.Empty;

    public string Issuer { get; init; } = string.Empty;

    public string SerialNumber { get; init; } = string.Empty;

    public DateTime NotBefore { get; init; }

    public DateTime NotAfter { get; init; }

    public string[] AlternativeNames { get; init; } = Array.Empty<string>();

    /// <summary>
    /// Gets where it is: on Windows a PowerShell path, Cert:\LocalMachine\My\&lt;thumbprint&gt;; elsewhere
    /// the name of .NET's store, CurrentUser\My\&lt;thumbprint&gt;, which no PowerShell drive shows.
    /// </summary>
    public string StorePath { get; init; } = string.Empty;

    /// <summary>Gets a value indicating whether the Cert: drive shows the store (Windows only).</summary>
    public bool OnCertDrive { get; init; }

    /// <summary>Gets a value indicating whether the store can enforce a non-exportable key (Windows only).</summary>
    public bool ExportabilityEnforced { get; init; }
}
