// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System.Runtime.Serialization;

namespace CsCertificate.CaClient.Acme;

/// <summary>
/// The account.json of an ACME account: which directory, and the account URL the server gave.
/// </summary>
[DataContract]
internal sealed class AcmeAccountRecord
{
    [DataMember(Name = "directory", Order = 0)]
    public string? Directory { get; set; }

    [DataMember(Name = "accountUrl", Order = 1)]
    public string? AccountUrl { get; set; }

    [DataMember(Name = "created", Order = 2)]
    public string? Created { get; set; }
}
