// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

namespace CsCertificate.DnsProtocol;

/// <summary>A question (RFC 1035 §4.1.2), or in an UPDATE the zone being updated (RFC 2136 §2.3).</summary>
internal sealed class DnsQuestion
{
    public DnsQuestion(string name, DnsRecordType type, DnsClass @class = DnsClass.IN)
    {
        Name = name;
        Type = type;
        Class = @class;
    }

    public string Name { get; }

    public DnsRecordType Type { get; }

    public DnsClass Class { get; }
}
