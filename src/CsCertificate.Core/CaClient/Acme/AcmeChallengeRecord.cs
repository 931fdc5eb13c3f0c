// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System.Runtime.Serialization;

namespace CsCertificate.CaClient.Acme;

/// <summary>
/// One challenge the module answers, as acme/challenges/&lt;token&gt;.json keeps it while its authorization is
/// pending: what to answer, for which order and request, and whether the command that answered it has stopped
/// serving it. Any responder of the data folder answers from these files, and -Retrieve reads them to tell an
/// order nobody answered from an order the CA refused. A dns-01 challenge also keeps the TXT record it adds and
/// where (zone, server, key file or script: paths, never the key), so that a later command removes a record that
/// a killed command left.
/// </summary>
[DataContract]
internal sealed class AcmeChallengeRecord
{
    /// <summary>Gets or sets the challenge type: http-01 or dns-01.</summary>
    [DataMember(Name = "type", Order = 0)]
    public string? Type { get; set; }

    /// <summary>Gets or sets the token, which is also the file name.</summary>
    [DataMember(Name = "token", Order = 1)]
    public string? Token { get; set; }

    /// <summary>Gets or sets the key authorization (token.thumbprint): what the validator must find.</summary>
    [DataMember(Name = "keyAuthorization", Order = 2)]
    public string? KeyAuthorization { get; set; }

    /// <summary>Gets or sets the name the authorization is for.</summary>
    [DataMember(Name = "identifier", Order = 3)]
    public string? Identifier { get; set; }

    [DataMember(Name = "authorization", Order = 4)]
    public string? Authorization { get; set; }

    [DataMember(Name = "order", Order = 5)]
    public string? Order { get; set; }

    /// <summary>Gets or sets the store's request id, so that -Clear removes the request's challenges.</summary>
    [DataMember(Name = "requestId", Order = 6)]
    public int RequestId { get; set; }

    /// <summary>Gets or sets when the authorization expires (RFC 3339, from the server); the file is useless after.</summary>
    [DataMember(Name = "expires", Order = 7, EmitDefaultValue = false)]
    public string? Expires { get; set; }

    /// <summary>
    /// Gets or sets when the command that answered the challenge closed its responder while the authorization was
    /// still pending (ISO 8601 UTC); null while a command serves it.
    /// </summary>
    [DataMember(Name = "responderClosed", Order = 8, EmitDefaultValue = false)]
    public string? ResponderClosed { get; set; }

    /// <summary>Gets or sets the full name of the dns-01 TXT record: _acme-challenge.&lt;name&gt;, or where its CNAME points.</summary>
    [DataMember(Name = "txtName", Order = 9, EmitDefaultValue = false)]
    public string? TxtName { get; set; }

    /// <summary>Gets or sets the TXT value: base64url(SHA-256(key authorization)).</summary>
    [DataMember(Name = "txtValue", Order = 10, EmitDefaultValue = false)]
    public string? TxtValue { get; set; }

    /// <summary>Gets or sets the zone that holds the record.</summary>
    [DataMember(Name = "zone", Order = 11, EmitDefaultValue = false)]
    public string? Zone { get; set; }

    /// <summary>Gets or sets the server the RFC 2136 updates go to (address:port); null for a script.</summary>
    [DataMember(Name = "dnsServer", Order = 12, EmitDefaultValue = false)]
    public string? DnsServer { get; set; }

    /// <summary>Gets or sets the TSIG key file the updates are signed with (its path).</summary>
    [DataMember(Name = "dnsKeyPath", Order = 13, EmitDefaultValue = false)]
    public string? DnsKeyPath { get; set; }

    /// <summary>Gets or sets the script that adds and removes the record.</summary>
    [DataMember(Name = "dnsScript", Order = 14, EmitDefaultValue = false)]
    public string? DnsScript { get; set; }

    /// <summary>
    /// Gets or sets a value indicating whether the TXT record may be in DNS: set before it is added, cleared once it
    /// is removed. A command that finds it set for its request removes the record first.
    /// </summary>
    [DataMember(Name = "published", Order = 15, EmitDefaultValue = false)]
    public bool Published { get; set; }
}
