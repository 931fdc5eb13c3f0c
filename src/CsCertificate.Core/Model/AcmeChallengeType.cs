// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

namespace CsCertificate.Model;

/// <summary>
/// How an ACME CA is shown that the names of the request are under the requester's control (-AcmeChallenge).
/// </summary>
public enum AcmeChallengeType
{
    /// <summary>http-01: a responder on this computer answers on port 80 for every name (no wildcards).</summary>
    Http01,

    /// <summary>dns-01: a TXT record at _acme-challenge.&lt;name&gt;, by RFC 2136 update (-DnsServer, -DnsKeyPath) or a script (-DnsScript).</summary>
    Dns01,
}
