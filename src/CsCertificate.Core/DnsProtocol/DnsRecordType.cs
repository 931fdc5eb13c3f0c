// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

namespace CsCertificate.DnsProtocol;

/// <summary>The DNS record types (RFC 1035, RFC 3596, RFC 8945) the dns-01 client reads or writes.</summary>
internal enum DnsRecordType : ushort
{
    A = 1,
    NS = 2,
    CNAME = 5,
    SOA = 6,
    TXT = 16,
    AAAA = 28,
    TSIG = 250,
    ANY = 255,
}
