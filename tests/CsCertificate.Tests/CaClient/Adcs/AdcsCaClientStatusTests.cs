// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.Runtime.InteropServices;
using System.Threading;
using CsCertificate.CaClient;
using CsCertificate.CaClient.Adcs;
using Moq;
using Xunit;

namespace CsCertificate.Tests.CaClient.Adcs;

public sealed class AdcsCaClientStatusTests
{
    public static TheoryData<uint, string, string> Families => new TheoryData<uint, string, string>
    {
        // The template cannot be used: the remedy is the template name or the CA's setup.
        { 0x80094800, nameof(CaOutcome.Misconfigured), "not published on the CA" },
        { 0x80094800, nameof(CaOutcome.Misconfigured), "not its display name" },
        { 0x80094801, nameof(CaOutcome.Misconfigured), "-Template" },
        { 0x80094802, nameof(CaOutcome.Misconfigured), "not its display name" },
        { 0x80094803, nameof(CaOutcome.Misconfigured), "Supply in the request" },
        { 0x8009480F, nameof(CaOutcome.Misconfigured), "Supply in the request" },
        { 0x8009480B, nameof(CaOutcome.Misconfigured), "Issuance Requirements" },

        // Denied by permissions or policy: grant a right, or ask as another account.
        { 0x80094012, nameof(CaOutcome.Denied), "Enroll on the template" },
        { 0x80094012, nameof(CaOutcome.Denied), "-CaAccount" },
        { 0x80094011, nameof(CaOutcome.Denied), "Request Certificates on the CA" },
        { 0x80094011, nameof(CaOutcome.Denied), "-CaAccount" },
        { 0x80070005, nameof(CaOutcome.Denied), "Enroll on the template" },
        { 0x80070005, nameof(CaOutcome.Denied), "-CaAccount" },
        { 0x8009030C, nameof(CaOutcome.Denied), "-CaPassword" },
        { 0x80094811, nameof(CaOutcome.Denied), "template minimum key size" },
        { 0x80094811, nameof(CaOutcome.Denied), "-KeySize 2048" },
        { 0x80094016, nameof(CaOutcome.Denied), "-KeySize 2048" },
        { 0x80094001, nameof(CaOutcome.Denied), "too long" },

        // The network: check the host, DNS and the firewall.
        { 0x800706BA, nameof(CaOutcome.Unreachable), "TCP 135" },
        { 0x800706BA, nameof(CaOutcome.Unreachable), "\"ca01.contoso.com\"" },
        { 0x800706BA, nameof(CaOutcome.Unreachable), "DNS" },
        { 0x800706BE, nameof(CaOutcome.Unreachable), "dynamic RPC ports" },
        { 0x800706BF, nameof(CaOutcome.Unreachable), "TCP 135" },
        { 0x800706D9, nameof(CaOutcome.Unreachable), "TCP 135" },
        { 0x80070035, nameof(CaOutcome.Unreachable), "TCP 135" },
        { 0x800704C9, nameof(CaOutcome.Unreachable), "TCP 135" },
        { 0x80080005, nameof(CaOutcome.Unreachable), "TCP 135" },

        // Other known codes.
        { 0x80094002, nameof(CaOutcome.Failed), "deleted it" },
        { 0x80094003, nameof(CaOutcome.Failed), "certutil -view" },
        { 0x80070057, nameof(CaOutcome.Failed), "report it" },
        { 0x8009310B, nameof(CaOutcome.Failed), "PKCS #10" },
        { 0x80040154, nameof(CaOutcome.Failed), "certcli.dll" },

        // Anything else: the code, and where to look it up.
        { 0x80012345, nameof(CaOutcome.Failed), "certutil -error" },
    };

    [Theory]
    [MemberData(nameof(Families))]
    public void MapsAComExceptionFromSubmitToItsOutcomeAndRemedy(uint hresult, string expected, string remedy)
    {
        var ca = new FakeCa().Answers(3);
        ca.Api.Setup(a => a.Submit(It.IsAny<int>(), It.IsAny<string>(), It.IsAny<string>(), It.IsAny<string>()))
            .Throws(new COMException("What Windows said.", unchecked((int)hresult)));

        CaResult result = ca.Client().Submit(FakeCa.Submission("jcila"), CancellationToken.None);

        Assert.Equal(expected, result.Outcome.ToString());
        Assert.Equal("0x" + hresult.ToString("X8"), result.Code);
        Assert.Contains(remedy, result.Message, StringComparison.Ordinal);
        Assert.Contains("0x" + hresult.ToString("X8"), result.Message, StringComparison.Ordinal);
        Assert.Contains("What Windows said.", result.Message, StringComparison.Ordinal);
        Assert.Null(result.CaRequestId);
    }

