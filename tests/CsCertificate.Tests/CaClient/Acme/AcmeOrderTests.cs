// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading;
using CsCertificate.CaClient;
using CsCertificate.CaClient.Acme;
using Xunit;

namespace CsCertificate.Tests.CaClient.Acme;

/// <summary>
/// An order through its states (RFC 8555 §7.1.6): pending (http-01 answered), ready (finalized), processing
/// (polled, after Retry-After), valid (the chain downloaded) and invalid (denied, with the challenges' errors);
/// an order the server forgot is placed again; a stop keeps the order for -Retrieve.
/// </summary>
public sealed class AcmeOrderTests : IDisposable
{
    private readonly AcmeScenario _scenario = new AcmeScenario();

    public AcmeOrderTests() => _scenario.Server.WithAccount();

    public void Dispose() => _scenario.Dispose();

    [Fact]
    public void AReadyOrderIsFinalizedAndItsChainReturned()
    {
        _scenario.ReadyOrderIssued();

        CaResult result = _scenario.Submit();

        Assert.Equal(CaOutcome.Issued, result.Outcome);
        Assert.Equal(ScriptedAcmeServer.OrderUrl, result.CaRequestId);
        Assert.Equal(_scenario.ChainDer, result.Certificates);
        Assert.Null(result.Code);
    }

    [Fact]
    public void APendingOrderIsAnsweredOverHttp01UntilTheCaValidatesIt()
    {
        string? served = null;
        using var validator = new HttpClient();
        _scenario.Server
            .On("POST", ScriptedAcmeServer.NewOrderUrl, ScriptedAnswer.Created(ScriptedAcmeServer.OrderUrl, AcmeScenario.Order("pending")))
            .On("POST", AcmeScenario.AuthorizationUrl, ScriptedAnswer.Json(AcmeScenario.Authorization("pending", "pending")))
            .On("POST", AcmeScenario.ChallengeUrl, ScriptedAnswer.Json("{\"type\":\"http-01\",\"status\":\"processing\"}").Then(() =>
                served = validator.GetStringAsync($"http://127.0.0.1:{_scenario.Settings.Http01Port}/.well-known/acme-challenge/{AcmeScenario.Token}").GetAwaiter().GetResult()))
            .On("POST", ScriptedAcmeServer.OrderUrl, ScriptedAnswer.Json(AcmeScenario.Order("ready")));
        _scenario.Finalized();

        CaResult result = _scenario.Submit();

        Assert.Equal(CaOutcome.Issued, result.Outcome);
        string jwk = _scenario.Server.To(ScriptedAcmeServer.NewAccountUrl).Single().Jwk!;
        Assert.Equal(AcmeScenario.Token + "." + AcmeScenario.Thumbprint(jwk), served);
        Assert.Equal("{}", _scenario.Server.To(AcmeScenario.ChallengeUrl).Single().Payload);
        Assert.All(_scenario.Server.To(ScriptedAcmeServer.OrderUrl), poll => Assert.Equal(string.Empty, poll.Payload));
        Assert.Empty(_scenario.Challenges.All());
    }

    [Fact]
    public void AnOrderStillPendingWhenTheWaitIsOverIsPendingAndItsChallengesMarkedUnserved()
    {
        _scenario.Settings.Wait = TimeSpan.Zero;
        _scenario.Server
            .On("POST", ScriptedAcmeServer.NewOrderUrl, ScriptedAnswer.Created(ScriptedAcmeServer.OrderUrl, AcmeScenario.Order("pending")))
            .On("POST", AcmeScenario.AuthorizationUrl, ScriptedAnswer.Json(AcmeScenario.Authorization("pending", "pending")))
            .On("POST", AcmeScenario.ChallengeUrl, ScriptedAnswer.Json("{\"type\":\"http-01\",\"status\":\"processing\"}"));

        CaResult result = _scenario.Submit();

        Assert.Equal(CaOutcome.Pending, result.Outcome);
        Assert.Equal(ScriptedAcmeServer.OrderUrl, result.CaRequestId);
        Assert.Contains("still pending", result.Message);
        Assert.Contains("-Retrieve", result.Message);
        AcmeChallengeRecord kept = Assert.Single(_scenario.Challenges.All());
        Assert.Equal(AcmeScenario.Token, kept.Token);
        Assert.Equal(7, kept.RequestId);
        Assert.Equal(ScriptedAcmeServer.OrderUrl, kept.Order);
        Assert.NotNull(kept.ResponderClosed);
    }

