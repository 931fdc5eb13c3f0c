// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

namespace CsCertificate.DnsProtocol;

/// <summary>
/// Response codes of the DNS header (RFC 1035, RFC 2136 §2.2) and the TSIG error field (RFC 8945 §5.3.2).
/// </summary>
internal enum DnsResponseCode : ushort
{
    NoError = 0,
    FormErr = 1,
    ServFail = 2,
    NXDomain = 3,
    NotImp = 4,
    Refused = 5,
    YXDomain = 6,
    YXRRSet = 7,
    NXRRSet = 8,
    NotAuth = 9,
    NotZone = 10,
    BadSig = 16,
    BadKey = 17,
    BadTime = 18,
    BadTrunc = 22,
}
