// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;

namespace CsCertificate.Certificates;

/// <summary>
/// A certificate put in the machine's certificate store, with the facts Lync's CertificateReference shows.
/// </summary>
internal sealed class InstalledCertificate
{
    public string Thumbprint { get; set; } = string.Empty;

    public string Subject { get; set; } = string.Empty;

    public string Issuer { get; set; } = string.Empty;

    public string SerialNumber { get; set; } = string.Empty;

    public DateTime NotBefore { get; set; }

    public DateTime NotAfter { get; set; }

    public string[] AlternativeNames { get; set; } = Array.Empty<string>();

    /// <summary>
    /// Gets or sets where it is: on Windows a PowerShell path, Cert:\LocalMachine\My\&lt;thumbprint&gt;; elsewhere
    /// the name of .NET's store, CurrentUser\My\&lt;thumbprint&gt;, which no PowerShell drive shows.
    /// </summary>
    public string StorePath { get; set; } = string.Empty;

    /// <summary>Gets or sets a value indicating whether the Cert: drive shows the store (Windows only).</summary>
    public bool OnCertDrive { get; set; }

    /// <summary>Gets or sets a value indicating whether the store can enforce a non-exportable key (Windows only).</summary>
    public bool ExportabilityEnforced { get; set; }
}
