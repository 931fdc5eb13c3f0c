// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System.Runtime.Serialization;

namespace CsCertificate.CaClient.Acme;

/// <summary>
/// One challenge the module answers, as acme/challenges/&lt;token&gt;.json keeps it while its authorization is
/// pending: what to answer, for which order and request, and whether the command that answered it has stopped
/// serving it. Any responder of the data folder answers from these files, and -Retrieve reads them to tell an
/// order nobody answered from an order the CA refused.
/// </summary>
[DataContract]
internal sealed class AcmeChallengeRecord
{
    /// <summary>Gets or sets the challenge type: http-01 today.</summary>
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
}
