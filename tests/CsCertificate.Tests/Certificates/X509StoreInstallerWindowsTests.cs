// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Security.Principal;
using CsCertificate.Certificates;
using CsCertificate.Common;
using CsCertificate.Tests.TestInfrastructure;
using Xunit;

// Windows only (WindowsFact), and built for .NET Framework too, which has neither the platform attributes nor
// X509CertificateLoader: the module itself loads PFX files with this constructor.
#pragma warning disable CA1416, SYSLIB0057

namespace CsCertificate.Tests.Certificates;

/// <summary>The Windows store and key containers, which only the Windows jobs reach.</summary>
public sealed class X509StoreInstallerWindowsTests
{
    [WindowsFact]
    public void LocalMachineMyCanBeWrittenElevatedAndIsRefusedWithItsOwnIdOtherwise()
    {
        if (!RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
        {
            return;
        }

        bool elevated = new WindowsPrincipal(WindowsIdentity.GetCurrent()).IsInRole(WindowsBuiltInRole.Administrator);
        var installer = new X509StoreInstaller();

        if (elevated)
        {
            installer.CheckCanInstall();
        }
        else
        {
            Assert.Equal(ErrorIds.CertificateStoreNotWritable, Assert.Throws<CsCertificateException>(installer.CheckCanInstall).ErrorId);
        }
    }

    [WindowsFact]
    public void DeletesTheKeyContainerThatLoadingAPfxPersisted()
    {
        if (!RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
        {
            return;
        }

        using RSA rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=persisted-key.contoso.com", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using X509Certificate2 self = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        byte[] pfx = self.Export(X509ContentType.Pfx, "pw");
        using var loaded = new X509Certificate2(pfx, "pw", X509KeyStorageFlags.PersistKeySet | X509KeyStorageFlags.UserKeySet);
        Func<bool> exists = KeyExists(loaded);
        Assert.True(exists());

        Assert.True(PersistedKey.Delete(loaded));

        Assert.False(exists());
    }

    /// <summary>Whether the certificate's key container is still there, CNG or CAPI.</summary>
    private static Func<bool> KeyExists(X509Certificate2 certificate)
    {
        if (!RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
        {
            return () => false;
        }

        using RSA key = certificate.GetRSAPrivateKey()!;
        if (key is RSACng cng)
        {
            string name = cng.Key.KeyName!;
            CngProvider provider = cng.Key.Provider!;
            return () => CngKey.Exists(name, provider);
        }

        CspKeyContainerInfo info = ((RSACryptoServiceProvider)key).CspKeyContainerInfo;
        var parameters = new CspParameters(info.ProviderType, info.ProviderName, info.KeyContainerName) { Flags = CspProviderFlags.UseExistingKey };
        return () =>
        {
            try
            {
                using var opened = new RSACryptoServiceProvider(parameters);
                opened.PersistKeyInCsp = true;
                return true;
            }
            catch (CryptographicException)
            {
                return false;
            }
        };
    }
}
