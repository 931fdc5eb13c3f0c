// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.Linq;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CsCertificate.CaClient;
using CsCertificate.CaClient.Acme;
using Xunit;

namespace CsCertificate.Tests.CaClient.Acme;

/// <summary>
/// The ACME account (RFC 8555 §7.3): registered once per directory and kept in the data folder, with External
/// Account Binding when -CaAccount and -CaPassword give it, and registered again when the server forgot it.
/// </summary>
public sealed class AcmeAccountTests : IDisposable
{
    private const string EabKeyId = "kid-1";

    // 32 bytes, base64url: what a CA hands out as the binding's HMAC key.
    private const string EabHmacKey = "zWNDZM6eQGHWpSRTPal5eIUYFTu7EajVIoguysqZ9wG44nMEtx3MUAsUDkMTQ12W";

    private readonly AcmeScenario _scenario = new AcmeScenario();

    public void Dispose() => _scenario.Dispose();

    [Fact]
    public void ANewAccountAgreesToTheTermsWithoutBindingOrContactAndIsKept()
    {
        _scenario.Server.WithAccount();
        _scenario.ReadyOrderIssued();

        _scenario.Submit();

        JsonElement payload = _scenario.Server.To(ScriptedAcmeServer.NewAccountUrl).Single().PayloadJson;
        Assert.True(payload.GetProperty("termsOfServiceAgreed").GetBoolean());
        Assert.False(payload.TryGetProperty("externalAccountBinding", out _));
        Assert.False(payload.TryGetProperty("contact", out _));
        Assert.Equal(ScriptedAcmeServer.AccountUrl, _scenario.Accounts.LoadAccountUrl());
        Assert.Contains(_scenario.Verbose, v => v.Contains("Registered the ACME account \"" + ScriptedAcmeServer.AccountUrl + "\""));
    }

    [Fact]
    public void TheContactSettingIsSentAsAMailtoAddress()
    {
        _scenario.Settings.Contact = "pki@contoso.com";
        _scenario.Server.WithAccount();
        _scenario.ReadyOrderIssued();

        _scenario.Submit();

        JsonElement payload = _scenario.Server.To(ScriptedAcmeServer.NewAccountUrl).Single().PayloadJson;
        Assert.Equal(new[] { "mailto:pki@contoso.com" }, payload.GetProperty("contact").EnumerateArray().Select(c => c.GetString()));
    }

    [Fact]
    public void AKeptAccountIsUsedWithTheSameKeyWithoutRegisteringAgain()
    {
        _scenario.Server.WithAccount();
        _scenario.ReadyOrderIssued();
        _scenario.Submit();
        string jwk = _scenario.Server.To(ScriptedAcmeServer.NewAccountUrl).Single().Jwk!;
        _scenario.Server.Sent.Clear();

        CaResult second = _scenario.Submit();

        Assert.Equal(CaOutcome.Issued, second.Outcome);
        Assert.Empty(_scenario.Server.To(ScriptedAcmeServer.NewAccountUrl));
        Assert.All(_scenario.Server.Posts, p => Assert.Equal(ScriptedAcmeServer.AccountUrl, p.Kid));
        using (AcmeAccountKey kept = _scenario.Accounts.LoadOrCreateKey())
        {
            Assert.Equal(jwk, kept.Jwk);
        }
    }

    [Fact]
    public void ExternalAccountBindingIsTheAccountKeySignedWithHs256UnderTheKeyIdAndHmacKey()
    {
        _scenario.Server.WithAccount(externalAccountRequired: true);
        _scenario.ReadyOrderIssued();

        CaResult result = _scenario.Client(EabKeyId, EabHmacKey).Submit(AcmeScenario.Submission, default);

        Assert.Equal(CaOutcome.Issued, result.Outcome);
        SentAcmeRequest newAccount = _scenario.Server.To(ScriptedAcmeServer.NewAccountUrl).Single();
        JsonElement binding = newAccount.PayloadJson.GetProperty("externalAccountBinding");
        string protectedPart = binding.GetProperty("protected").GetString()!;
        string payloadPart = binding.GetProperty("payload").GetString()!;
        using JsonDocument header = JsonDocument.Parse(Base64Url.Decode(protectedPart));
        Assert.Equal("HS256", header.RootElement.GetProperty("alg").GetString());
        Assert.Equal(EabKeyId, header.RootElement.GetProperty("kid").GetString());
        Assert.Equal(ScriptedAcmeServer.NewAccountUrl, header.RootElement.GetProperty("url").GetString());
        Assert.Equal(newAccount.Jwk, Encoding.UTF8.GetString(Base64Url.Decode(payloadPart)));
        using var hmac = new HMACSHA256(Base64Url.Decode(EabHmacKey));
        Assert.Equal(Base64Url.Encode(hmac.ComputeHash(Encoding.ASCII.GetBytes(protectedPart + "." + payloadPart))), binding.GetProperty("signature").GetString());
    }