    [Fact]
    public void AProcessingOrderIsPolledAsPostAsGetUntilValid()
    {
        _scenario.Server
            .On("POST", ScriptedAcmeServer.NewOrderUrl, ScriptedAnswer.Created(ScriptedAcmeServer.OrderUrl, AcmeScenario.Order("ready")))
            .On("POST", ScriptedAcmeServer.FinalizeUrl, ScriptedAnswer.Json(AcmeScenario.Order("processing")).RetryAfterSeconds(0))
            .On("POST", ScriptedAcmeServer.OrderUrl, ScriptedAnswer.Json(AcmeScenario.Order("processing")), ScriptedAnswer.Json(AcmeScenario.Order("valid", ScriptedAcmeServer.CertificateUrl)));
        _scenario.Downloadable();

        CaResult result = _scenario.Submit();

        Assert.Equal(CaOutcome.Issued, result.Outcome);
        Assert.Equal(2, _scenario.Server.To(ScriptedAcmeServer.OrderUrl).Count);
        Assert.All(_scenario.Server.To(ScriptedAcmeServer.OrderUrl), poll => Assert.Equal(string.Empty, poll.Payload));
    }

    [Fact]
    public void RetryAfterInSecondsComesBackWithAPendingResult()
    {
        _scenario.Settings.Wait = TimeSpan.Zero;
        _scenario.Server
            .On("POST", ScriptedAcmeServer.NewOrderUrl, ScriptedAnswer.Created(ScriptedAcmeServer.OrderUrl, AcmeScenario.Order("ready")))
            .On("POST", ScriptedAcmeServer.FinalizeUrl, ScriptedAnswer.Json(AcmeScenario.Order("processing")).RetryAfterSeconds(120));

        CaResult result = _scenario.Submit();

        Assert.Equal(CaOutcome.Pending, result.Outcome);
        Assert.Equal(TimeSpan.FromSeconds(120), result.RetryAfter);
        Assert.Contains("still processing", result.Message);
    }

    [Fact]
    public void RetryAfterAsADateBecomesTheDelayUntilThen()
    {
        _scenario.Settings.Wait = TimeSpan.Zero;
        _scenario.Server
            .On("POST", ScriptedAcmeServer.NewOrderUrl, ScriptedAnswer.Created(ScriptedAcmeServer.OrderUrl, AcmeScenario.Order("ready")))
            .On("POST", ScriptedAcmeServer.FinalizeUrl, ScriptedAnswer.Json(AcmeScenario.Order("processing")).RetryAfterDate(DateTimeOffset.UtcNow.AddHours(1)));

        CaResult result = _scenario.Submit();

        Assert.Equal(CaOutcome.Pending, result.Outcome);
        Assert.InRange(result.RetryAfter!.Value, TimeSpan.FromMinutes(50), TimeSpan.FromMinutes(60));
    }

    [Fact]
    public void AnInvalidOrderIsDeniedWithTheErrorsOfItsChallenges()
    {
        _scenario.Server
            .On("POST", ScriptedAcmeServer.NewOrderUrl, ScriptedAnswer.Created(ScriptedAcmeServer.OrderUrl, AcmeScenario.Order("invalid", error: AcmeScenario.Problem("unauthorized", "Some of the authorizations failed"))))
            .On("POST", AcmeScenario.AuthorizationUrl, ScriptedAnswer.Json(AcmeScenario.Authorization("invalid", "invalid", AcmeScenario.Problem("incorrectResponse", "The key authorization file did not match"))));

        CaResult result = _scenario.Submit();

        Assert.Equal(CaOutcome.Denied, result.Outcome);
        Assert.Equal(ScriptedAcmeServer.OrderUrl, result.CaRequestId);
        Assert.Equal("urn:ietf:params:acme:error:unauthorized", result.Code);
        Assert.Equal("The ACME server refused the order: pool.contoso.com: The key authorization file did not match", result.Message);
        Assert.Empty(_scenario.Server.To(ScriptedAcmeServer.FinalizeUrl));
    }

