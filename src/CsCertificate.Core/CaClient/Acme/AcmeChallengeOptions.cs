// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using CsCertificate.Model;

namespace CsCertificate.CaClient.Acme;

/// <summary>
/// How a request's ACME challenges are answered (-AcmeChallenge, -DnsServer, -DnsKeyPath, -DnsScript), as -New
/// was given them and the request stores them. Paths only: the TSIG key is read from its file when it is needed.
/// </summary>
internal sealed class AcmeChallengeOptions
{
    public static AcmeChallengeOptions Http01 { get; } = new AcmeChallengeOptions(AcmeChallengeType.Http01, null, null, null);

    public AcmeChallengeOptions(AcmeChallengeType type, string? dnsServer, string? dnsKeyPath, string? dnsScript)
    {
        Type = type;
        DnsServer = dnsServer;
        DnsKeyPath = dnsKeyPath;
        DnsScript = dnsScript;
    }

    public AcmeChallengeType Type { get; }

    /// <summary>Gets the server that takes RFC 2136 updates (host or address, optional port); null for the zone's primary.</summary>
    public string? DnsServer { get; }

    /// <summary>Gets the full path of the TSIG key file; null for unsigned updates or a script.</summary>
    public string? DnsKeyPath { get; }

    /// <summary>Gets the full path of the script that adds and removes the records; null for RFC 2136.</summary>
    public string? DnsScript { get; }
}