    [Fact]
    public void AServerThatRequiresABindingIsNotAskedWithoutOneAndOnlyANewRequestHelps()
    {
        _scenario.Server.WithDirectory(externalAccountRequired: true);

        CaResult result = _scenario.Submit();

        Assert.Equal(CaOutcome.Misconfigured, result.Outcome);
        Assert.True(result.NewRequestNeeded);
        Assert.Equal("urn:ietf:params:acme:error:externalAccountRequired", result.Code);
        Assert.Contains("-CaAccount", result.Message);
        Assert.Contains("-CaPassword", result.Message);
        Assert.Empty(_scenario.Server.Posts);
        Assert.Null(_scenario.Accounts.LoadAccountUrl());
    }

    [Fact]
    public void AServerThatAsksForABindingTheDirectoryDidNotMentionIsTheSameMisconfiguration()
    {
        _scenario.Server.WithDirectory();
        _scenario.Server.On("POST", ScriptedAcmeServer.NewAccountUrl, ScriptedAnswer.Problem("externalAccountRequired", "an external account binding is required", HttpStatusCode.Unauthorized));

        CaResult result = _scenario.Submit();

        Assert.Equal(CaOutcome.Misconfigured, result.Outcome);
        Assert.True(result.NewRequestNeeded);
        Assert.Contains("-CaAccount", result.Message);
    }

    [Fact]
    public void ABindingTheServerRefusesNamesItsKeyIdAndNeedsANewRequest()
    {
        _scenario.Server.WithDirectory(externalAccountRequired: true);
        _scenario.Server.On("POST", ScriptedAcmeServer.NewAccountUrl, ScriptedAnswer.Problem("unauthorized", "the binding's MAC is wrong", HttpStatusCode.Unauthorized));

        CaResult result = _scenario.Client(EabKeyId, EabHmacKey).Submit(AcmeScenario.Submission, default);

        Assert.Equal(CaOutcome.Misconfigured, result.Outcome);
        Assert.True(result.NewRequestNeeded);
        Assert.Equal("urn:ietf:params:acme:error:unauthorized", result.Code);
        Assert.Contains("\"" + EabKeyId + "\"", result.Message);
        Assert.Contains("the binding's MAC is wrong", result.Message);
        Assert.DoesNotContain(EabHmacKey, result.Message);
    }

    [Fact]
    public void APassingFaultWhileRegisteringWithABindingIsNotBlamedOnTheBinding()
    {
        _scenario.Server.WithDirectory(externalAccountRequired: true);
        _scenario.Server.On("POST", ScriptedAcmeServer.NewAccountUrl, ScriptedAnswer.Problem("serverInternal", "database unavailable", HttpStatusCode.InternalServerError));

        CaResult result = _scenario.Client(EabKeyId, EabHmacKey).Submit(AcmeScenario.Submission, default);

        Assert.Equal(CaOutcome.Unreachable, result.Outcome);
        Assert.False(result.NewRequestNeeded);
        Assert.Equal("urn:ietf:params:acme:error:serverInternal", result.Code);
    }

    [Fact]
    public void AnAccountTheServerForgotIsRegisteredAgainOnceAndTheRequestGoesOn()
    {
        const string NewAccountUrl = ScriptedAcmeServer.Base + "/acme/acct/2";
        _scenario.Accounts.LoadOrCreateKey().Dispose();
        _scenario.Accounts.SaveAccountUrl(ScriptedAcmeServer.AccountUrl);
        _scenario.Server.WithDirectory();
        _scenario.Server.On("POST", ScriptedAcmeServer.NewAccountUrl, ScriptedAnswer.Created(NewAccountUrl, "{}"));
        _scenario.Server.On("POST", ScriptedAcmeServer.NewOrderUrl, ScriptedAnswer.Problem("accountDoesNotExist", "no account for this key", HttpStatusCode.BadRequest));
        _scenario.ReadyOrderIssued();

        CaResult result = _scenario.Submit();

        Assert.Equal(CaOutcome.Issued, result.Outcome);
        Assert.Equal(
            new[] { (ScriptedAcmeServer.NewOrderUrl, ScriptedAcmeServer.AccountUrl), (ScriptedAcmeServer.NewAccountUrl, (string?)null), (ScriptedAcmeServer.NewOrderUrl, NewAccountUrl) },
            _scenario.Server.Posts.Take(3).Select(p => (p.Url, p.Kid)));
        Assert.Equal(NewAccountUrl, _scenario.Accounts.LoadAccountUrl());
    }

    [Fact]
    public void AnAccountForgottenTwiceInOneRequestIsNotRegisteredAgainWithoutEnd()
    {
        _scenario.Accounts.LoadOrCreateKey().Dispose();
        _scenario.Accounts.SaveAccountUrl(ScriptedAcmeServer.AccountUrl);
        _scenario.Server.WithAccount();
        _scenario.Server.On("POST", ScriptedAcmeServer.NewOrderUrl, ScriptedAnswer.Problem("accountDoesNotExist", "no account for this key"));

        CaResult result = _scenario.Submit();

        Assert.Equal(CaOutcome.Failed, result.Outcome);
        Assert.Equal("urn:ietf:params:acme:error:accountDoesNotExist", result.Code);
        Assert.Single(_scenario.Server.To(ScriptedAcmeServer.NewAccountUrl));
        Assert.Equal(2, _scenario.Server.To(ScriptedAcmeServer.NewOrderUrl).Count);
    }
}
