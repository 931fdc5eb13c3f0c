// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography.X509Certificates;
using CsCertificate.Certificates;
using CsCertificate.Keys;

namespace CsCertificate.Tests.Engine;

/// <summary>A certificate store in memory: what was installed, with which friendly name and exportability.</summary>
internal sealed class FakeInstaller : ICertificateInstaller
{
    public List<(X509Certificate2 Certificate, string FriendlyName, bool Exportable, int ChainLength)> Installed { get; } = new List<(X509Certificate2, string, bool, int)>();

    /// <summary>The memory store can always be written.</summary>
    public void CheckCanInstall()
    {
    }

    public InstalledCertificate Install(byte[] leaf, IReadOnlyList<byte[]> chain, KeyPair key, string friendlyName, bool exportable)
    {
        X509Certificate2 certificate = X509CertificateLoader.LoadCertificate(leaf);
        Installed.Add((certificate, friendlyName, exportable, chain.Count));
        // The facts a store reports of what it holds, which the engine records.
        CertificateFacts facts = CertificateFacts.Read(leaf);
        return new InstalledCertificate
        {
            Thumbprint = certificate.Thumbprint,
            Subject = certificate.Subject,
            Issuer = certificate.Issuer,
            SerialNumber = certificate.SerialNumber,
            NotBefore = certificate.NotBefore.ToUniversalTime(),
            NotAfter = certificate.NotAfter.ToUniversalTime(),
            AlternativeNames = facts.DnsNames.ToArray(),
            StorePath = "memory:\\" + certificate.Thumbprint,
            ExportabilityEnforced = true,
        };
    }

    public InstalledCertificate InstallPkcs12(byte[] pfx, string? password, bool exportable) =>
        throw new InvalidOperationException("The test expected no PFX.");

    public bool EnforcesNonExportableKeys => true;

    public Pkcs12Content ReadWithKey(string thumbprint) =>
        throw new InvalidOperationException("The test expected no export.");

    public bool HasCertificateWithKey(string thumbprint) => Installed.Any(i => i.Certificate.Thumbprint == thumbprint);
}
