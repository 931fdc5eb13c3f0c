// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CsCertificate.Common;
using CsCertificate.Keys;
using CsCertificate.Model;
using CsCertificate.Resources;
using Org.BouncyCastle.Asn1.Pkcs;

namespace CsCertificate.Certificates;

/// <summary>
/// Installs certificates the way the original cmdlet does on Windows: LocalMachine\My, with the friendly name,
/// an RSA key in the SChannel CryptoAPI provider, the key non-exportable unless asked. Elsewhere .NET keeps its
/// own CurrentUser\My store (files under ~/.dotnet on Linux, the login keychain on macOS), which no PowerShell
/// drive shows and which cannot enforce a non-exportable key. Intermediate certificates go to the CA store so the
/// chain builds; roots are never trusted on the CA's word.
/// </summary>
internal sealed class X509StoreInstaller : ICertificateInstaller
{
    private static readonly bool s_isWindows = RuntimeInformation.IsOSPlatform(OSPlatform.Windows);

    private static StoreLocation Location => s_isWindows ? StoreLocation.LocalMachine : StoreLocation.CurrentUser;

    public bool EnforcesNonExportableKeys => s_isWindows;

    public InstalledCertificate Install(byte[] leaf, IReadOnlyList<byte[]> chain, KeyPair key, string friendlyName, bool exportable) =>
        InstallContent(new Pkcs12Content(key.PrivateKeyInfo, leaf, chain, friendlyName), exportable, friendlyName);

    /// <summary>
    /// Installs a PFX file re-encoded by <see cref="Pkcs12Writer"/> (3DES, SHA-1 MAC, the SChannel provider for an
    /// RSA key): Windows Server 2012 R2 and 2016 cannot import the AES-256 files of OpenSSL 3 and Windows Server 2019.
    /// </summary>
    public InstalledCertificate InstallPkcs12(byte[] pfx, string? password, bool exportable) =>
        InstallContent(Pkcs12Content.Read(pfx, (password ?? string.Empty).ToCharArray()), exportable, null);

    /// <summary>
    /// The PFX the installer hands to the platform's store: 3DES with a SHA-1 MAC, which every Windows imports, and
    /// for an RSA key the Microsoft CSP name that puts it in the SChannel provider.
    /// </summary>
    internal static byte[] Pkcs12ForStore(Pkcs12Content content, char[] password) => Pkcs12Writer.Write(content, password, CryptoAlgorithmOption.TripleDES_SHA1);

    private static InstalledCertificate InstallContent(Pkcs12Content content, bool exportable, string? friendlyName)
    {
        // The PFX lives only in memory, between BouncyCastle and the platform store; its password is throwaway.
        string password = Guid.NewGuid().ToString("N");
        return InstallPfx(Pkcs12ForStore(content, password.ToCharArray()), password, exportable, friendlyName, content.Chain);
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

    /// <summary>Reads a certificate of the store with its private key, and the issuers of it that the CA store holds.</summary>
    public Pkcs12Content ReadWithKey(string thumbprint)
    {
        byte[] leaf;
        PrivateKeyInfo key;
        using (var my = new X509Store(StoreName.My, Location))
        {
            X509Certificate2Collection found = new X509Certificate2Collection();
            try
            {
                my.Open(OpenFlags.ReadOnly | OpenFlags.OpenExistingOnly);
                found = my.Certificates.Find(X509FindType.FindByThumbprint, thumbprint, validOnly: false);
            }
            catch (CryptographicException)
            {
                // A store that does not exist yet holds nothing.
            }

            try
            {
                X509Certificate2 certificate = found.Cast<X509Certificate2>().FirstOrDefault() ?? throw new CsCertificateException(
                    ErrorIds.ExportCertificateNotFound, ErrorKind.ObjectNotFound, Messages.Format(Strings.ExportCertificateNotFound, thumbprint, MyStoreText), thumbprint);
                if (!certificate.HasPrivateKey)
                {
                    throw new CsCertificateException(
                        ErrorIds.ExportKeyNotFound, ErrorKind.ObjectNotFound, Messages.Format(Strings.ExportKeyNotFound, thumbprint, MyStoreText), thumbprint);
                }

                leaf = certificate.RawData;
                key = KeyOf(certificate);
            }
            catch (CryptographicException ex)
            {
                throw new CsCertificateException(
                    ErrorIds.ExportKeyUnreadable, ErrorKind.PermissionDenied, Messages.Format(Strings.ExportKeyUnreadable, thumbprint, MyStoreText, ex.Message), thumbprint, ex);
            }
            finally
            {
                foreach (X509Certificate2 certificate in found)
                {
                    certificate.Dispose();
                }
            }
        }

        return new Pkcs12Content(key, leaf, IssuersInCaStore(leaf), null);
    }

    /// <summary>
    /// The certificate's key, straight from its provider; a provider that exports it only encrypted (a CNG key on
    /// .NET Framework, imported as exportable) gives it through a PFX.
    /// </summary>
    /// <exception cref="CryptographicException">The key cannot leave the store.</exception>
    private static PrivateKeyInfo KeyOf(X509Certificate2 certificate)
    {
        using AsymmetricAlgorithm key = (AsymmetricAlgorithm?)certificate.GetRSAPrivateKey() ?? certificate.GetECDsaPrivateKey()
            ?? throw new CryptographicException("The certificate's key is of a kind this module does not use.");
        try
        {
            return KeyPair.FromPlatformKey(key).PrivateKeyInfo;
        }
        catch (CryptographicException)
        {
            string password = Guid.NewGuid().ToString("N");
            return Pkcs12Content.Read(certificate.Export(X509ContentType.Pkcs12, password), password.ToCharArray()).Key;
        }
    }

    /// <summary>Where the installer puts certificates, as messages name it.</summary>
    private static string MyStoreText => s_isWindows ? "Cert:\\LocalMachine\\My" : Strings.DotNetCurrentUserStore;

    /// <summary>A PowerShell path on Windows; elsewhere the .NET store's name, which no drive shows.</summary>
    private static string StorePath(string thumbprint) => (s_isWindows ? "Cert:\\LocalMachine\\My\\" : "CurrentUser\\My\\") + thumbprint;

    /// <summary>The intermediates <see cref="AddIntermediates"/> put in the CA store, for certificates installed before requests kept their chain.</summary>
    private static IReadOnlyList<byte[]> IssuersInCaStore(byte[] leaf)
    {
        try
        {
            using var store = new X509Store(StoreName.CertificateAuthority, Location);
            store.Open(OpenFlags.ReadOnly | OpenFlags.OpenExistingOnly);
            var candidates = store.Certificates.Cast<X509Certificate2>().ToList();
            try
            {
                return CertificateChain.IssuerPath(leaf, candidates.Select(c => c.RawData));
            }
            finally
            {
                candidates.ForEach(c => c.Dispose());
            }
        }
        catch (CryptographicException)
        {
            return Array.Empty<byte[]>();
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
            StorePath = StorePath(certificate.Thumbprint),
            ExportabilityEnforced = s_isWindows,
            OnCertDrive = s_isWindows,
        };
    }
}
