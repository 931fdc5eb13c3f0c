// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System.Collections.Generic;
using CsCertificate.Keys;

namespace CsCertificate.Certificates;

/// <summary>
/// Puts an issued certificate with its private key into the machine's certificate store.
/// </summary>
internal interface ICertificateInstaller
{
    /// <summary>
    /// Checks, before any key is generated or any CA is asked, that the store certificates go to can be written:
    /// LocalMachine\My needs an elevated PowerShell on Windows.
    /// </summary>
    /// <exception cref="Common.CsCertificateException">The store cannot be opened for writing (<see cref="Common.ErrorIds.CertificateStoreNotWritable"/>).</exception>
    void CheckCanInstall();

    /// <summary>Installs a certificate with the key of its request, and its chain.</summary>
    /// <exception cref="Common.CsCertificateException">The store refused it.</exception>
    InstalledCertificate Install(byte[] leaf, IReadOnlyList<byte[]> chain, KeyPair key, string friendlyName, bool exportable);

    /// <summary>Installs a PKCS#12 (PFX) file, which carries its own key.</summary>
    /// <exception cref="Common.CsCertificateException">The password is wrong, the file holds no key, or the store refused it.</exception>
    InstalledCertificate InstallPkcs12(byte[] pfx, string? password, bool exportable);

    /// <summary>
    /// Opens the store again and tells whether it holds the certificate with this thumbprint together with a
    /// private key that can be opened: the proof that an install worked, before the key's only other copy goes.
    /// </summary>
    bool HasCertificateWithKey(string thumbprint);

    /// <summary>
    /// Gets a value indicating whether the store keeps a key installed as non-exportable inside it (Windows); .NET's
    /// stores elsewhere cannot.
    /// </summary>
    bool EnforcesNonExportableKeys { get; }

    /// <summary>
    /// Reads an installed certificate with its private key, for Export-CsCertificate; the chain is what the store's
    /// CA store holds of the certificate's issuers.
    /// </summary>
    /// <exception cref="Common.CsCertificateException">The certificate is not there, is there without its key, or its key cannot leave the store.</exception>
    Pkcs12Content ReadWithKey(string thumbprint);
}
