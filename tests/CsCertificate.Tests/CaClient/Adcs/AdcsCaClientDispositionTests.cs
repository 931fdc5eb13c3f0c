// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.Threading;
using CsCertificate.CaClient;
using CsCertificate.Common;
using Moq;
using Xunit;

namespace CsCertificate.Tests.CaClient.Adcs;

public sealed class AdcsCaClientDispositionTests
{
    private const int TemplateDenied = unchecked((int)0x80094012);
    private const int UnsupportedCertType = unchecked((int)0x80094800);

    private static readonly string s_chain = TestChain.Base64(TestChain.Pkcs7(new[] { new TestChain().Leaf }));

    [Theory]
    [InlineData(0, nameof(CaOutcome.Pending))]
    [InlineData(1, nameof(CaOutcome.Failed))]
    [InlineData(2, nameof(CaOutcome.Denied))]
    [InlineData(3, nameof(CaOutcome.Issued))]
    [InlineData(4, nameof(CaOutcome.Issued))]
    [InlineData(5, nameof(CaOutcome.Pending))]
    [InlineData(6, nameof(CaOutcome.Revoked))]
    [InlineData(7, nameof(CaOutcome.Failed))]
    [InlineData(-1, nameof(CaOutcome.Failed))]
    public void MapsEveryDispositionOnSubmit(int disposition, string expected)
    {
        var ca = new FakeCa().Answers(disposition, status: unchecked((int)0x80070001), message: "words of the CA", certificate: s_chain);

        CaResult result = ca.Client().Submit(FakeCa.Submission(), CancellationToken.None);

        Assert.Equal(expected, result.Outcome.ToString());
        Assert.Equal("224", result.CaRequestId);
    }

    [Theory]
    [InlineData(0, nameof(CaOutcome.Pending))]
    [InlineData(1, nameof(CaOutcome.Failed))]
    [InlineData(2, nameof(CaOutcome.Denied))]
    [InlineData(3, nameof(CaOutcome.Issued))]
    [InlineData(4, nameof(CaOutcome.Issued))]
    [InlineData(5, nameof(CaOutcome.Pending))]
    [InlineData(6, nameof(CaOutcome.Revoked))]
    [InlineData(7, nameof(CaOutcome.Failed))]
    public void MapsEveryDispositionOnPoll(int disposition, string expected)
    {
        var ca = new FakeCa().Answers(disposition, status: unchecked((int)0x80070001), certificate: s_chain);

        CaResult result = ca.Client().Poll("224", FakeCa.Submission(), CancellationToken.None);

        Assert.Equal(expected, result.Outcome.ToString());
        Assert.Equal("224", result.CaRequestId);
    }

