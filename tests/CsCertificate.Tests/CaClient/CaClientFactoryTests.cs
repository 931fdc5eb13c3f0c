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
        _factory = new CaClientFactory(_environment.GetEnvironmentVariable, _temp.Path, CaClientFactory.CreateAcmeHandler);
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

    [Theory]
    [InlineData("not base64url!")]
    [InlineData("zWNDZM6eQGHW+pSRTPal5eIU/FTu7EajV")]
    [InlineData("zWNDZM6eQGHWpSRTPal5eIUYFTu7EajVIoguysqZ9wG44nMEtx3MUAsUDkMTQ12W=")]
    [InlineData("Q")]
    public void RefusesACaPasswordThatCannotBeAnEabKeyWithoutEchoingIt(string password)
    {
        CsCertificateException ex = Assert.Throws<CsCertificateException>(() => _factory.Create("https://acme.litwareinc.com/directory", "kid-1", password, _ => { }));

        Assert.Equal(ErrorIds.InvalidCaPassword, ex.ErrorId);
        Assert.Contains("base64url", ex.Message);
        Assert.DoesNotContain(password, ex.Message);
        Assert.False(System.IO.Directory.Exists(System.IO.Path.Combine(_temp.Path, "acme")));
    }

    [Fact]
    public void TakesABase64UrlEabKey()
    {
        Assert.IsType<AcmeCaClient>(_factory.Create("https://acme.litwareinc.com/directory", "kid-1", "zWNDZM6eQGHWpSRTPal5eIUYFTu7EajVIoguysqZ9wG44nMEtx3MUAsUDkMTQ12W", _ => { }));
    }

    [Theory]
    [InlineData("http://acme.litwareinc.com/directory")]
    [InlineData("atl-ca-001.litwareinc.com")]
    [InlineData(null)]
    public void AStoredCaThatIsNoCaNamesTheRequestAndTheStoredValueNotMinusCa(string? ca)
    {
        CsCertificateException ex = Assert.Throws<CsCertificateException>(() => _factory.CreateForStoredRequest(7, ca, null, _ => { }));

        Assert.Equal(ErrorIds.InvalidCaName, ex.ErrorId);
        Assert.Contains("Request 7 ", ex.Message);
        Assert.Contains("\"" + ca + "\"", ex.Message);
        Assert.DoesNotContain("-CA", ex.Message, StringComparison.Ordinal);
        Assert.Equal(7, ex.Target);
    }

    [Fact]
    public void AStoredAdcsRequestOffWindowsSaysHowToFetchItsCertificate()
    {
        if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
        {
            return;
        }

        CsCertificateException sent = Assert.Throws<CsCertificateException>(() => _factory.CreateForStoredRequest(7, "atl-ca-001.litwareinc.com\\myca", "224", _ => { }));
        CsCertificateException unsent = Assert.Throws<CsCertificateException>(() => _factory.CreateForStoredRequest(8, "atl-ca-001.litwareinc.com\\myca", null, _ => { }));

        Assert.Equal(ErrorIds.CaNotSupportedOnPlatform, sent.ErrorId);
        Assert.Contains("Request 7 ", sent.Message);
        Assert.Contains("certreq -retrieve -config \"atl-ca-001.litwareinc.com\\myca\" 224", sent.Message);
        Assert.Contains("Import-CsCertificate", sent.Message);
        Assert.Contains("Request 8 ", unsent.Message);
        Assert.DoesNotContain("-CA", sent.Message + unsent.Message, StringComparison.Ordinal);
    }
}
