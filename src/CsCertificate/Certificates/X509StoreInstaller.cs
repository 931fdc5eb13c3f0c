// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CsCertificate.Common;
using CsCertificate.Keys;
using CsCertificate.Resources;
using Org.BouncyCastle.Asn1.Pkcs;
using Org.BouncyCastle.Pkcs;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.X509;
using BcCertificate = Org.BouncyCastle.X509.X509Certificate;

namespace CsCertificate.Certificates;

/// <summary>
/// Installs certificates the way the original cmdlet does on Windows: LocalMachine\My, with the friendly name,
/// the key non-exportable unless asked. Elsewhere .NET keeps CurrentUser\My (what Cert:\CurrentUser\My shows in
/// PowerShell 7), which cannot enforce a non-exportable key. Intermediate certificates go to the CA store so the
/// chain builds; roots are never trusted on the CA's word.
/// </summary>
internal sealed class X509StoreInstaller : ICertificateInstaller
{
    private static readonly bool s_isWindows = RuntimeInformation.IsOSPlatform(OSPlatform.Windows);

    private static StoreLocation Location => s_isWindows ? StoreLocation.LocalMachine : StoreLocation.CurrentUser;

    public InstalledCertificate Install(byte[] leaf, IReadOnlyList<byte[]> chain, KeyPair key, string friendlyName, bool exportable)
    {
        var parser = new X509CertificateParser();
        BcCertificate leafCertificate = parser.ReadCertificate(leaf);
        var pkcs12 = new Pkcs12StoreBuilder().Build();
        var entries = new[] { new X509CertificateEntry(leafCertificate) }
            .Concat(chain.Select(c => new X509CertificateEntry(parser.ReadCertificate(c))))
            .ToArray();
        pkcs12.SetKeyEntry(friendlyName, new AsymmetricKeyEntry(key.PrivateKey), entries);

        // The PFX lives only in memory, between BouncyCastle and the platform store; its password is throwaway.
        string password = Guid.NewGuid().ToString("N");
        using var buffer = new MemoryStream();
        pkcs12.Save(buffer, password.ToCharArray(), new SecureRandom());
        return InstallPfx(buffer.ToArray(), password, exportable, friendlyName, chain);
    }

    public InstalledCertificate InstallPkcs12(byte[] pfx, string? password, bool exportable)
    {
        Pkcs12Store store;
        try
        {
            store = new Pkcs12StoreBuilder().Build();
            store.Load(new MemoryStream(pfx, writable: false), (password ?? string.Empty).ToCharArray());
        }
        catch (Exception ex) when (ex is IOException || ex is ArgumentException || ex is InvalidOperationException || ex is Org.BouncyCastle.Security.SecurityUtilityException || ex is Org.BouncyCastle.Crypto.CryptoException)
        {
            throw new CsCertificateException(ErrorIds.CertificateResponseInvalid, ErrorKind.InvalidData, Messages.Format(Strings.Pkcs12Unreadable, ex.Message), null, ex);
        }

        string? alias = store.Aliases.FirstOrDefault(store.IsKeyEntry);
        if (alias == null)
        {
            throw new CsCertificateException(ErrorIds.CertificateResponseInvalid, ErrorKind.InvalidData, Strings.Pkcs12WithoutKey, null);
        }

        IReadOnlyList<byte[]> chain = store.GetCertificateChain(alias).Skip(1).Select(e => e.Certificate.GetEncoded()).ToList();
        return InstallPfx(pfx, password ?? string.Empty, exportable, null, chain);
    }

    public void CheckCanInstall()
    {
        try
        {
            using var my = new X509Store(StoreName.My, Location);
            my.Open(OpenFlags.ReadWrite);
        }
        catch (CryptographicException ex)
        {
            throw new CsCertificateException(ErrorIds.CertificateStoreNotWritable, ErrorKind.PermissionDenied, Messages.Format(Strings.CertificateStoreNotWritable, Location, ex.Message), "Cert:\\" + Location + "\\My", ex);
        }
    }

