// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.Threading;
using CsCertificate.CaClient;
using CsCertificate.CaClient.Adcs;
using CsCertificate.Common;
using Moq;
using Xunit;

namespace CsCertificate.Tests.CaClient.Adcs;

public sealed class AdcsCaClientSubmitTests
{
    [Fact]
    public void SubmitsBase64Pkcs10WithFlags0x101()
    {
        var ca = new FakeCa().Answers(5);

        ca.Client().Submit(FakeCa.Submission(), CancellationToken.None);

        ca.Api.Verify(a => a.Submit(0x101, It.IsAny<string>(), It.IsAny<string>(), It.IsAny<string>()), Times.Once());
    }

    [Fact]
    public void AsksForTheWebServerTemplateWhenNoneIsNamed()
    {
        var ca = new FakeCa().Answers(5);

        ca.Client().Submit(FakeCa.Submission(), CancellationToken.None);

        ca.Api.Verify(a => a.Submit(It.IsAny<int>(), It.IsAny<string>(), "CertificateTemplate:WebServer", It.IsAny<string>()));
    }

    [Fact]
    public void AsksForTheTemplateOfTheSubmission()
    {
        var ca = new FakeCa().Answers(5);

        ca.Client().Submit(FakeCa.Submission("jcila"), CancellationToken.None);

        ca.Api.Verify(a => a.Submit(It.IsAny<int>(), It.IsAny<string>(), "CertificateTemplate:jcila", It.IsAny<string>()));
    }

    [Fact]
    public void AsksForTheClientsTemplateWhenTheSubmissionHasNone()
    {
        var ca = new FakeCa().Answers(5);

        ca.Client(template: "jcila").Submit(FakeCa.Submission(), CancellationToken.None);

        ca.Api.Verify(a => a.Submit(It.IsAny<int>(), It.IsAny<string>(), "CertificateTemplate:jcila", It.IsAny<string>()));
    }

    [Fact]
    public void SendsTheCsrAsBase64WithoutHeaderOrLineBreaks()
    {
        var ca = new FakeCa().Answers(5);
        string? sent = null;
        ca.Api.Setup(a => a.Submit(It.IsAny<int>(), It.IsAny<string>(), It.IsAny<string>(), It.IsAny<string>()))
            .Callback((int _, string request, string _, string _) => sent = request)
            .Returns(5);

        ca.Client().Submit(FakeCa.Submission(), CancellationToken.None);

        Assert.NotNull(sent);
        Assert.Equal(FakeCa.Csr, Convert.FromBase64String(sent!));
        Assert.DoesNotContain("-----", sent, StringComparison.Ordinal);
        Assert.DoesNotContain("\n", sent, StringComparison.Ordinal);
    }

    [Fact]
    public void PassesTheConfigStringThroughAndIsNamedByIt()
    {
        var ca = new FakeCa().Answers(5);
        AdcsCaClient client = ca.Client();

        client.Submit(FakeCa.Submission(), CancellationToken.None);

        ca.Api.Verify(a => a.Submit(It.IsAny<int>(), It.IsAny<string>(), It.IsAny<string>(), @"ca01.contoso.com\Contoso Issuing CA"));
        Assert.Equal(@"ca01.contoso.com\Contoso Issuing CA", client.Name);
    }

    [Fact]
    public void ReadsTheCasRequestIdIntoCaRequestId()
    {
        var ca = new FakeCa().Answers(5, requestId: 224);

        CaResult result = ca.Client().Submit(FakeCa.Submission(), CancellationToken.None);

        Assert.Equal("224", result.CaRequestId);
        ca.Api.Verify(a => a.GetRequestId(), Times.Once());
    }

    [Fact]
    public void HasNoCaRequestIdWhenTheCaStoredNothing()
    {
        var ca = new FakeCa().Answers(1, requestId: 0, status: unchecked((int)0x80094800));

        CaResult result = ca.Client().Submit(FakeCa.Submission(), CancellationToken.None);

        Assert.Null(result.CaRequestId);
    }

    [Fact]
    public void UsesAFreshRequestObjectPerOperationAndReleasesIt()
    {
        var ca = new FakeCa().Answers(5);
        AdcsCaClient client = ca.Client();

        client.Submit(FakeCa.Submission(), CancellationToken.None);
        client.Poll("224", FakeCa.Submission(), CancellationToken.None);

        ca.Factory.Verify(f => f.Create(), Times.Exactly(2));
        ca.Api.Verify(a => a.Dispose(), Times.Exactly(2));
    }

    [Theory]
    [InlineData("Web\nServer")]
    [InlineData("WebServer\nSAN:dns=evil.example.com")]
    public void RefusesATemplateNameThatWouldAddAttributes(string template)
    {
        var ca = new FakeCa().Answers(5);

        var ex = Assert.Throws<CsCertificateException>(() => ca.Client().Submit(FakeCa.Submission(template), CancellationToken.None));

        Assert.Equal(ErrorIds.InvalidTemplateName, ex.ErrorId);
        Assert.Equal(ErrorKind.InvalidArgument, ex.Kind);
        ca.Factory.Verify(f => f.Create(), Times.Never());
    }

    [Fact]
    public void RefusesAnInvalidConfigStringAtConstruction()
    {
        var ca = new FakeCa();

        var ex = Assert.Throws<CsCertificateException>(() =>
            new AdcsCaClient("ca01.contoso.com", null, null, null, ca.Factory.Object, ca.Scope.Object));

        Assert.Equal(ErrorIds.InvalidCaName, ex.ErrorId);
        Assert.Contains("host\\CAName", ex.Message, StringComparison.Ordinal);
    }
}
