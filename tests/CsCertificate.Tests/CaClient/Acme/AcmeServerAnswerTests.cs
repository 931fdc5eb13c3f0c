// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Security.Authentication;
using CsCertificate.CaClient;
using CsCertificate.CaClient.Acme;
using Xunit;

namespace CsCertificate.Tests.CaClient.Acme;

/// <summary>
/// What the client makes of the server's answers: problem documents (RFC 8555 §6.7) each mapped to an outcome,
/// errors without one, answers too large or not JSON, and a server that cannot be reached or is not trusted.
/// </summary>
public sealed class AcmeServerAnswerTests : IDisposable
{
    private readonly AcmeScenario _scenario = new AcmeScenario();

    public void Dispose() => _scenario.Dispose();

    [Theory]
    [InlineData("rejectedIdentifier", "Denied")]
    [InlineData("caa", "Denied")]
    [InlineData("badCSR", "Denied")]
    [InlineData("unsupportedIdentifier", "Misconfigured")]
    [InlineData("userActionRequired", "Misconfigured")]
    [InlineData("rateLimited", "Unreachable")]
    [InlineData("serverInternal", "Unreachable")]
    [InlineData("malformed", "Failed")]
    public void AProblemDocumentBecomesTheOutcomeOfItsType(string type, string outcome)
    {
        _scenario.Server.WithAccount();
        _scenario.Server.On("POST", ScriptedAcmeServer.NewOrderUrl, ScriptedAnswer.Problem(type, "said the CA", HttpStatusCode.Forbidden));

        CaResult result = _scenario.Submit();

        Assert.Equal(outcome, result.Outcome.ToString());
        Assert.Equal("urn:ietf:params:acme:error:" + type, result.Code);
        Assert.Equal("The ACME server answered urn:ietf:params:acme:error:" + type + ": said the CA", result.Message);
        Assert.Null(result.CaRequestId);
        Assert.False(result.NewRequestNeeded);
    }

    [Fact]
    public void AnErrorWithoutAProblemDocumentIsTheServersPassingFault()
    {
        _scenario.Server.WithAccount();
        _scenario.Server.On("POST", ScriptedAcmeServer.NewOrderUrl, ScriptedAnswer.Http(HttpStatusCode.BadGateway, "<html>Bad gateway</html>"));

        CaResult result = _scenario.Submit();

        Assert.Equal(CaOutcome.Unreachable, result.Outcome);
        Assert.Equal("urn:ietf:params:acme:error:serverInternal", result.Code);
        Assert.Contains("HTTP 502 (BadGateway) without a problem document", result.Message);
    }

    [Fact]
    public void AnAnswerLargerThanAnyAcmeAnswerIsNotRead()
    {
        _scenario.Server.On("GET", ScriptedAcmeServer.DirectoryUrl, ScriptedAnswer.Body(() => new ByteArrayContent(new byte[AcmeHttpClient.MaxResponseBytes + 1])));

        CaResult result = _scenario.Submit();

        Assert.Equal(CaOutcome.Unreachable, result.Outcome);
        Assert.Equal(AcmeProblem.UnreadableAnswer, result.Code);
        Assert.Contains("larger than " + AcmeHttpClient.MaxResponseBytes + " bytes", result.Message);
    }

    [Fact]
    public void AnAnswerWithoutALengthIsCutOffAtTheLimit()
    {
        var endless = new EndlessStream();
        _scenario.Server.On("GET", ScriptedAcmeServer.DirectoryUrl, ScriptedAnswer.Body(() => new StreamContent(endless)));

        CaResult result = _scenario.Submit();

        Assert.Equal(CaOutcome.Unreachable, result.Outcome);
        Assert.Contains("larger than " + AcmeHttpClient.MaxResponseBytes + " bytes", result.Message);
        Assert.InRange(endless.BytesRead, AcmeHttpClient.MaxResponseBytes, AcmeHttpClient.MaxResponseBytes + (64 * 1024));
    }

    [Fact]
    public void AnAnswerThatIsNotJsonIsUnreadable()
    {
        _scenario.Server.On("GET", ScriptedAcmeServer.DirectoryUrl, ScriptedAnswer.Http(HttpStatusCode.OK, "<html>It works!</html>"));

        CaResult result = _scenario.Submit();

        Assert.Equal(CaOutcome.Unreachable, result.Outcome);
        Assert.Equal(AcmeProblem.UnreadableAnswer, result.Code);
        Assert.StartsWith("The ACME server's answer is not the JSON that RFC 8555 describes", result.Message);
    }

    [Fact]
    public void ADocumentWithoutTheDirectoryResourcesIsNotAnAcmeDirectory()
    {
        _scenario.Server.On("GET", ScriptedAcmeServer.DirectoryUrl, ScriptedAnswer.Json("{\"newNonce\":\"" + ScriptedAcmeServer.NewNonceUrl + "\"}"));

        CaResult result = _scenario.Submit();

        Assert.Equal(CaOutcome.Unreachable, result.Outcome);
        Assert.Contains("\"" + ScriptedAcmeServer.DirectoryUrl + "\" is not an ACME directory", result.Message);
        Assert.Single(_scenario.Server.Sent);
    }

    [Fact]
    public void AnAccountCreatedWithoutItsUrlIsUnreadable()
    {
        _scenario.Server.WithDirectory();
        _scenario.Server.On("POST", ScriptedAcmeServer.NewAccountUrl, ScriptedAnswer.Json("{\"status\":\"valid\"}", HttpStatusCode.Created));

        CaResult result = _scenario.Submit();

        Assert.Equal(CaOutcome.Unreachable, result.Outcome);
        Assert.Contains("no Location header", result.Message);
        Assert.Null(_scenario.Accounts.LoadAccountUrl());
    }

    [Fact]
    public void AServerThatCannotBeReachedIsUnreachableAndNamed()
    {
        _scenario.Server.On("GET", ScriptedAcmeServer.DirectoryUrl, ScriptedAnswer.Fails(new HttpRequestException("Connection refused (acme.test:443)", new SocketException((int)SocketError.ConnectionRefused))));

        CaResult result = _scenario.Submit();

        Assert.Equal(CaOutcome.Unreachable, result.Outcome);
        Assert.StartsWith("The ACME server \"" + ScriptedAcmeServer.DirectoryUrl + "\" cannot be reached: ", result.Message);
        Assert.Null(result.Code);
    }

    [Fact]
    public void AnUntrustedServerIsMisconfiguredNotAPassingOutage()
    {
        _scenario.Server.On("GET", ScriptedAcmeServer.DirectoryUrl, ScriptedAnswer.Fails(new HttpRequestException("The SSL connection could not be established.", new AuthenticationException("The remote certificate is invalid according to the validation procedure."))));

        CaResult result = _scenario.Submit();

        Assert.Equal(CaOutcome.Misconfigured, result.Outcome);
        Assert.Equal("urn:ietf:params:acme:error:untrustedServer", result.Code);
        Assert.Contains("is not trusted by this machine", result.Message);
        Assert.Contains("The remote certificate is invalid", result.Message);
    }

    /// <summary>A body that never ends and has no length, as a broken or hostile server sends.</summary>
    private sealed class EndlessStream : Stream
    {
        public int BytesRead { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            Array.Fill(buffer, (byte)' ', offset, count);
            BytesRead += count;
            return count;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
