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

    [DataMember(Name = "type")]
    public string? Type { get; set; }

    [DataMember(Name = "detail")]
    public string? Detail { get; set; }

    [DataMember(Name = "status")]
    public int Status { get; set; }

    /// <summary>Gets the error name without the ACME prefix: "badNonce", "unauthorized".</summary>
    public string ShortType => Type != null && Type.StartsWith(Prefix, System.StringComparison.Ordinal) ? Type.Substring(Prefix.Length) : Type ?? string.Empty;
}
