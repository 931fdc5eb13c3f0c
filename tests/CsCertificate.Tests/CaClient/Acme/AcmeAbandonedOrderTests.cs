// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System.Collections.Generic;
using CsCertificate.CaClient.Acme;
using Xunit;

namespace CsCertificate.Tests.CaClient.Acme;

/// <summary>
/// An invalid order is ordered again only when nobody could have answered its challenges; everything else is a
/// refusal that a new order would not change.
/// </summary>
public sealed class AcmeAbandonedOrderTests
{
    private const string Closed = "2026-11-26T12:00:00.0000000Z";

    private readonly Dictionary<string, AcmeChallengeRecord> _stored = new Dictionary<string, AcmeChallengeRecord>();

    [Theory]
    [InlineData("connection", "127.0.0.1: Connection refused")]
    [InlineData("unauthorized", "Invalid response from http://pool.contoso.com/.well-known/acme-challenge/t: 404")]
    [InlineData("incorrectResponse", "The key authorization file from the server did not match")]
    public void AChallengeThatFailedAfterItsResponderClosedIsNoRefusal(string type, string detail)
    {
        Keep("t1", closed: true);

        string? why = AcmeAbandonedOrder.Explain(Order(), new[] { Failed("pool.contoso.com", "t1", type, detail) }, Find);

        Assert.NotNull(why);
        Assert.Contains("pool.contoso.com: " + detail, why);
        Assert.Contains("2026-11-26 12:00:00Z", why);
    }

    [Fact]
    public void AChallengeThatFailedWhileItsResponderServedIsARefusal()
    {
        Keep("t1", closed: false);

        Assert.Null(AcmeAbandonedOrder.Explain(Order(), new[] { Failed("pool.contoso.com", "t1", "connection", "timeout") }, Find));
    }

    [Fact]
    public void AChallengeTheDataFolderDoesNotKnowIsARefusal()
    {
        Assert.Null(AcmeAbandonedOrder.Explain(Order(), new[] { Failed("pool.contoso.com", "t1", "connection", "refused") }, Find));
    }

    [Theory]
    [InlineData("rejectedIdentifier")]
    [InlineData("caa")]
    [InlineData("dns")]
    [InlineData("tls")]
    [InlineData("serverInternal")]
    public void ErrorsThatAnAbsentResponderDoesNotCauseAreRefusals(string type)
    {
        Keep("t1", closed: true);

        Assert.Null(AcmeAbandonedOrder.Explain(Order(), new[] { Failed("pool.contoso.com", "t1", type, "no") }, Find));
    }

    [Fact]
    public void AnOrderErrorOfAnotherKindIsARefusal()
    {
        Keep("t1", closed: true);
        AcmeOrder order = Order();
        order.Error = new AcmeProblem { Type = AcmeProblem.Prefix + "badCSR", Detail = "bad key" };

        Assert.Null(AcmeAbandonedOrder.Explain(order, new[] { Failed("pool.contoso.com", "t1", "connection", "refused") }, Find));
    }

    [Fact]
    public void OneNameRefusedWhileServedMakesTheWholeOrderARefusal()
    {
        Keep("t1", closed: true);
        Keep("t2", closed: false);

        Assert.Null(AcmeAbandonedOrder.Explain(
            Order(),
            new[] { Failed("pool.contoso.com", "t1", "connection", "refused"), Failed("web.contoso.com", "t2", "unauthorized", "404") },
            Find));
    }

    [Fact]
    public void ValidAndPendingNamesDoNotCountAndAnExpiredOneLeftAloneIsNoRefusal()
    {
        Keep("t2", closed: true);

        string? why = AcmeAbandonedOrder.Explain(
            Order(),
            new[] { Authorization("pool.contoso.com", "valid", "t1"), Authorization("web.contoso.com", "expired", "t2"), Authorization("meet.contoso.com", "pending", "t3") },
            Find);

        Assert.NotNull(why);
        Assert.Contains("web.contoso.com", why);
        Assert.DoesNotContain("pool.contoso.com", why);
    }

    [Fact]
    public void AnOrderInvalidWithoutAFailedAuthorizationIsARefusal()
    {
        AcmeOrder order = Order();
        order.Error = new AcmeProblem { Type = AcmeProblem.Prefix + "unauthorized", Detail = "finalize refused" };

        Assert.Null(AcmeAbandonedOrder.Explain(order, new[] { Authorization("pool.contoso.com", "valid", "t1") }, Find));
    }

    [Theory]
    [InlineData("unauthorized", "No TXT records found for DNS challenge")]
    [InlineData("dns", "NXDOMAIN looking up TXT for _acme-challenge.sip.contoso.com")]
    public void ADnsChallengeThatFailedAfterItsRecordWasRemovedIsNoRefusal(string type, string detail)
    {
        _stored["t1-dns"] = new AcmeChallengeRecord { Type = AcmeChallenge.Dns01, Token = "t1-dns", ResponderClosed = Closed };
        AcmeAuthorization authorization = Authorization("sip.contoso.com", "invalid", "t1");
        authorization.Challenges![0].Error = new AcmeProblem { Type = AcmeProblem.Prefix + type, Detail = detail };

        string? why = AcmeAbandonedOrder.Explain(Order(), new[] { authorization }, Find);

        Assert.NotNull(why);
        Assert.Contains("sip.contoso.com: " + detail, why);
    }

    [Fact]
    public void ADnsFailureOfAnHttpChallengeIsStillARefusal()
    {
        Keep("t1", closed: true);

        Assert.Null(AcmeAbandonedOrder.Explain(Order(), new[] { Failed("pool.contoso.com", "t1", "dns", "SERVFAIL looking up A") }, Find));
    }

    private static AcmeOrder Order() => new AcmeOrder { Status = "invalid" };

    private static AcmeAuthorization Authorization(string name, string status, string token) => new AcmeAuthorization
    {
        Status = status,
        Identifier = new AcmeIdentifier { Type = "dns", Value = name },
        Challenges = new[]
        {
            new AcmeChallenge { Type = "dns-01", Token = token + "-dns", Status = status },
            new AcmeChallenge { Type = AcmeChallenge.Http01, Token = token, Url = "https://ca/chall/" + token, Status = status },
        },
    };

    private static AcmeAuthorization Failed(string name, string token, string type, string detail)
    {
        AcmeAuthorization authorization = Authorization(name, "invalid", token);
        authorization.Challenges![1].Error = new AcmeProblem { Type = AcmeProblem.Prefix + type, Detail = detail };
        return authorization;
    }

    private void Keep(string token, bool closed) =>
        _stored[token] = new AcmeChallengeRecord { Type = AcmeChallenge.Http01, Token = token, KeyAuthorization = token + ".k", ResponderClosed = closed ? Closed : null };

    private AcmeChallengeRecord? Find(string token) => _stored.TryGetValue(token, out AcmeChallengeRecord? record) ? record : null;
}
