// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using CsCertificate.Common;
using CsCertificate.Resources;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Pkcs;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Pkcs;

namespace CsCertificate.Certificates;

/// <summary>
/// What a PFX file carries for one certificate: its private key, the certificate (DER), the chain after it
/// (issuer after subject) and the certificate's friendly name. The key is kept encoded (PKCS#8): BouncyCastle's RSA
/// key objects check their modulus with a Miller-Rabin test each time one is made, tens of milliseconds.
/// </summary>
internal sealed class Pkcs12Content
{
    public Pkcs12Content(PrivateKeyInfo key, byte[] certificate, IReadOnlyList<byte[]> chain, string? friendlyName)
    {
        Key = key;
        Certificate = certificate;
        Chain = chain;
        FriendlyName = friendlyName;
    }

    public PrivateKeyInfo Key { get; }

    /// <summary>Gets a value indicating whether the key is an RSA key.</summary>
    public bool IsRsa => Key.PrivateKeyAlgorithm.Algorithm.Equals(PkcsObjectIdentifiers.RsaEncryption);

    public byte[] Certificate { get; }

    public IReadOnlyList<byte[]> Chain { get; }

    /// <summary>Gets the friendly name of the certificate's bag, which Windows shows; null when it has none.</summary>
    public string? FriendlyName { get; }

    /// <summary>Reads the first private key of a PFX file with its certificate and chain.</summary>
    /// <exception cref="CsCertificateException">The password is wrong, the file is not a PFX, or it holds no private key.</exception>
    public static Pkcs12Content Read(byte[] pfx, char[] password)
    {
        Pkcs12Store store;
        try
        {
            store = new Pkcs12StoreBuilder().Build();
            store.Load(new MemoryStream(pfx, writable: false), password);
        }
        catch (Exception ex) when (ex is IOException || ex is ArgumentException || ex is InvalidOperationException || ex is Org.BouncyCastle.Security.SecurityUtilityException || ex is CryptoException)
        {
            throw new CsCertificateException(ErrorIds.CertificateResponseInvalid, ErrorKind.InvalidData, Messages.Format(Strings.Pkcs12Unreadable, ex.Message), null, ex);
        }

        string? alias = store.Aliases.FirstOrDefault(store.IsKeyEntry);
        if (alias == null)
        {
            throw new CsCertificateException(ErrorIds.CertificateResponseInvalid, ErrorKind.InvalidData, Strings.Pkcs12WithoutKey, null);
        }

        X509CertificateEntry[] chain = store.GetCertificateChain(alias) ?? Array.Empty<X509CertificateEntry>();
        X509CertificateEntry? leaf = chain.FirstOrDefault() ?? store.GetCertificate(alias);
        if (leaf == null)
        {
            throw new CsCertificateException(ErrorIds.CertificateResponseInvalid, ErrorKind.InvalidData, Strings.Pkcs12WithoutCertificate, null);
        }

        // The key bag's friendlyName is a key container name on Windows; the certificate bag's is the one users see.
        string? friendlyName = leaf.TryGetAttribute(PkcsObjectIdentifiers.Pkcs9AtFriendlyName, out Asn1Encodable? name) && name is DerBmpString text
            ? text.GetString()
            : null;
        return new Pkcs12Content(
            PrivateKeyInfoFactory.CreatePrivateKeyInfo(store.GetKey(alias).Key),
            leaf.Certificate.GetEncoded(),
            chain.Skip(1).Select(e => e.Certificate.GetEncoded()).ToList(),
            friendlyName);
    }
}
