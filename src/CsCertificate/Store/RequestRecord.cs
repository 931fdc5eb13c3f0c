// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System.Runtime.Serialization;

namespace CsCertificate.Store;

/// <summary>
/// One stored certificate request, as written to requests/&lt;id&gt;.json. It never holds a secret: the private
/// key lives in its own owner-only file, and CA passwords are never written anywhere.
/// </summary>
[DataContract]
internal sealed class RequestRecord
{
    /// <summary>The schema this module writes; a record with a higher number is refused, never rewritten.</summary>
    public const int CurrentSchemaVersion = 1;

    [DataMember(Name = "schemaVersion", Order = 0)]
    public int SchemaVersion { get; set; } = CurrentSchemaVersion;

    [DataMember(Name = "requestId", Order = 1)]
    public int RequestId { get; set; }

    /// <summary>Gets or sets the CA's own id for the request (AD CS request id, ACME order URL) when it differs.</summary>
    [DataMember(Name = "caRequestId", Order = 2, EmitDefaultValue = false)]
    public string? CaRequestId { get; set; }

    /// <summary>Gets or sets the <see cref="Model.RequestStatus"/> name.</summary>
    [DataMember(Name = "status", Order = 3)]
    public string Status { get; set; } = string.Empty;

    [DataMember(Name = "statusMessage", Order = 4, EmitDefaultValue = false)]
    public string? StatusMessage { get; set; }

    [DataMember(Name = "certificateUses", Order = 5)]
    public string[] CertificateUses { get; set; } = new string[0];

    /// <summary>Gets or sets the Subject CN.</summary>
    [DataMember(Name = "subjectName", Order = 6)]
    public string SubjectName { get; set; } = string.Empty;

    /// <summary>Gets or sets the full Subject, Windows style ("CN=…, O=…").</summary>
    [DataMember(Name = "subject", Order = 7)]
    public string Subject { get; set; } = string.Empty;

    [DataMember(Name = "alternativeNames", Order = 8)]
    public string[] AlternativeNames { get; set; } = new string[0];

    [DataMember(Name = "computerFqdn", Order = 9)]
    public string ComputerFqdn { get; set; } = string.Empty;

    [DataMember(Name = "poolFqdn", Order = 10)]
    public string PoolFqdn { get; set; } = string.Empty;

    [DataMember(Name = "role", Order = 11)]
    public string Role { get; set; } = string.Empty;

    [DataMember(Name = "friendlyName", Order = 12)]
    public string FriendlyName { get; set; } = string.Empty;

    [DataMember(Name = "ca", Order = 13, EmitDefaultValue = false)]
    public string? CA { get; set; }

    [DataMember(Name = "template", Order = 14, EmitDefaultValue = false)]
    public string? Template { get; set; }

    [DataMember(Name = "keyAlgorithm", Order = 15)]
    public string KeyAlgorithm { get; set; } = string.Empty;

    [DataMember(Name = "keySize", Order = 16)]
    public int KeySize { get; set; }

    [DataMember(Name = "clientEku", Order = 17)]
    public bool ClientEku { get; set; }

    [DataMember(Name = "privateKeyExportable", Order = 18)]
    public bool PrivateKeyExportable { get; set; }

    /// <summary>Gets or sets when the request was made, ISO 8601 UTC.</summary>
    [DataMember(Name = "requestTime", Order = 19)]
    public string RequestTime { get; set; } = string.Empty;

    [DataMember(Name = "updateTime", Order = 20, EmitDefaultValue = false)]
    public string? UpdateTime { get; set; }

    /// <summary>Gets or sets the offline request file written by -Output.</summary>
    [DataMember(Name = "outputPath", Order = 21, EmitDefaultValue = false)]
    public string? OutputPath { get; set; }

    /// <summary>Gets or sets the request (PEM).</summary>
    [DataMember(Name = "csr", Order = 22)]
    public string Csr { get; set; } = string.Empty;

    /// <summary>Gets or sets the SHA-256 of the DER SubjectPublicKeyInfo, to match an issued certificate to its key.</summary>
    [DataMember(Name = "publicKeySha256", Order = 23)]
    public string PublicKeySha256 { get; set; } = string.Empty;

    /// <summary>Gets or sets the key file name in the keys folder; null once the key has gone into the certificate store.</summary>
    [DataMember(Name = "keyFile", Order = 24, EmitDefaultValue = false)]
    public string? KeyFile { get; set; }

    [DataMember(Name = "topologySource", Order = 25, EmitDefaultValue = false)]
    public string? TopologySource { get; set; }

    /// <summary>Gets or sets the SHA-1 thumbprint of the issued certificate.</summary>
    [DataMember(Name = "thumbprint", Order = 26, EmitDefaultValue = false)]
    public string? Thumbprint { get; set; }

    [DataMember(Name = "serialNumber", Order = 27, EmitDefaultValue = false)]
    public string? SerialNumber { get; set; }

    [DataMember(Name = "issuer", Order = 28, EmitDefaultValue = false)]
    public string? Issuer { get; set; }

    [DataMember(Name = "notBefore", Order = 29, EmitDefaultValue = false)]
    public string? NotBefore { get; set; }

    [DataMember(Name = "notAfter", Order = 30, EmitDefaultValue = false)]
    public string? NotAfter { get; set; }

    /// <summary>Gets or sets where the issued certificate was installed: Cert:\LocalMachine\My\&lt;thumbprint&gt;.</summary>
    [DataMember(Name = "certificatePath", Order = 31, EmitDefaultValue = false)]
    public string? CertificatePath { get; set; }

    /// <summary>Gets or sets the ACME challenge type when it is not http-01: "dns-01"; null for http-01.</summary>
    [DataMember(Name = "acmeChallenge", Order = 32, EmitDefaultValue = false)]
    public string? AcmeChallenge { get; set; }

    /// <summary>Gets or sets -DnsServer as given: the server that takes the RFC 2136 updates of dns-01.</summary>
    [DataMember(Name = "dnsServer", Order = 33, EmitDefaultValue = false)]
    public string? DnsServer { get; set; }

    /// <summary>Gets or sets the full path of -DnsKeyPath, the TSIG key file: its path only, never its secret.</summary>
    [DataMember(Name = "dnsKeyPath", Order = 34, EmitDefaultValue = false)]
    public string? DnsKeyPath { get; set; }

    /// <summary>Gets or sets the full path of -DnsScript, which adds and removes the dns-01 TXT records.</summary>
    [DataMember(Name = "dnsScript", Order = 35, EmitDefaultValue = false)]
    public string? DnsScript { get; set; }
}
