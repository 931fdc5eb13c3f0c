// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System.Collections.Generic;
using System.IO;
using System.Linq;
using CsCertificate.Keys;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Pkcs;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Pkcs;
using Org.BouncyCastle.Utilities.IO.Pem;
using PemWriter = Org.BouncyCastle.Utilities.IO.Pem.PemWriter;

namespace CsCertificate.Csr;

/// <summary>
/// Builds the PKCS#10 request: Subject, SAN, EKU, KeyUsage and the template-name extension, signed with
/// SHA-256 (RSA PKCS#1 v1.5, never RSASSA-PSS, which Skype for Business does not support) or ECDSA.
/// </summary>
internal static class CsrBuilder
{
    /// <summary>szOID_ENROLL_CERTTYPE_EXTENSION: the template name as a bare BMPString, as AD CS writes it.</summary>
    public const string TemplateNameExtensionOid = "1.3.6.1.4.1.311.20.2";

    public static CertificateSigningRequest Build(CsrSpec spec, KeyPair key)
    {
        X509Name subject = Subject(spec);
        var extensions = new X509ExtensionsGenerator();
        if (spec.AlternativeNames.Count > 0)
        {
            GeneralName[] names = spec.AlternativeNames.Select(n => new GeneralName(GeneralName.DnsName, n)).ToArray();
            extensions.AddExtension(X509Extensions.SubjectAlternativeName, false, new GeneralNames(names));
        }

        KeyPurposeID[] purposes = spec.ClientAuthentication
            ? new[] { KeyPurposeID.id_kp_serverAuth, KeyPurposeID.id_kp_clientAuth }
            : new[] { KeyPurposeID.id_kp_serverAuth };
        extensions.AddExtension(X509Extensions.ExtendedKeyUsage, false, new ExtendedKeyUsage(purposes));

        int usage = key.Spec.IsRsa
            ? KeyUsage.DigitalSignature | KeyUsage.KeyEncipherment
            : KeyUsage.DigitalSignature | KeyUsage.KeyAgreement;
        extensions.AddExtension(X509Extensions.KeyUsage, true, new KeyUsage(usage));

        if (!string.IsNullOrEmpty(spec.Template))
        {
            extensions.AddExtension(new DerObjectIdentifier(TemplateNameExtensionOid), false, new DerBmpString(spec.Template));
        }

        var extensionRequest = new AttributePkcs(PkcsObjectIdentifiers.Pkcs9AtExtensionRequest, new DerSet(extensions.Generate()));
        var request = new Pkcs10CertificationRequest(new PlatformSignatureFactory(key), subject, key.PublicKeyInfo, new DerSet(extensionRequest));
        byte[] der = request.GetDerEncoded();

        using var writer = new StringWriter();
        new PemWriter(writer).WriteObject(new PemObject("CERTIFICATE REQUEST", der));
        return new CertificateSigningRequest(der, writer.ToString(), SubjectFormatter.Format(spec.SubjectName, spec.Attributes));
    }

    /// <summary>The Subject in X.500 order (C, ST, L, O, OU, CN), the order openssl and AD CS expect.</summary>
    private static X509Name Subject(CsrSpec spec)
    {
        var oids = new List<DerObjectIdentifier>();
        var values = new List<string>();
        void Add(DerObjectIdentifier oid, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                oids.Add(oid);
                values.Add(value!);
            }
        }

        SubjectAttributes a = spec.Attributes;
        Add(X509Name.C, a.Country);
        Add(X509Name.ST, a.State);
        Add(X509Name.L, a.City);
        Add(X509Name.O, a.Organization);
        Add(X509Name.OU, a.OrganizationalUnit);
        Add(X509Name.CN, spec.SubjectName);
        return new X509Name(oids, values);
    }
}
