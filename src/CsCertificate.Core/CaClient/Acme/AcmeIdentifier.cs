// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System.Runtime.Serialization;

namespace CsCertificate.CaClient.Acme;

/// <summary>
/// An identifier of an order or authorization: {"type": "dns", "value": "…"}.
/// </summary>
[DataContract]
internal sealed class AcmeIdentifier
{
    [DataMember(Name = "type")]
    public string? Type { get; set; }

    [DataMember(Name = "value")]
    public string? Value { get; set; }
}