    /// <summary>
    /// Loads the PFX (which persists its key) and adds the certificate to My as the last step, after its chain:
    /// when anything fails before that, the key container the load created is deleted again.
    /// </summary>
    private static InstalledCertificate InstallPfx(byte[] pfx, string password, bool exportable, string? friendlyName, IReadOnlyList<byte[]> chain)
    {
        X509KeyStorageFlags flags = X509KeyStorageFlags.PersistKeySet;
        if (s_isWindows)
        {
            flags |= X509KeyStorageFlags.MachineKeySet;
        }

        // .NET's stores on Linux and macOS save the key by exporting it, so there the key must be exportable.
        if (exportable || !s_isWindows)
        {
            flags |= X509KeyStorageFlags.Exportable;
        }

        X509Certificate2? certificate = null;
        try
        {
            certificate = new X509Certificate2(pfx, password, flags);
            if (s_isWindows && friendlyName != null)
            {
                certificate.FriendlyName = friendlyName;
            }

            AddIntermediates(chain);
            using (var my = new X509Store(StoreName.My, Location))
            {
                my.Open(OpenFlags.ReadWrite);
                my.Add(certificate);
            }

            return Describe(certificate);
        }
        catch (Exception ex)
        {
            if (certificate != null)
            {
                // My was not changed: the key the load persisted belongs to nothing.
                PersistedKey.Delete(certificate);
            }

            if (ex is CryptographicException)
            {
                throw new CsCertificateException(ErrorIds.CertificateInstallFailed, ErrorKind.WriteError, Messages.Format(Strings.CertificateInstallFailed, Location, ex.Message), null, ex);
            }

            throw;
        }
    }

    private static void AddIntermediates(IReadOnlyList<byte[]> chain)
    {
        var intermediates = chain.Select(c => new X509Certificate2(c)).Where(c => c.Subject != c.Issuer).ToList();
        if (intermediates.Count == 0)
        {
            return;
        }

        using var store = new X509Store(StoreName.CertificateAuthority, Location);
        store.Open(OpenFlags.ReadWrite);
        foreach (X509Certificate2 certificate in intermediates)
        {
            store.Add(certificate);
        }
    }

    public bool HasCertificateWithKey(string thumbprint)
    {
        try
        {
            using var my = new X509Store(StoreName.My, Location);
            my.Open(OpenFlags.ReadOnly | OpenFlags.OpenExistingOnly);
            X509Certificate2Collection found = my.Certificates.Find(X509FindType.FindByThumbprint, thumbprint, validOnly: false);
            try
            {
                return found.Cast<X509Certificate2>().Any(OpensPrivateKey);
            }
            finally
            {
                foreach (X509Certificate2 certificate in found)
                {
                    certificate.Dispose();
                }
            }
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    /// <summary>Opens the key rather than trusting HasPrivateKey, which on Windows only says a key is linked.</summary>
    private static bool OpensPrivateKey(X509Certificate2 certificate)
    {
        if (!certificate.HasPrivateKey)
        {
            return false;
        }

        using AsymmetricAlgorithm? key = (AsymmetricAlgorithm?)certificate.GetRSAPrivateKey() ?? certificate.GetECDsaPrivateKey();
        return key != null;
    }

    private static InstalledCertificate Describe(X509Certificate2 certificate)
    {
        return new InstalledCertificate
        {
            Thumbprint = certificate.Thumbprint,
            Subject = certificate.Subject,
            Issuer = certificate.Issuer,
            SerialNumber = certificate.SerialNumber,
            NotBefore = certificate.NotBefore.ToUniversalTime(),
            NotAfter = certificate.NotAfter.ToUniversalTime(),
            AlternativeNames = CertificateFacts.Read(certificate.RawData).DnsNames.ToArray(),
            StorePath = "Cert:\\" + Location + "\\My\\" + certificate.Thumbprint,
            ExportabilityEnforced = s_isWindows,
        };
    }
}
