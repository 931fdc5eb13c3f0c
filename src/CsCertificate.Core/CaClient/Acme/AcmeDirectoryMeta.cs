// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System.Runtime.Serialization;

namespace CsCertificate.CaClient.Acme;

/// <summary>
/// The directory's "meta" object: terms of service and whether accounts need External Account Binding.
/// </summary>
[DataContract]
internal sealed class AcmeDirectoryMeta
{
    [DataMember(Name = "termsOfService")]
    public string? TermsOfService { get; set; }

    [DataMember(Name = "externalAccountRequired")]
    public bool ExternalAccountRequired { get; set; }
}
