// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

namespace CsCertificate.DnsProtocol;

/// <summary>The DNS classes an UPDATE uses (RFC 2136 §2.4, §2.5): IN to add, NONE to delete one record, ANY for TSIG.</summary>
internal enum DnsClass : ushort
{
    IN = 1,
    None = 254,
    Any = 255,
}
