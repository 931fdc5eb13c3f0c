// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CsCertificate.CaClient;
using CsCertificate.CaClient.Acme;
using Xunit;

namespace CsCertificate.Tests.CaClient.Acme;

/// <summary>
/// What the client sends an ACME server (RFC 8555 §6): the directory read first, every POST a JWS signed with the
/// account key for the URL it goes to, with the nonce of the server's last answer, and badNonce retried.
/// </summary>
public sealed class AcmeRequestSigningTests : IDisposable
{
    private readonly AcmeScenario _scenario = new AcmeScenario();

    public void Dispose() => _scenario.Dispose();

    [Fact]
    public void ReadsTheDirectoryOnceAndTakesOneNonceFromNewNonce()
    {
        _scenario.Server.WithAccount();
        _scenario.ReadyOrderIssued();

        CaResult result = _scenario.Submit();

        Assert.Equal(CaOutcome.Issued, result.Outcome);
        Assert.Equal(("GET", ScriptedAcmeServer.DirectoryUrl), (_scenario.Server.Sent[0].Method, _scenario.Server.Sent[0].Url));
        Assert.Equal(("HEAD", ScriptedAcmeServer.NewNonceUrl), (_scenario.Server.Sent[1].Method, _scenario.Server.Sent[1].Url));
        Assert.Single(_scenario.Server.Sent, r => r.Method == "GET");
        Assert.Single(_scenario.Server.Sent, r => r.Method == "HEAD");
        Assert.All(_scenario.Server.Sent.Skip(2), r => Assert.Equal("POST", r.Method));
    }

    [Fact]
    public void EveryPostIsAnEs256JwsForItsUrlWithTheNonceOfTheAnswerBefore()
    {
        _scenario.Server.WithAccount();
        _scenario.ReadyOrderIssued();

        _scenario.Submit();

        IReadOnlyList<SentAcmeRequest> posts = _scenario.Server.Posts;
        Assert.Equal(new[] { ScriptedAcmeServer.NewAccountUrl, ScriptedAcmeServer.NewOrderUrl, ScriptedAcmeServer.FinalizeUrl, ScriptedAcmeServer.CertificateUrl }, posts.Select(p => p.Url));
        using ECDsa accountKey = PublicKey(posts[0].Jwk!);
        for (int i = 0; i < posts.Count; i++)
        {
            SentAcmeRequest post = posts[i];
            Assert.Equal("application/jose+json", post.ContentType);
            Assert.Equal("ES256", post.Alg);
            Assert.Equal(post.Url, post.HeaderUrl);

            // The HEAD's nonce (nonce-1) for the first POST, then each answer's Replay-Nonce for the next.
            Assert.Equal("nonce-" + (i + 1), post.Nonce);
            Assert.True(accountKey.VerifyData(Encoding.ASCII.GetBytes(post.ProtectedPart + "." + post.PayloadPart), post.Signature, HashAlgorithmName.SHA256), "signature of " + post.Url);
        }
    }

    [Fact]
    public void TheNewAccountRequestCarriesTheKeyAndEveryOtherTheAccountUrl()
    {
        _scenario.Server.WithAccount();
        _scenario.ReadyOrderIssued();

        _scenario.Submit();

        SentAcmeRequest newAccount = _scenario.Server.Posts[0];
        Assert.NotNull(newAccount.Jwk);
        Assert.Null(newAccount.Kid);
        Assert.All(_scenario.Server.Posts.Skip(1), p =>
        {
            Assert.Equal(ScriptedAcmeServer.AccountUrl, p.Kid);
            Assert.Null(p.Jwk);
        });
    }

    [Fact]
    public void TheOrderNamesEveryNameOfTheRequestInLowerCaseTheFinalizeCarriesTheCsr()
    {
        _scenario.Server.WithAccount();
        _scenario.ReadyOrderIssued();

        _scenario.Submit();

        SentAcmeRequest order = _scenario.Server.To(ScriptedAcmeServer.NewOrderUrl).Single();
        Assert.Equal(
            new[] { "dns:pool.contoso.com", "dns:web.contoso.com" },
            order.PayloadJson.GetProperty("identifiers").EnumerateArray().Select(i => i.GetProperty("type").GetString() + ":" + i.GetProperty("value").GetString()));
        SentAcmeRequest finalize = _scenario.Server.To(ScriptedAcmeServer.FinalizeUrl).Single();
        Assert.Equal(Base64Url.Encode(AcmeScenario.Csr), finalize.PayloadJson.GetProperty("csr").GetString());
        SentAcmeRequest download = _scenario.Server.To(ScriptedAcmeServer.CertificateUrl).Single();
        Assert.Equal(string.Empty, download.Payload);
        Assert.Equal("application/pem-certificate-chain", download.Accept);
    }

    [Fact]
    public void ABadNonceIsSentAgainWithTheNonceTheRefusalCarried()
    {
        _scenario.Server.WithAccount();
        _scenario.Server.On("POST", ScriptedAcmeServer.NewOrderUrl, ScriptedAnswer.Problem("badNonce", "JWS has an invalid anti-replay nonce"));
        _scenario.ReadyOrderIssued();

        CaResult result = _scenario.Submit();

        Assert.Equal(CaOutcome.Issued, result.Outcome);
        IReadOnlyList<SentAcmeRequest> orders = _scenario.Server.To(ScriptedAcmeServer.NewOrderUrl);
        Assert.Equal(2, orders.Count);
        Assert.Equal("nonce-2", orders[0].Nonce);
        Assert.Equal("nonce-3", orders[1].Nonce);
        Assert.Single(_scenario.Server.Sent, r => r.Method == "HEAD");
        Assert.Contains(_scenario.Verbose, v => v.Contains("rejected the nonce") && v.Contains(ScriptedAcmeServer.NewOrderUrl));
    }

    [Fact]
    public void BadNoncesWithoutEndAreGivenUpAfterTenRetries()
    {
        _scenario.Server.WithAccount();
        _scenario.Server.On("POST", ScriptedAcmeServer.NewOrderUrl, ScriptedAnswer.Problem("badNonce", "JWS has an invalid anti-replay nonce"));

        CaResult result = _scenario.Submit();

        Assert.Equal(CaOutcome.Failed, result.Outcome);
        Assert.Equal("urn:ietf:params:acme:error:badNonce", result.Code);
        Assert.Equal(11, _scenario.Server.To(ScriptedAcmeServer.NewOrderUrl).Count);
        Assert.Null(result.CaRequestId);
    }

    [Fact]
    public void AnAnswerWithoutANonceMakesTheClientAskNewNonceForTheNext()
    {
        _scenario.Server.WithDirectory();
        _scenario.Server.On("POST", ScriptedAcmeServer.NewAccountUrl, ScriptedAnswer.Created(ScriptedAcmeServer.AccountUrl, "{}").WithoutNonce());
        _scenario.ReadyOrderIssued();

        CaResult result = _scenario.Submit();

        Assert.Equal(CaOutcome.Issued, result.Outcome);
        Assert.Equal(2, _scenario.Server.Sent.Count(r => r.Method == "HEAD"));
        Assert.Equal("nonce-2", _scenario.Server.To(ScriptedAcmeServer.NewOrderUrl).Single().Nonce);
    }

    private static ECDsa PublicKey(string jwk)
    {
        using JsonDocument key = JsonDocument.Parse(jwk);
        return ECDsa.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint { X = Base64Url.Decode(key.RootElement.GetProperty("x").GetString()!), Y = Base64Url.Decode(key.RootElement.GetProperty("y").GetString()!) },
        });
    }
}
