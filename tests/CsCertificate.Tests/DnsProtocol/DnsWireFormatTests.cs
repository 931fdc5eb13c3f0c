// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.Linq;
using System.Net;
using CsCertificate.DnsProtocol;
using CsCertificate.Tests.TestInfrastructure;
using Xunit;

namespace CsCertificate.Tests.DnsProtocol;

public sealed class DnsWireFormatTests
{
    [Theory]
    [InlineData("signed update: add", (ushort)DnsClass.IN, 60u)]
    [InlineData("signed update: delete", (ushort)DnsClass.None, 0u)]
    public void WritesTheUpdateThatNsupdateWritesToAddOrDeleteOneTxtValue(string name, ushort @class, uint ttl)
    {
        BindVectors.Exchange exchange = BindVectors.Named(name);
        DnsMessage update = DnsMessage.Update(Id(exchange.Request), "fabrikam.com");
        update.Authority.Add(DnsRecord.Txt("_acme-challenge.sip.fabrikam.com", "vector-value-1", (DnsClass)@class, ttl));

        Assert.Equal(Unsigned(exchange.Request), update.ToWire());
    }

    [Fact]
    public void ReadsAnAnswerWithCompressedNames()
    {
        DnsMessage answer = DnsMessage.Parse(BindVectors.Named("signed query").Response);

        Assert.True(answer.IsResponse);
        Assert.True(answer.IsAuthoritative);
        Assert.Equal(DnsResponseCode.NoError, answer.ResponseCode);
        DnsRecord soa = Assert.Single(answer.Answers);
        Assert.Equal(DnsRecordType.SOA, soa.Type);
        Assert.Equal("fabrikam.com", soa.Name);
        Assert.Equal("ns.fabrikam.com", soa.Target);
        DnsRecord ns = Assert.Single(answer.Authority);
        Assert.Equal("ns.fabrikam.com", ns.Target);
        Assert.Equal(IPAddress.Loopback, answer.Additional.Single(r => r.Type == DnsRecordType.A).Address);
        Assert.Equal(DnsRecordType.TSIG, answer.Additional.Last().Type);
    }

    [Fact]
    public void ReadsTheResponseCodesOfRefusedUpdates()
    {
        Assert.Equal(DnsResponseCode.Refused, DnsMessage.Parse(BindVectors.Named("unsigned update").Response).ResponseCode);
        foreach ((string name, DnsResponseCode error) in new[] { ("update signed with the right key name", DnsResponseCode.BadSig), ("update signed with a key the server", DnsResponseCode.BadKey) })
        {
            byte[] wire = BindVectors.Named(name).Response;
            DnsMessage answer = DnsMessage.Parse(wire);
            Assert.Equal(DnsResponseCode.NotAuth, answer.ResponseCode);
            TsigRecord tsig = TsigRecord.Find(answer, wire)!;
            Assert.Equal(error, tsig.Error);
            Assert.Empty(tsig.Mac);
        }
    }

    [Fact]
    public void ATxtRecordReadBackHasItsText()
    {
        var message = DnsMessage.Query(7, "_acme-challenge.meet.litwareinc.com", DnsRecordType.TXT);
        message.Answers.Add(DnsRecord.Txt("_acme-challenge.meet.litwareinc.com", "ZyPn7mT0jCkE-abc_123", DnsClass.IN, 60));

        DnsRecord read = Assert.Single(DnsMessage.Parse(message.ToWire()).Answers);

        Assert.Equal(new[] { "ZyPn7mT0jCkE-abc_123" }, read.Texts);
        Assert.Equal(60u, read.Ttl);
    }

    [Theory]
    [InlineData("000081000001000000000000c00c00060001", "a name pointing at itself")]
    [InlineData("000081000001000000000000c00e00060001", "a pointer forward")]
    [InlineData("0000810000010001000000000000060001", "an answer that is not there")]
    [InlineData("00008100000100000000000003616263", "a name cut short")]
    [InlineData("00008100000100000000000000000600010000", "bytes after the last record")]
    [InlineData("00008100000000010000000000001000010000000500050461626364656667", "TXT data longer than its length says")]
    [InlineData("0000810000000001000000000000010001000000050004c0000201ff", "a record cut short")]
    [InlineData("00008100", "a header cut short")]
    public void RefusesMalformedMessagesWithFormatException(string hex, string what)
    {
        Assert.Throws<FormatException>(() => DnsMessage.Parse(Convert.FromHexString(hex)));
        Assert.NotEmpty(what);
    }

    [Fact]
    public void MutatedAnswersFailOnlyWithFormatException()
    {
        var random = new Random(2136);
        foreach (BindVectors.Exchange exchange in BindVectors.All)
        {
            foreach (byte[] sample in new[] { exchange.Request, exchange.Response })
            {
                for (int i = 0; i < 2000; i++)
                {
                    byte[] mutated = ByteMutator.Mutate(sample, random, r => new byte[] { 0xC0, (byte)r.Next(256) }, 16);
                    try
                    {
                        DnsMessage message = DnsMessage.Parse(mutated);
                        TsigRecord.Find(message, mutated);
                    }
                    catch (FormatException)
                    {
                    }
                }
            }
        }
    }

    [Theory]
    [InlineData("ns1.contoso.com", "ns1.contoso.com", 53)]
    [InlineData("192.0.2.53:5353", "192.0.2.53", 5353)]
    [InlineData(" 127.0.0.1 ", "127.0.0.1", 53)]
    [InlineData("[2001:db8::53]:5353", "2001:db8::53", 5353)]
    [InlineData("2001:db8::53", "2001:db8::53", 53)]
    [InlineData("dns.litwareinc.com:53", "dns.litwareinc.com", 53)]
    public void ReadsDnsServers(string text, string host, int port)
    {
        DnsServerAddress server = DnsServerAddress.Parse(text)!;

        Assert.Equal(host, server.Host);
        Assert.Equal(port, server.Port);
    }

    [Theory]
    [InlineData("")]
    [InlineData("ns1.contoso.com:0")]
    [InlineData("ns1.contoso.com:65536")]
    [InlineData("ns1.contoso.com:dns")]
    [InlineData("https://ns1.contoso.com")]
    [InlineData("ns1 contoso.com")]
    [InlineData("[2001:db8::53")]
    [InlineData("[192.0.2.1]:53")]
    [InlineData("ns1..contoso.com")]
    public void RefusesWhatIsNoDnsServer(string text)
    {
        Assert.Null(DnsServerAddress.Parse(text));
    }

    [Fact]
    public void NamesCompareWithoutCaseOrFinalDot()
    {
        Assert.True(DnsName.AreEqual("Fabrikam.COM.", "fabrikam.com"));
        Assert.True(DnsName.IsAtOrBelow("_acme-challenge.sip.fabrikam.com", "FABRIKAM.com."));
        Assert.False(DnsName.IsAtOrBelow("sip.notfabrikam.com", "fabrikam.com"));
        Assert.Equal("fabrikam.com", DnsName.Parent("sip.fabrikam.com"));
        Assert.Equal(string.Empty, DnsName.Parent("com"));
        Assert.Null(DnsName.Parent("."));
    }

    private static ushort Id(byte[] message) => (ushort)((message[0] << 8) | message[1]);

    /// <summary>A signed message as it was before its TSIG record was added.</summary>
    private static byte[] Unsigned(byte[] signed)
    {
        DnsMessage message = DnsMessage.Parse(signed);
        TsigRecord tsig = TsigRecord.Find(message, signed)!;
        byte[] unsigned = signed.Take(tsig.Offset).ToArray();
        unsigned[11]--;
        return unsigned;
    }
}
