// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System.Runtime.Serialization;

namespace CsCertificate.CaClient.Acme;

/// <summary>
/// An RFC 7807 problem document, as ACME servers report errors (RFC 8555 §6.7).
/// </summary>
[DataContract]
internal sealed class AcmeProblem
{
    public const string Prefix = "urn:ietf:params:acme:error:";

    /// <summary>Not an ACME error: the module's own type for an answer it could not read (broken, too large, incomplete).</summary>
    public const string UnreadableAnswer = "urn:cscertificate:error:unreadableAnswer";

    [DataMember(Name = "type")]
    public string? Type { get; set; }

    [DataMember(Name = "detail")]
    public string? Detail { get; set; }

    [DataMember(Name = "status")]
    public int Status { get; set; }

    /// <summary>Gets the error name without the ACME prefix: "badNonce", "unauthorized".</summary>
    public string ShortType => Type != null && Type.StartsWith(Prefix, System.StringComparison.Ordinal) ? Type.Substring(Prefix.Length) : Type ?? string.Empty;

    /// <summary>A problem for an answer the server sent that cannot be used; the request can be tried again.</summary>
    public static AcmeProtocolException Unreadable(string message) =>
        new AcmeProtocolException(new AcmeProblem { Type = UnreadableAnswer, Detail = message }, message);
}
