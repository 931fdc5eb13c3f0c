// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System.Runtime.Serialization;

namespace CsCertificate.CaClient.Acme;

/// <summary>
/// An ACME authorization (RFC 8555 §7.1.4): proof of control of one identifier, by one of its challenges.
/// </summary>
[DataContract]
internal sealed class AcmeAuthorization
{
    [DataMember(Name = "status")]
    public string? Status { get; set; }

    [DataMember(Name = "identifier")]
    public AcmeIdentifier? Identifier { get; set; }

    [DataMember(Name = "challenges")]
    public AcmeChallenge[]? Challenges { get; set; }

    /// <summary>Gets or sets when the authorization expires (RFC 3339).</summary>
    [DataMember(Name = "expires")]
    public string? Expires { get; set; }

    [DataMember(Name = "wildcard")]
    public bool Wildcard { get; set; }
}
