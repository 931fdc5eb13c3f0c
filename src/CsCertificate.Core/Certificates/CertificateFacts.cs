// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CsCertificate.Common;
using CsCertificate.Resources;
using Org.BouncyCastle.Asn1.X509;
using BcCertificate = Org.BouncyCastle.X509.X509Certificate;
using X509CertificateParser = Org.BouncyCastle.X509.X509CertificateParser;

namespace CsCertificate.Certificates;

/// <summary>
/// What the module needs to know of a DER certificate without installing it: which key it has, which names,
/// when it is valid, and whether it is a CA certificate.
/// </summary>
internal sealed class CertificateFacts
{
    /// <summary>The GeneralName tag of a DNS name (RFC 5280 4.2.1.6).</summary>
    private const int DnsNameTag = 2;

    private readonly BcCertificate _parsed;

    private CertificateFacts(byte[] der, BcCertificate parsed)
    {
        Der = der;
        _parsed = parsed;
        PublicKeyId = Keys.PublicKeyId.Of(parsed.CertificateStructure.SubjectPublicKeyInfo.GetDerEncoded());
        Subject = new X500DistinguishedName(parsed.SubjectDN.GetDerEncoded()).Name;
        CommonNames = parsed.SubjectDN.GetValueList(X509Name.CN).ToList();
        DnsNames = (parsed.GetSubjectAlternativeNames() ?? new List<IList<object>>())
            .Where(n => n.Count == 2 && Convert.ToInt32(n[0], CultureInfo.InvariantCulture) == DnsNameTag)
            .Select(n => n[1]?.ToString() ?? string.Empty)
            .ToList();
        NotBefore = DateTime.SpecifyKind(parsed.NotBefore, DateTimeKind.Utc);
        NotAfter = DateTime.SpecifyKind(parsed.NotAfter, DateTimeKind.Utc);
        using SHA1 sha1 = SHA1.Create();
        Thumbprint = BitConverter.ToString(sha1.ComputeHash(der)).Replace("-", string.Empty);
    }

    /// <summary>Gets the certificate as DER.</summary>
    public byte[] Der { get; }

    /// <summary>Gets the <see cref="Keys.PublicKeyId"/> of the certificate's key.</summary>
    public string PublicKeyId { get; }

    /// <summary>Gets the SHA-1 thumbprint in upper-case hex, as Windows shows it.</summary>
    public string Thumbprint { get; }

    /// <summary>Gets the Subject as .NET and Windows write it ("CN=pool.contoso.com, O=Contoso").</summary>
    public string Subject { get; }

    /// <summary>Gets the Subject's common names.</summary>
    public IReadOnlyList<string> CommonNames { get; }

    /// <summary>Gets the DNS names of the Subject Alternative Name extension, in order.</summary>
    public IReadOnlyList<string> DnsNames { get; }

    public DateTime NotBefore { get; }

    public DateTime NotAfter { get; }

    /// <summary>Gets a value indicating whether the certificate says it is a CA's (BasicConstraints cA=true).</summary>
    public bool IsCertificationAuthority => _parsed.GetBasicConstraints() >= 0;

    /// <summary>Reads a DER certificate.</summary>
    /// <exception cref="CsCertificateException">The bytes are not a certificate.</exception>
    public static CertificateFacts Read(byte[] der)
    {
        try
        {
            BcCertificate parsed = new X509CertificateParser().ReadCertificate(der) ?? throw new ArgumentException("empty");
            return new CertificateFacts(der, parsed);
        }
        catch (Exception ex) when (!(ex is CsCertificateException))
        {
            throw new CsCertificateException(ErrorIds.CertificateResponseInvalid, ErrorKind.InvalidData, Messages.Format(Strings.CertificateUnreadable, ex.Message), null, ex);
        }
    }

    /// <summary>Gets a value indicating whether this certificate's Subject is the Issuer of another one.</summary>
    public bool Issued(CertificateFacts other) =>
        !ReferenceEquals(this, other) && !other.Thumbprint.Equals(Thumbprint, StringComparison.Ordinal) && _parsed.SubjectDN.Equivalent(other._parsed.IssuerDN);

    /// <summary>
    /// The names of <paramref name="requested"/> that the certificate has neither in its SAN nor as its Subject's
    /// common name, compared case-insensitively as DNS names are; each missing name once, in the order given.
    /// </summary>
    public IReadOnlyList<string> MissingNames(IEnumerable<string> requested)
    {
        var present = new HashSet<string>(DnsNames.Concat(CommonNames), StringComparer.OrdinalIgnoreCase);
        var missing = new List<string>();
        foreach (string name in requested)
        {
            if (!string.IsNullOrEmpty(name) && !present.Contains(name) && !missing.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                missing.Add(name);
            }
        }

        return missing;
    }
}