    [Fact]
    public void AnOrderStatusRfc8555DoesNotDefineIsAnUnreadableAnswer()
    {
        _scenario.Server.On("POST", ScriptedAcmeServer.NewOrderUrl, ScriptedAnswer.Created(ScriptedAcmeServer.OrderUrl, AcmeScenario.Order("approved")));

        CaResult result = _scenario.Submit();

        Assert.Equal(CaOutcome.Unreachable, result.Outcome);
        Assert.Equal(AcmeProblem.UnreadableAnswer, result.Code);
        Assert.Contains("\"approved\"", result.Message);
        Assert.Equal(ScriptedAcmeServer.OrderUrl, result.CaRequestId);
    }

    [Fact]
    public void RetrieveOfAValidOrderDownloadsItWithoutOrderingAgain()
    {
        _scenario.Server.On("POST", ScriptedAcmeServer.OrderUrl, ScriptedAnswer.Json(AcmeScenario.Order("valid", ScriptedAcmeServer.CertificateUrl)));
        _scenario.Downloadable();

        CaResult result = _scenario.Client().Poll(ScriptedAcmeServer.OrderUrl, AcmeScenario.Submission, default);

        Assert.Equal(CaOutcome.Issued, result.Outcome);
        Assert.Equal(ScriptedAcmeServer.OrderUrl, result.CaRequestId);
        Assert.Empty(_scenario.Server.To(ScriptedAcmeServer.NewOrderUrl));
    }

    [Fact]
    public void AnOrderTheServerForgotIsPlacedAgainWithTheStoredRequest()
    {
        const string ForgottenOrder = ScriptedAcmeServer.Base + "/acme/order/0";
        _scenario.Server.On("POST", ForgottenOrder, ScriptedAnswer.Problem("malformed", "No order for ID 0", HttpStatusCode.NotFound));
        _scenario.ReadyOrderIssued();

        CaResult result = _scenario.Client().Poll(ForgottenOrder, AcmeScenario.Submission, default);

        Assert.Equal(CaOutcome.Issued, result.Outcome);
        Assert.Equal(ScriptedAcmeServer.OrderUrl, result.CaRequestId);
        Assert.Single(_scenario.Server.To(ScriptedAcmeServer.NewOrderUrl));
        Assert.Contains(_scenario.Verbose, v => v.Contains("no longer knows the order \"" + ForgottenOrder + "\""));
    }

    [Fact]
    public void AStopWhileTheOrderIsProcessingKeepsTheOrderForRetrieve()
    {
        using var stop = new CancellationTokenSource();
        _scenario.Server
            .On("POST", ScriptedAcmeServer.NewOrderUrl, ScriptedAnswer.Created(ScriptedAcmeServer.OrderUrl, AcmeScenario.Order("ready")))
            .On("POST", ScriptedAcmeServer.FinalizeUrl, ScriptedAnswer.Json(AcmeScenario.Order("processing")).RetryAfterSeconds(3600).Then(stop.Cancel));

        CaResult result = _scenario.Submit(stop.Token);

        Assert.Equal(CaOutcome.Stopped, result.Outcome);
        Assert.Equal(ScriptedAcmeServer.OrderUrl, result.CaRequestId);
        Assert.Empty(_scenario.Server.To(ScriptedAcmeServer.OrderUrl));
    }

    [Fact]
    public void AStopBeforeTheOrderExistsKeepsNoOrder()
    {
        using var stop = new CancellationTokenSource();
        _scenario.Server.On("POST", ScriptedAcmeServer.NewOrderUrl, ScriptedAnswer.Problem("rateLimited", "too many orders").Then(stop.Cancel));

        CaResult result = _scenario.Submit(stop.Token);

        Assert.Equal(CaOutcome.Stopped, result.Outcome);
        Assert.Null(result.CaRequestId);
    }
}
