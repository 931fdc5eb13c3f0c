// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System.Runtime.Serialization;

namespace CsCertificate.CaClient.Acme;

/// <summary>
/// One challenge of an authorization (RFC 8555 §8); this module answers http-01 and dns-01.
/// </summary>
[DataContract]
internal sealed class AcmeChallenge
{
    public const string Http01 = "http-01";

    public const string Dns01 = "dns-01";

    [DataMember(Name = "type")]
    public string? Type { get; set; }

    [DataMember(Name = "url")]
    public string? Url { get; set; }

    [DataMember(Name = "token")]
    public string? Token { get; set; }

    [DataMember(Name = "status")]
    public string? Status { get; set; }

    [DataMember(Name = "error")]
    public AcmeProblem? Error { get; set; }
}
