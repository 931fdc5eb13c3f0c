// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.Linq;
using CsCertificate.DnsProtocol;
using Xunit;

namespace CsCertificate.Tests.DnsProtocol;

public sealed class TsigTests
{
    public static TheoryData<string> SignedUpdates => new TheoryData<string>
    {
        "signed update: add",
        "signed update: delete",
        "signed update with hmac-sha512",
        "signed update with hmac-sha1",
        "signed update with hmac-md5",
    };

    [Theory]
    [MemberData(nameof(SignedUpdates))]
    public void SignsExactlyAsNsupdateDoes(string name)
    {
        BindVectors.Exchange exchange = BindVectors.Named(name);
        DnsMessage message = DnsMessage.Parse(exchange.Request);
        TsigRecord sent = TsigRecord.Find(message, exchange.Request)!;
        byte[] unsigned = exchange.Request.Take(sent.Offset).ToArray();
        unsigned[11]--;

        byte[] signed = Tsig.Sign(unsigned, exchange.Key, sent.TimeSigned, out byte[] mac);

        Assert.Equal(sent.Mac, mac);
        Assert.Equal(exchange.Request, signed);
    }

    [Theory]
    [MemberData(nameof(SignedUpdates))]
    public void VerifiesTheServersSignedAnswer(string name)
    {
        BindVectors.Exchange exchange = BindVectors.Named(name);
        byte[] requestMac = TsigRecord.Find(DnsMessage.Parse(exchange.Request), exchange.Request)!.Mac;
        TsigRecord answer = TsigRecord.Find(DnsMessage.Parse(exchange.Response), exchange.Response)!;

        Assert.True(Tsig.Verify(exchange.Response, answer, exchange.Key, requestMac));
    }

    [Fact]
    public void VerifiesTheAnswerToASignedQuery()
    {
        BindVectors.Exchange exchange = BindVectors.Named("signed query");
        byte[] requestMac = TsigRecord.Find(DnsMessage.Parse(exchange.Request), exchange.Request)!.Mac;

        Assert.True(Tsig.Verify(exchange.Response, TsigRecord.Find(DnsMessage.Parse(exchange.Response), exchange.Response)!, exchange.Key, requestMac));
    }

    [Fact]
    public void RejectsAnAnswerThatWasChangedOrIsNotToThisRequest()
    {
        BindVectors.Exchange exchange = BindVectors.Named("signed update: add");
        byte[] requestMac = TsigRecord.Find(DnsMessage.Parse(exchange.Request), exchange.Request)!.Mac;

        byte[] changed = (byte[])exchange.Response.Clone();
        changed[3] ^= 0x05; // NOERROR becomes REFUSED
        Assert.False(Tsig.Verify(changed, TsigRecord.Find(DnsMessage.Parse(changed), changed)!, exchange.Key, requestMac));

        TsigRecord answer = TsigRecord.Find(DnsMessage.Parse(exchange.Response), exchange.Response)!;
        byte[] otherMac = (byte[])requestMac.Clone();
        otherMac[0] ^= 1;
        Assert.False(Tsig.Verify(exchange.Response, answer, exchange.Key, otherMac));

        TsigKey otherSecret = TsigKey.Create("cscert-test", "hmac-sha256", new byte[32])!;
        Assert.False(Tsig.Verify(exchange.Response, answer, otherSecret, requestMac));
        TsigKey otherName = TsigKey.Create("other-key", "hmac-sha256", Convert.FromBase64String("q+1N2erNe1vnl6kewqJ/rXWEx6FnYVKAmoZkgy3SoI8="))!;
        Assert.False(Tsig.Verify(exchange.Response, answer, otherName, requestMac));
    }

    [Fact]
    public void TheKeyNeverShowsItsSecret()
    {
        TsigKey key = TsigKey.Create("cscert-test", "HMAC-SHA256", Convert.FromBase64String("q+1N2erNe1vnl6kewqJ/rXWEx6FnYVKAmoZkgy3SoI8="))!;

        Assert.Equal("cscert-test (hmac-sha256)", key.ToString());
        Assert.Null(TsigKey.Create("k", "hmac-sha224", new byte[28]));
        Assert.Null(TsigKey.Create("k", "hmac-sha256-128", new byte[32]));
        Assert.Equal("hmac-md5.sig-alg.reg.int", TsigKey.Create("k", "hmac-md5", new byte[16])!.WireAlgorithm);
    }
}
