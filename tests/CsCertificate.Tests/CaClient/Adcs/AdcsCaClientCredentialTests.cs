// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using System.Threading;
using CsCertificate.CaClient;
using CsCertificate.CaClient.Adcs;
using CsCertificate.Common;
using Moq;
using Xunit;

namespace CsCertificate.Tests.CaClient.Adcs;

public sealed class AdcsCaClientCredentialTests
{
    [Fact]
    public void SubmitRunsEveryCaCallUnderTheAccount()
    {
        var ca = new FakeCa().Answers(3, certificate: TestChain.Base64(TestChain.Pkcs7(new[] { new TestChain().Leaf })));

        ca.Client(account: FakeCa.Account, password: FakeCa.Password).Submit(FakeCa.Submission(), CancellationToken.None);

        ca.Scope.Verify(s => s.Enter(FakeCa.Account, FakeCa.Password), Times.Once());
        Assert.Equal(
            new[] { "scope.Enter", "factory.Create", "Submit (in scope)", "GetRequestId (in scope)", "GetCertificate (in scope)", "api.Dispose", "scope.Dispose" },
            ca.Events);
    }

    [Fact]
    public void PollRunsEveryCaCallUnderTheAccount()
    {
        var ca = new FakeCa().Answers(2, status: unchecked((int)0x80094012), message: "Denied");

        ca.Client(account: FakeCa.Account, password: FakeCa.Password).Poll("224", FakeCa.Submission(), CancellationToken.None);

        ca.Scope.Verify(s => s.Enter(FakeCa.Account, FakeCa.Password), Times.Once());
        Assert.Equal(
            new[] { "scope.Enter", "factory.Create", "RetrievePending (in scope)", "GetLastStatus (in scope)", "GetDispositionMessage (in scope)", "api.Dispose", "scope.Dispose" },
            ca.Events);
    }

    [Fact]
    public void EachOperationEntersTheScopeAgain()
    {
        var ca = new FakeCa().Answers(5);
        AdcsCaClient client = ca.Client(account: "svc-cert@contoso.com", password: FakeCa.Password);

        client.Submit(FakeCa.Submission(), CancellationToken.None);
        client.Poll("224", FakeCa.Submission(), CancellationToken.None);
        client.Poll("224", FakeCa.Submission(), CancellationToken.None);

        ca.Scope.Verify(s => s.Enter("svc-cert@contoso.com", FakeCa.Password), Times.Exactly(3));
        Assert.Equal(3, ca.Events.FindAll(e => e == "scope.Dispose").Count);
    }

    [Fact]
    public void WithoutAnAccountTheScopeIsNeverEntered()
    {
        var ca = new FakeCa().Answers(5);
        AdcsCaClient client = ca.Client();

        client.Submit(FakeCa.Submission(), CancellationToken.None);
        client.Poll("224", FakeCa.Submission(), CancellationToken.None);

        ca.Scope.Verify(s => s.Enter(It.IsAny<string>(), It.IsAny<string>()), Times.Never());
        Assert.DoesNotContain(ca.Events, e => e.EndsWith("(in scope)", StringComparison.Ordinal));
    }

    [Fact]
    public void TheScopeIsLeftWhenACallFails()
    {
        var ca = new FakeCa().Answers(3);
        ca.Api.Setup(a => a.Submit(It.IsAny<int>(), It.IsAny<string>(), It.IsAny<string>(), It.IsAny<string>()))
            .Throws(new COMException("Access is denied.", unchecked((int)0x80070005)));

        ca.Client(account: FakeCa.Account, password: FakeCa.Password).Submit(FakeCa.Submission(), CancellationToken.None);

        Assert.Equal("scope.Dispose", ca.Events[^1]);
    }

    [Fact]
    public void TheScopeIsLeftWhenSomethingUnexpectedIsThrown()
    {
        var ca = new FakeCa().Answers(3);
        ca.Api.Setup(a => a.Submit(It.IsAny<int>(), It.IsAny<string>(), It.IsAny<string>(), It.IsAny<string>()))
            .Throws(new InvalidOperationException("boom"));

        Assert.Throws<InvalidOperationException>(() => ca.Client(account: FakeCa.Account, password: FakeCa.Password).Submit(FakeCa.Submission(), CancellationToken.None));

        Assert.False(ca.InScope);
        Assert.Equal("scope.Dispose", ca.Events[^1]);
    }

