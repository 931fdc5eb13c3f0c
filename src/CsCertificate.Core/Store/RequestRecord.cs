// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.Linq;
using System.Runtime.Serialization;
using CsCertificate.Model;

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

    private static readonly string[] s_statusNames = Enum.GetNames(typeof(RequestStatus));

    private string _statusName = string.Empty;
    private RequestStatus? _status;

    [DataMember(Name = "schemaVersion", Order = 0)]
    public int SchemaVersion { get; set; } = CurrentSchemaVersion;

    [DataMember(Name = "requestId", Order = 1)]
    public int RequestId { get; set; }

    /// <summary>Gets or sets the CA's own id for the request (AD CS request id, ACME order URL) when it differs.</summary>
    [DataMember(Name = "caRequestId", Order = 2, EmitDefaultValue = false)]
    public string? CaRequestId { get; set; }

    /// <summary>
    /// Gets or sets the status as the file holds it: the name of a <see cref="RequestStatus"/>. A record with any
    /// other text is not the store's (<see cref="HasKnownStatus"/>), and the store moves it aside.
    /// </summary>
    [DataMember(Name = "status", Order = 3)]
    public string StatusName
    {
        get => _statusName;
        set
        {
            _statusName = value;
            _status = s_statusNames.Contains(value, StringComparer.Ordinal) ? (RequestStatus)Enum.Parse(typeof(RequestStatus), value) : null;
        }
    }

    /// <summary>Gets or sets the state of the request; <see cref="RequestStatus.Failed"/> for a record whose status is unknown.</summary>
    public RequestStatus Status
    {
        get => _status ?? RequestStatus.Failed;
        set
        {
            _status = value;
            _statusName = value.ToString();
        }
    }

    /// <summary>Gets a value indicating whether the stored status is the name of a <see cref="RequestStatus"/>.</summary>
    public bool HasKnownStatus => _status != null;

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

    /// <summary>Gets or sets where the issued certificate was installed: Cert:\LocalMachine\My\&lt;thumbprint&gt; on Windows, CurrentUser\My\&lt;thumbprint&gt; (.NET's store) elsewhere.</summary>
    [DataMember(Name = "certificatePath", Order = 31, EmitDefaultValue = false)]
    public string? CertificatePath { get; set; }

    /// <summary>
    /// Gets or sets the chain the CA returned with the certificate (base64 DER, issuer after subject), which
    /// Export-CsCertificate writes with it; null for certificates issued before the module kept it.
    /// </summary>
    [DataMember(Name = "chain", Order = 32, EmitDefaultValue = false)]
    public string[]? Chain { get; set; }

    // What a renewal replays (Update-CsCertificate): the parameters of -New that the names and the Subject do not
    // show. Written only when set, so records of earlier versions read as they were (none of them set).

    [DataMember(Name = "organization", Order = 33, EmitDefaultValue = false)]
    public string? Organization { get; set; }

    [DataMember(Name = "organizationalUnit", Order = 34, EmitDefaultValue = false)]
    public string? OrganizationalUnit { get; set; }

    [DataMember(Name = "city", Order = 35, EmitDefaultValue = false)]
    public string? City { get; set; }

    [DataMember(Name = "state", Order = 36, EmitDefaultValue = false)]
    public string? State { get; set; }

    [DataMember(Name = "country", Order = 37, EmitDefaultValue = false)]
    public string? Country { get; set; }

    /// <summary>Gets or sets -DomainName as given (comma-separated).</summary>
    [DataMember(Name = "domainName", Order = 38, EmitDefaultValue = false)]
    public string? DomainName { get; set; }

    [DataMember(Name = "allSipDomain", Order = 39, EmitDefaultValue = false)]
    public bool AllSipDomain { get; set; }

    /// <summary>Gets or sets the full paths of the topology files the names came from; null when the topology was the session's.</summary>
    [DataMember(Name = "topologyPaths", Order = 40, EmitDefaultValue = false)]
    public string[]? TopologyPaths { get; set; }

    /// <summary>Gets or sets -CaAccount (an AD CS account, or an ACME External Account Binding key id); its password is never stored.</summary>
    [DataMember(Name = "caAccount", Order = 41, EmitDefaultValue = false)]
    public string? CaAccount { get; set; }

    /// <summary>Gets or sets -FriendlyName as given; null when the friendly name was generated (a renewal generates it again, with a fresh date).</summary>
    [DataMember(Name = "givenFriendlyName", Order = 42, EmitDefaultValue = false)]
    public string? GivenFriendlyName { get; set; }

    /// <summary>Gets or sets the request this one renews (0: none). Written with the request, before its CA is called.</summary>
    [DataMember(Name = "renews", Order = 43, EmitDefaultValue = false)]
    public int Renews { get; set; }

    /// <summary>Gets or sets the request that renews this one's certificate (0: none).</summary>
    [DataMember(Name = "renewedBy", Order = 44, EmitDefaultValue = false)]
    public int RenewedBy { get; set; }

    /// <summary>Gets or sets the thumbprint of the certificate this request replaces (the one of <see cref="Renews"/>).</summary>
    [DataMember(Name = "previousThumbprint", Order = 45, EmitDefaultValue = false)]
    public string? PreviousThumbprint { get; set; }

    /// <summary>
    /// Gets or sets the issued certificate's ACME certificate identifier (RFC 9773: base64url of its authority key
    /// identifier, ".", base64url of its serial number), by which a CA is asked when to renew it.
    /// </summary>
    [DataMember(Name = "certificateId", Order = 46, EmitDefaultValue = false)]
    public string? CertificateId { get; set; }

    /// <summary>Gets or sets the <see cref="CertificateId"/> of the certificate this request replaces, for the ACME order's "replaces".</summary>
    [DataMember(Name = "replaces", Order = 47, EmitDefaultValue = false)]
    public string? Replaces { get; set; }

    /// <summary>Gets or sets the ACME challenge type when it is not http-01: "dns-01"; null for http-01.</summary>
    [DataMember(Name = "acmeChallenge", Order = 48, EmitDefaultValue = false)]
    public string? AcmeChallenge { get; set; }

    /// <summary>Gets or sets -DnsServer as given: the server that takes the RFC 2136 updates of dns-01.</summary>
    [DataMember(Name = "dnsServer", Order = 49, EmitDefaultValue = false)]
    public string? DnsServer { get; set; }

    /// <summary>Gets or sets the full path of -DnsKeyPath, the TSIG key file: its path only, never its secret.</summary>
    [DataMember(Name = "dnsKeyPath", Order = 50, EmitDefaultValue = false)]
    public string? DnsKeyPath { get; set; }

    /// <summary>Gets or sets the full path of -DnsScript, which adds and removes the dns-01 TXT records.</summary>
    [DataMember(Name = "dnsScript", Order = 51, EmitDefaultValue = false)]
    public string? DnsScript { get; set; }
}
