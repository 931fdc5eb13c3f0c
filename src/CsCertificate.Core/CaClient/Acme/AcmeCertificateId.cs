// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using Org.BouncyCastle.Asn1.X509;
using X509CertificateParser = Org.BouncyCastle.X509.X509CertificateParser;

namespace CsCertificate.CaClient.Acme;

/// <summary>
/// The ACME certificate identifier of RFC 9773 §4.1, by which a CA is asked for a certificate's renewal window and
/// told which certificate a new order replaces: base64url of the keyIdentifier of the certificate's Authority Key
/// Identifier extension, ".", base64url of the DER content octets of its serial number.
/// </summary>
internal static class AcmeCertificateId
{
    public static string Of(byte[] keyIdentifier, byte[] serialNumber) => Base64Url.Encode(keyIdentifier) + "." + Base64Url.Encode(serialNumber);

    /// <summary>The identifier of a DER certificate, or null when it has no authority key identifier (it cannot have one then).</summary>
    public static string? Of(byte[] certificate)
    {
        var parsed = new X509CertificateParser().ReadCertificate(certificate) ?? throw new ArgumentException("The bytes are not a certificate.", nameof(certificate));
        byte[]? keyIdentifier = AuthorityKeyIdentifier.FromExtensions(parsed.CertificateStructure.TbsCertificate.Extensions)?.KeyIdentifier?.GetOctets();

        // BigInteger.ToByteArray is the two's complement big-endian form: the INTEGER's content octets, with the
        // leading zero that a serial with its top bit set needs.
        return keyIdentifier == null || keyIdentifier.Length == 0 ? null : Of(keyIdentifier, parsed.SerialNumber.ToByteArray());
    }
}