    [Theory]
    [MemberData(nameof(Families))]
    public void MapsTheLastStatusOfAFailedRequestTheSameWay(uint hresult, string expected, string remedy)
    {
        var ca = new FakeCa().Answers(1, status: unchecked((int)hresult), message: "What the CA said.");

        CaResult result = ca.Client().Submit(FakeCa.Submission("jcila"), CancellationToken.None);

        Assert.Equal(expected, result.Outcome.ToString());
        Assert.Equal("0x" + hresult.ToString("X8"), result.Code);
        Assert.Contains(remedy, result.Message, StringComparison.Ordinal);
        Assert.Contains("What the CA said.", result.Message, StringComparison.Ordinal);
        Assert.Equal("224", result.CaRequestId);
    }

    [Fact]
    public void TheTemplateMessageNamesTheTemplateAndTheCa()
    {
        var ca = new FakeCa().Answers(3);
        ca.Api.Setup(a => a.Submit(It.IsAny<int>(), It.IsAny<string>(), It.IsAny<string>(), It.IsAny<string>()))
            .Throws(new COMException("x", unchecked((int)0x80094800)));

        CaResult result = ca.Client().Submit(FakeCa.Submission("jcila"), CancellationToken.None);

        Assert.Contains("\"jcila\"", result.Message, StringComparison.Ordinal);
        Assert.Contains(FakeCa.Config, result.Message, StringComparison.Ordinal);
        Assert.Contains("CERTSRV_E_UNSUPPORTED_CERT_TYPE", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AComExceptionFromRetrievePendingKeepsTheRequestId()
    {
        var ca = new FakeCa().Answers(3);
        ca.Api.Setup(a => a.RetrievePending(It.IsAny<int>(), It.IsAny<string>()))
            .Throws(new COMException("The RPC server is unavailable.", unchecked((int)0x800706BA)));

        CaResult result = ca.Client().Poll("224", FakeCa.Submission(), CancellationToken.None);

        Assert.Equal(CaOutcome.Unreachable, result.Outcome);
        Assert.Equal("224", result.CaRequestId);
    }

    [Fact]
    public void AComExceptionAfterTheCaIssuedKeepsTheRequestId()
    {
        var ca = new FakeCa().Answers(3, requestId: 731);
        ca.Api.Setup(a => a.GetCertificate(It.IsAny<int>()))
            .Throws(new COMException("The RPC server is unavailable.", unchecked((int)0x800706BA)));

        CaResult result = ca.Client().Submit(FakeCa.Submission(), CancellationToken.None);

        Assert.Equal(CaOutcome.Unreachable, result.Outcome);
        Assert.Equal("731", result.CaRequestId);
    }

    [Fact]
    public void AComExceptionCreatingTheRequestObjectIsMapped()
    {
        var ca = new FakeCa();
        ca.Factory.Setup(f => f.Create()).Throws(new COMException("Class not registered", unchecked((int)0x80040154)));

        CaResult result = ca.Client().Submit(FakeCa.Submission(), CancellationToken.None);

        Assert.Equal(CaOutcome.Failed, result.Outcome);
        Assert.Equal("0x80040154", result.Code);
        Assert.Contains("-Output", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheRequestObjectIsReleasedWhenACallFails()
    {
        var ca = new FakeCa().Answers(3);
        ca.Api.Setup(a => a.Submit(It.IsAny<int>(), It.IsAny<string>(), It.IsAny<string>(), It.IsAny<string>()))
            .Throws(new COMException("x", unchecked((int)0x800706BA)));

        ca.Client().Submit(FakeCa.Submission(), CancellationToken.None);

        ca.Api.Verify(a => a.Dispose(), Times.Once());
    }

    [Fact]
    public void CodesAreFormattedTheWayWindowsToolsPrintThem()
    {
        Assert.Equal("0x80094012", AdcsStatusCodes.FormatCode(unchecked((int)0x80094012)));
        Assert.Equal("0x00000000", AdcsStatusCodes.FormatCode(0));
        Assert.Equal("0x80094012 CERTSRV_E_TEMPLATE_DENIED", AdcsStatusCodes.Describe(unchecked((int)0x80094012)));
        Assert.Equal("0x80012345", AdcsStatusCodes.Describe(unchecked((int)0x80012345)));
    }
}
