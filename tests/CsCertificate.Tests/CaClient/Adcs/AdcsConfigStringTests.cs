// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using CsCertificate.CaClient.Adcs;
using CsCertificate.Common;
using Xunit;

namespace CsCertificate.Tests.CaClient.Adcs;

public sealed class AdcsConfigStringTests
{
    [Theory]
    [InlineData(@"ca01.contoso.com\ContosoCA", "ca01.contoso.com", "ContosoCA")]
    [InlineData(@"atl-ca-001.litwareinc.com\myca", "atl-ca-001.litwareinc.com", "myca")]
    [InlineData(@"ca01\Contoso Issuing CA", "ca01", "Contoso Issuing CA")]
    [InlineData(@"  ca01.contoso.com\Contoso Issuing CA  ", "ca01.contoso.com", "Contoso Issuing CA")]
    [InlineData(@"ca01\CA\x", "ca01", @"CA\x")]
    public void ReadsHostAndCaNameSplitAtTheFirstBackslash(string value, string host, string caName)
    {
        Assert.True(AdcsConfigString.TryParse(value, out AdcsConfigString? config));

        Assert.Equal(host, config!.Host);
        Assert.Equal(caName, config.CaName);
        Assert.Equal(host + "\\" + caName, config.Value);
        Assert.Equal(config.Value, config.ToString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("ca01.contoso.com")]
    [InlineData("https://acme.contoso.com/directory")]
    [InlineData(@"\")]
    [InlineData(@"\ContosoCA")]
    [InlineData(@"ca01.contoso.com\")]
    [InlineData(@"  \ContosoCA")]
    [InlineData(@"ca01.contoso.com\   ")]
    [InlineData(@"\\ca01\ContosoCA")]
    [InlineData(@"ca 01\ContosoCA")]
    public void RefusesAnythingElse(string? value)
    {
        Assert.False(AdcsConfigString.TryParse(value, out AdcsConfigString? config));
        Assert.Null(config);
    }

    [Fact]
    public void ParseExplainsTheExpectedForm()
    {
        var ex = Assert.Throws<CsCertificateException>(() => AdcsConfigString.Parse(@"ca01.contoso.com\"));

        Assert.Equal(ErrorIds.InvalidCaName, ex.ErrorId);
        Assert.Equal(ErrorKind.InvalidArgument, ex.Kind);
        Assert.Contains(@"ca01.contoso.com\", ex.Message, StringComparison.Ordinal);
        Assert.Contains(@"host\CAName", ex.Message, StringComparison.Ordinal);
    }
}
