// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System.Runtime.Serialization;

namespace CsCertificate.CaClient.Acme;

/// <summary>
/// An ACME directory (RFC 8555 §7.1.1): the URLs of the server's resources. Never hard-coded; always read.
/// </summary>
[DataContract]
internal sealed class AcmeDirectory
{
    [DataMember(Name = "newNonce")]
    public string? NewNonce { get; set; }

    [DataMember(Name = "newAccount")]
    public string? NewAccount { get; set; }

    [DataMember(Name = "newOrder")]
    public string? NewOrder { get; set; }

    /// <summary>Gets or sets the renewal information resource (RFC 9773), when the server offers it.</summary>
    [DataMember(Name = "renewalInfo")]
    public string? RenewalInfo { get; set; }

    [DataMember(Name = "meta")]
    public AcmeDirectoryMeta? Meta { get; set; }
}
