// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.Runtime.InteropServices;
using CsCertificate.CaClient;
using CsCertificate.CaClient.Acme;
using CsCertificate.Common;
using CsCertificate.Tests.TestInfrastructure;
using Xunit;

namespace CsCertificate.Tests.CaClient;

public sealed class CaClientFactoryTests : IDisposable
{
    private readonly TempFolder _temp = new TempFolder();
    private readonly TestEnvironment _environment;
    private readonly CaClientFactory _factory;

    public CaClientFactoryTests()
    {
        _environment = new TestEnvironment(_temp.Path);
        _factory = new CaClientFactory(_environment, _temp.Path);
    }

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void AnHttpsUrlIsAnAcmeDirectory()
    {
        ICaClient client = _factory.Create("https://acme.litwareinc.com/directory", null, null, _ => { });

        Assert.IsType<AcmeCaClient>(client);
        Assert.Equal("https://acme.litwareinc.com/directory", client.Name);
        Assert.True(client.RequiresSubjectInAlternativeNames);
    }

    [Fact]
    public void AConfigStringIsAdcsWhichNeedsWindows()
    {
        if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
        {
            Assert.False(_factory.Create("atl-ca-001.litwareinc.com\\myca", null, null, _ => { }).RequiresSubjectInAlternativeNames);
            return;
        }

        CsCertificateException ex = Assert.Throws<CsCertificateException>(() => _factory.Create("atl-ca-001.litwareinc.com\\myca", null, null, _ => { }));

        Assert.Equal(ErrorIds.CaNotSupportedOnPlatform, ex.ErrorId);
        Assert.Contains("atl-ca-001.litwareinc.com\\myca", ex.Message);
        Assert.Contains("-Output", ex.Message);
        Assert.Contains("https://", ex.Message);
    }

    [Theory]
    [InlineData("atl-ca-001.litwareinc.com")]
    [InlineData("http://acme.litwareinc.com/directory")]
    [InlineData("ftp://acme.litwareinc.com/directory")]
    [InlineData("\\myca")]
    [InlineData("atl-ca-001\\")]
    public void AnythingElseIsRefusedShowingBothForms(string ca)
    {
        CsCertificateException ex = Assert.Throws<CsCertificateException>(() => _factory.Create(ca, null, null, _ => { }));

        Assert.Equal(ErrorIds.InvalidCaName, ex.ErrorId);
        Assert.Contains(ca, ex.Message);
    }

    [Theory]
    [InlineData(AcmeSettings.WaitVariable, "soon")]
    [InlineData(AcmeSettings.PortVariable, "70000")]
    [InlineData(AcmeSettings.AddressVariable, "localhost")]
    public void RefusesABadAcmeSetting(string variable, string value)
    {
        _environment.Variables[variable] = value;

        CsCertificateException ex = Assert.Throws<CsCertificateException>(() => _factory.Create("https://acme.litwareinc.com/directory", null, null, _ => { }));

        Assert.Equal(ErrorIds.InvalidSetting, ex.ErrorId);
        Assert.Contains(variable, ex.Message);
    }
}
