// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System.Runtime.Serialization;

namespace CsCertificate.CaClient.Acme;

/// <summary>The "suggestedWindow" object of a renewal information answer (RFC 9773 §4.2): two RFC 3339 times.</summary>
[DataContract]
internal sealed class AcmeSuggestedWindow
{
    [DataMember(Name = "start")]
    public string? Start { get; set; }

    [DataMember(Name = "end")]
    public string? End { get; set; }
}
