// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using CsCertificate.Common;
using CsCertificate.Keys;
using CsCertificate.Resources;
using Org.BouncyCastle.X509;

namespace CsCertificate.Certificates;

/// <summary>
/// What the module needs to know of a DER certificate without installing it.
/// </summary>
internal static class CertificateFacts
{
    /// <summary>Gets the <see cref="PublicKeyId"/> of a certificate's key.</summary>
    /// <exception cref="CsCertificateException">The bytes are not a certificate.</exception>
    public static string PublicKeyIdOf(byte[] certificate)
    {
        try
        {
            X509Certificate parsed = new X509CertificateParser().ReadCertificate(certificate)
                ?? throw new ArgumentException("empty");
            return PublicKeyId.Of(parsed.CertificateStructure.SubjectPublicKeyInfo.GetDerEncoded());
        }
        catch (Exception ex) when (!(ex is CsCertificateException))
        {
            throw new CsCertificateException(ErrorIds.CertificateResponseInvalid, ErrorKind.InvalidData, Messages.Format(Strings.CertificateUnreadable, ex.Message), null, ex);
        }
    }
}
