// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using CsCertificate.CaClient.Adcs;
using CsCertificate.Common;
using Xunit;

namespace CsCertificate.Tests.CaClient.Adcs;

public sealed class AdcsPlatformTests
{
    [Fact]
    public void DcomIsAvailableOnWindowsOnly()
    {
        Assert.Equal(OperatingSystem.IsWindows(), AdcsPlatform.IsDcomAvailable);
    }

    [Fact]
    public void TheNotSupportedErrorNamesTheAlternatives()
    {
        CsCertificateException ex = AdcsPlatform.NotSupportedException(FakeCa.Config);

        Assert.Equal(ErrorIds.CaNotSupportedOnPlatform, ex.ErrorId);
        Assert.Equal(ErrorKind.NotSupported, ex.Kind);
        Assert.Equal(FakeCa.Config, ex.Target);
        Assert.Contains("Windows", ex.Message, StringComparison.Ordinal);
        Assert.Contains("-Output <file>", ex.Message, StringComparison.Ordinal);
        Assert.Contains("-CA https://", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheComRequestObjectIsCreatedOnWindowsOnly()
    {
        if (OperatingSystem.IsWindows())
        {
            using var api = new CertRequestComApiFactory().Create();
            Assert.NotNull(api);
            return;
        }

        var ex = Assert.Throws<CsCertificateException>(() => new CertRequestComApiFactory().Create());
        Assert.Equal(ErrorIds.CaNotSupportedOnPlatform, ex.ErrorId);
    }

    [Fact]
    public void CredentialsNeedWindows()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var ex = Assert.Throws<CsCertificateException>(() => new WindowsCredentialScope().Enter(FakeCa.Account, FakeCa.Password));
        Assert.Equal(ErrorIds.CaNotSupportedOnPlatform, ex.ErrorId);
        Assert.DoesNotContain(FakeCa.Password, ex.ToString(), StringComparison.Ordinal);
    }
}
