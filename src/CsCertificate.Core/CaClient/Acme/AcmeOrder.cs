// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System.Runtime.Serialization;

namespace CsCertificate.CaClient.Acme;

/// <summary>
/// An ACME order (RFC 8555 §7.1.3): its status, authorizations, finalize URL and, once valid, certificate URL.
/// </summary>
[DataContract]
internal sealed class AcmeOrder
{
    [DataMember(Name = "status")]
    public string? Status { get; set; }

    [DataMember(Name = "identifiers")]
    public AcmeIdentifier[]? Identifiers { get; set; }

    [DataMember(Name = "authorizations")]
    public string[]? Authorizations { get; set; }

    [DataMember(Name = "finalize")]
    public string? Finalize { get; set; }

    [DataMember(Name = "certificate")]
    public string? Certificate { get; set; }

    [DataMember(Name = "error")]
    public AcmeProblem? Error { get; set; }
}