    [Fact]
    public void RejectedCredentialsStopBeforeTheCaIsCalled()
    {
        var ca = new FakeCa();
        ca.Scope.Setup(s => s.Enter(It.IsAny<string>(), It.IsAny<string>()))
            .Throws(WindowsCredentialScope.Rejected(FakeCa.Account, 1326));

        var ex = Assert.Throws<CsCertificateException>(() =>
            ca.Client(account: FakeCa.Account, password: FakeCa.Password).Submit(FakeCa.Submission(), CancellationToken.None));

        Assert.Equal(ErrorIds.CaCredentialsRejected, ex.ErrorId);
        Assert.Equal(ErrorKind.PermissionDenied, ex.Kind);
        Assert.Contains(FakeCa.Account, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(FakeCa.Password, ex.ToString(), StringComparison.Ordinal);
        ca.Factory.Verify(f => f.Create(), Times.Never());
    }

    [Fact]
    public void AnAccountNeedsAPasswordAndAPasswordAnAccount()
    {
        var ca = new FakeCa();

        Assert.Throws<ArgumentNullException>(() => ca.Client(account: FakeCa.Account, password: null));
        var ex = Assert.Throws<ArgumentException>(() => ca.Client(account: null, password: FakeCa.Password));
        Assert.DoesNotContain(FakeCa.Password, ex.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("svc-cert")]
    [InlineData(@"CONTOSO\")]
    [InlineData("")]
    public void AnAccountThatIsNeitherDomainUserNorUpnIsRefusedAtConstruction(string account)
    {
        var ca = new FakeCa();

        var ex = Assert.Throws<CsCertificateException>(() => ca.Client(account: account, password: FakeCa.Password));

        Assert.Equal(ErrorIds.InvalidCaAccount, ex.ErrorId);
        Assert.Contains(@"DOMAIN\user", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(FakeCa.Password, ex.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("denied")]
    [InlineData("denied, unknown code")]
    [InlineData("error")]
    [InlineData("error, unknown code")]
    [InlineData("pending")]
    [InlineData("revoked")]
    [InlineData("unknown disposition")]
    [InlineData("unreadable certificate")]
    [InlineData("access denied")]
    [InlineData("logon denied")]
    [InlineData("rpc unavailable")]
    [InlineData("unknown code")]
    public void NoMessageContainsThePassword(string answer)
    {
        var ca = new FakeCa();
        Arrange(ca, answer);
        AdcsCaClient client = ca.Client(account: FakeCa.Account, password: FakeCa.Password);

        var results = new List<CaResult> { client.Submit(FakeCa.Submission(), CancellationToken.None), client.Poll("224", FakeCa.Submission(), CancellationToken.None) };

        foreach (CaResult result in results)
        {
            Assert.True(result.Message == null || !result.Message.Contains(FakeCa.Password, StringComparison.Ordinal), answer);
            Assert.True(result.Code == null || !result.Code.Contains(FakeCa.Password, StringComparison.Ordinal), answer);
        }
    }

    [Fact]
    public void ARejectedLogonNamesTheAccountAndTheReasonOnly()
    {
        CsCertificateException ex = WindowsCredentialScope.Rejected(FakeCa.Account, 1326);

        Assert.Equal(ErrorIds.CaCredentialsRejected, ex.ErrorId);
        Assert.Equal(ErrorKind.PermissionDenied, ex.Kind);
        Assert.Equal(FakeCa.Account, ex.Target);
        Assert.Contains("1326", ex.Message, StringComparison.Ordinal);
        Assert.Contains("-CaPassword", ex.Message, StringComparison.Ordinal);
    }

    private static void Arrange(FakeCa ca, string answer)
    {
        switch (answer)
        {
            case "denied": ca.Answers(2, status: unchecked((int)0x80094012), message: "Denied by Policy Module"); break;
            case "denied, unknown code": ca.Answers(2, status: unchecked((int)0x80091234)); break;
            case "error": ca.Answers(1, status: unchecked((int)0x80094800)); break;
            case "error, unknown code": ca.Answers(1, status: unchecked((int)0x80091234)); break;
            case "pending": ca.Answers(5, message: "Taken Under Submission"); break;
            case "revoked": ca.Answers(6); break;
            case "unknown disposition": ca.Answers(9); break;
            case "unreadable certificate": ca.Answers(3, certificate: "@@@"); break;
            case "access denied": ThrowsFromSubmit(ca, 0x80070005); break;
            case "logon denied": ThrowsFromSubmit(ca, 0x8009030C); break;
            case "rpc unavailable": ThrowsFromSubmit(ca, 0x800706BA); break;
            case "unknown code": ThrowsFromSubmit(ca, 0x80012345); break;
            default: throw new ArgumentOutOfRangeException(nameof(answer), answer, null);
        }
    }

    private static void ThrowsFromSubmit(FakeCa ca, uint hresult)
    {
        ca.Answers(3);
        var error = new COMException("Windows text", unchecked((int)hresult));
        ca.Api.Setup(a => a.Submit(It.IsAny<int>(), It.IsAny<string>(), It.IsAny<string>(), It.IsAny<string>())).Throws(error);
        ca.Api.Setup(a => a.RetrievePending(It.IsAny<int>(), It.IsAny<string>())).Throws(error);
    }
}
