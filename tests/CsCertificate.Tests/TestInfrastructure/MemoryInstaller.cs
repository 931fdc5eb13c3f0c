// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Linq;
using CsCertificate.Certificates;
using CsCertificate.Keys;

namespace CsCertificate.Tests.TestInfrastructure;

/// <summary>A certificate store in memory: what was installed, and nothing ever removed.</summary>
internal sealed class MemoryInstaller : ICertificateInstaller
{
    /// <summary>Gets the thumbprints of the installed certificates, in the order they came.</summary>
    public List<string> Installed { get; } = new List<string>();

    public InstalledCertificate Install(byte[] leaf, IReadOnlyList<byte[]> chain, KeyPair key, string friendlyName, bool exportable)
    {
        CertificateFacts facts = CertificateFacts.Read(leaf);
        Installed.Add(facts.Thumbprint);
        return new InstalledCertificate
        {
            Thumbprint = facts.Thumbprint,
            Subject = facts.Subject,
            Issuer = "CN=Litware Test Issuing CA",
            SerialNumber = "1000",
            NotBefore = facts.NotBefore,
            NotAfter = facts.NotAfter,
            AlternativeNames = facts.DnsNames.ToArray(),
            StorePath = "Cert:\\CurrentUser\\My\\" + facts.Thumbprint,
            ExportabilityEnforced = true,
        };
    }

    public InstalledCertificate InstallPkcs12(byte[] pfx, string? password, bool exportable) => throw new NotSupportedException();

    public bool HasCertificateWithKey(string thumbprint) => Installed.Contains(thumbprint);
}
