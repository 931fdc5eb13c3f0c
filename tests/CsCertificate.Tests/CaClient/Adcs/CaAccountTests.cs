// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using CsCertificate.CaClient.Adcs;
using CsCertificate.Common;
using Xunit;

namespace CsCertificate.Tests.CaClient.Adcs;

public sealed class CaAccountTests
{
    [Fact]
    public void SplitsDomainAndUser()
    {
        CaAccount account = CaAccount.Parse(@"CONTOSO\svc-cert");

        Assert.Equal("svc-cert", account.User);
        Assert.Equal("CONTOSO", account.Domain);
        Assert.Equal(@"CONTOSO\svc-cert", account.Name);
    }

    [Fact]
    public void PassesAUpnWholeAsTheUserWithNoDomain()
    {
        CaAccount account = CaAccount.Parse("svc-cert@contoso.com");

        Assert.Equal("svc-cert@contoso.com", account.User);
        Assert.Null(account.Domain);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("svc-cert")]
    [InlineData(@"\svc-cert")]
    [InlineData(@"CONTOSO\")]
    [InlineData(@"CONTOSO\svc\cert")]
    [InlineData("@contoso.com")]
    [InlineData("svc-cert@")]
    [InlineData("CONTOSO\\svc\ncert")]
    public void RefusesOtherForms(string? value)
    {
        Assert.False(CaAccount.TryParse(value, out _));
        var ex = Assert.Throws<CsCertificateException>(() => CaAccount.Parse(value));
        Assert.Equal(ErrorIds.InvalidCaAccount, ex.ErrorId);
        Assert.Equal(ErrorKind.InvalidArgument, ex.Kind);
    }
}
