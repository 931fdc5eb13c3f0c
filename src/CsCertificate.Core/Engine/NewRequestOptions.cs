// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System.Collections.Generic;
using CsCertificate.Common;
using CsCertificate.Model;

namespace CsCertificate.Engine;

/// <summary>
/// The parameters of Request-CsCertificate -New, as the engine takes them (paths already resolved).
/// </summary>
internal sealed class NewRequestOptions
{
    public IReadOnlyList<CertType> Types { get; set; } = new CertType[0];

    public string? ComputerFqdn { get; set; }

    public string? DomainName { get; set; }

    public bool AllSipDomain { get; set; }

    public string? CA { get; set; }

    public string? CaAccount { get; set; }

    public string? City { get; set; }

    public string? State { get; set; }

    public string? Country { get; set; }

    public string? Organization { get; set; }

    public string? OrganizationalUnit { get; set; }

    public string? FriendlyName { get; set; }

    public KeyAlgorithmIdentifier KeyAlgorithm { get; set; } = KeyAlgorithmIdentifier.RSA;

    /// <summary>Gets or sets -KeySize; null when it was not given.</summary>
    public int? KeySize { get; set; }

    public bool ClientEku { get; set; }

    public bool PrivateKeyExportable { get; set; }

    public string? Template { get; set; }

    /// <summary>Gets or sets the full path of -Output, or null for an online request.</summary>
    public string? OutputPath { get; set; }

    /// <summary>Gets or sets the full paths of -TopologyPath.</summary>
    public IReadOnlyList<string> TopologyPaths { get; set; } = new string[0];

    public bool Force { get; set; }

    /// <summary>Gets or sets the -Report files (the HTML log and its XML twin), which no other output or input may be.</summary>
    public IReadOnlyList<NamedPath> ReportFiles { get; set; } = new NamedPath[0];

    /// <summary>Gets or sets -AcmeChallenge: how an ACME CA's challenges are answered.</summary>
    public AcmeChallengeType AcmeChallenge { get; set; } = AcmeChallengeType.Http01;

    /// <summary>Gets or sets -DnsServer as given (host or address, optional port).</summary>
    public string? DnsServer { get; set; }

    /// <summary>Gets or sets the full path of -DnsKeyPath.</summary>
    public string? DnsKeyPath { get; set; }

    /// <summary>Gets or sets the full path of -DnsScript.</summary>
    public string? DnsScript { get; set; }
}