    [Fact]
    public void PollRetrievesThePendingRequestByItsStoredId()
    {
        var ca = new FakeCa().Answers(5);

        ca.Client().Poll("224", FakeCa.Submission(), CancellationToken.None);

        ca.Api.Verify(a => a.RetrievePending(224, @"ca01.contoso.com\Contoso Issuing CA"), Times.Once());
        ca.Api.Verify(a => a.Submit(It.IsAny<int>(), It.IsAny<string>(), It.IsAny<string>(), It.IsAny<string>()), Times.Never());
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("0")]
    [InlineData("-3")]
    [InlineData("https://acme.example.com/order/1")]
    public void PollRefusesAnIdThatIsNotAnAdcsRequestId(string caRequestId)
    {
        var ca = new FakeCa().Answers(5);

        var ex = Assert.Throws<CsCertificateException>(() => ca.Client().Poll(caRequestId, FakeCa.Submission(), CancellationToken.None));

        Assert.Equal(ErrorIds.InvalidCaRequestId, ex.ErrorId);
        ca.Factory.Verify(f => f.Create(), Times.Never());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    public void PendingCarriesTheCasWords(int disposition)
    {
        var ca = new FakeCa().Answers(disposition, message: "Taken Under Submission ");

        CaResult result = ca.Client().Submit(FakeCa.Submission(), CancellationToken.None);

        Assert.Equal(CaOutcome.Pending, result.Outcome);
        Assert.Equal("Taken Under Submission", result.Message);
        Assert.Empty(result.Certificates);
    }

    [Fact]
    public void PendingWithoutWordsHasNoMessage()
    {
        var ca = new FakeCa().Answers(5, message: "  ");

        Assert.Null(ca.Client().Submit(FakeCa.Submission(), CancellationToken.None).Message);
    }

    [Fact]
    public void DeniedCarriesTheDispositionMessageAndTheStatusCode()
    {
        const string said = "Denied by Policy Module  0x80094012, The permissions on the certificate template do not allow the current user to enroll for this type of certificate.";
        var ca = new FakeCa().Answers(2, status: TemplateDenied, message: said);

        CaResult result = ca.Client().Submit(FakeCa.Submission("jcila"), CancellationToken.None);

        Assert.Equal(CaOutcome.Denied, result.Outcome);
        Assert.Equal("0x80094012", result.Code);
        Assert.Contains(said, result.Message, StringComparison.Ordinal);
        Assert.Contains("Enroll", result.Message, StringComparison.Ordinal);
        Assert.Contains("\"jcila\"", result.Message, StringComparison.Ordinal);
        ca.Api.Verify(a => a.GetLastStatus(), Times.Once());
        ca.Api.Verify(a => a.GetDispositionMessage(), Times.Once());
    }

    [Fact]
    public void DeniedWithAnUnknownStatusSaysSoWithTheCode()
    {
        var ca = new FakeCa().Answers(2, status: unchecked((int)0x80091234), message: "Denied by the CA manager");

        CaResult result = ca.Client().Submit(FakeCa.Submission(), CancellationToken.None);

        Assert.Equal(CaOutcome.Denied, result.Outcome);
        Assert.Equal("0x80091234", result.Code);
        Assert.Contains("0x80091234", result.Message, StringComparison.Ordinal);
        Assert.Contains("Denied by the CA manager", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DeniedBecauseTheTemplateIsNotOnTheCaIsMisconfigured()
    {
        // certreq shows this as "Denied by Policy Module 0x80094800": the cause is the CA's setup, not the request.
        var ca = new FakeCa().Answers(2, status: UnsupportedCertType, message: "Denied by Policy Module 0x80094800, The request was for a certificate template that is not supported by the Active Directory Certificate Services policy: jcila.");

        CaResult result = ca.Client().Submit(FakeCa.Submission("jcila"), CancellationToken.None);

        Assert.Equal(CaOutcome.Misconfigured, result.Outcome);
        Assert.Equal("0x80094800", result.Code);
        Assert.Contains("display name", result.Message, StringComparison.Ordinal);
        Assert.Contains("Denied by Policy Module", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ErrorWithATemplateStatusIsMisconfigured()
    {
        var ca = new FakeCa().Answers(1, status: UnsupportedCertType);

        CaResult result = ca.Client().Submit(FakeCa.Submission("jcila"), CancellationToken.None);

        Assert.Equal(CaOutcome.Misconfigured, result.Outcome);
        Assert.Equal("0x80094800", result.Code);
        Assert.Contains("not published", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ErrorWithAnUnknownStatusFailsWithTheCode()
    {
        var ca = new FakeCa().Answers(1, status: unchecked((int)0x80091234), message: "Error Parsing Request");

        CaResult result = ca.Client().Submit(FakeCa.Submission(), CancellationToken.None);

        Assert.Equal(CaOutcome.Failed, result.Outcome);
        Assert.Equal("0x80091234", result.Code);
        Assert.Contains("certutil -error", result.Message, StringComparison.Ordinal);
        Assert.Contains("Error Parsing Request", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RevokedSaysACertificateCannotBeInstalled()
    {
        var ca = new FakeCa().Answers(6, message: "Revoked");

        CaResult result = ca.Client().Poll("224", FakeCa.Submission(), CancellationToken.None);

        Assert.Equal(CaOutcome.Revoked, result.Outcome);
        Assert.Contains("revoked", result.Message, StringComparison.Ordinal);
        Assert.Contains("224", result.Message, StringComparison.Ordinal);
        ca.Api.Verify(a => a.GetCertificate(It.IsAny<int>()), Times.Never());
    }

    [Fact]
    public void AnUnknownDispositionFailsNamingTheValue()
    {
        var ca = new FakeCa().Answers(42);

        CaResult result = ca.Client().Submit(FakeCa.Submission(), CancellationToken.None);

        Assert.Equal(CaOutcome.Failed, result.Outcome);
        Assert.Contains("42", result.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(5)]
    [InlineData(6)]
    public void OnlyAnIssuedRequestAsksForTheCertificate(int disposition)
    {
        var ca = new FakeCa().Answers(disposition);

        ca.Client().Submit(FakeCa.Submission(), CancellationToken.None);

        ca.Api.Verify(a => a.GetCertificate(It.IsAny<int>()), Times.Never());
    }
}
