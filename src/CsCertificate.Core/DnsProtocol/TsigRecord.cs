// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;

namespace CsCertificate.DnsProtocol;

/// <summary>The fields of a TSIG record (RFC 8945 §4.2).</summary>
internal sealed class TsigRecord
{
    public string KeyName { get; private set; } = string.Empty;

    public string Algorithm { get; private set; } = string.Empty;

    /// <summary>Gets the time signed, in seconds since 1970 (UTC).</summary>
    public long TimeSigned { get; private set; }

    public int Fudge { get; private set; }

    public byte[] Mac { get; private set; } = Array.Empty<byte>();

    public ushort OriginalId { get; private set; }

    public DnsResponseCode Error { get; private set; }

    public byte[] OtherData { get; private set; } = Array.Empty<byte>();

    /// <summary>Where the record starts in its message: what the MAC covers ends there.</summary>
    public int Offset { get; private set; }

    /// <summary>Reads the TSIG record of a message: the last record of its additional section, if it is one.</summary>
    /// <exception cref="FormatException">The record's data is cut short.</exception>
    public static TsigRecord? Find(DnsMessage message, byte[] wire)
    {
        if (message.Additional.Count == 0 || message.Additional[message.Additional.Count - 1].Type != DnsRecordType.TSIG)
        {
            return null;
        }

        DnsRecord record = message.Additional[message.Additional.Count - 1];
        var reader = new DnsWireReader(wire, record.Offset);
        reader.ReadName();
        reader.Position += 10; // type, class, TTL, data length
        var tsig = new TsigRecord
        {
            KeyName = record.Name,
            Offset = record.Offset,
            Algorithm = reader.ReadName(),
            TimeSigned = reader.ReadUInt48(),
            Fudge = reader.ReadUInt16(),
        };
        tsig.Mac = reader.ReadBytes(reader.ReadUInt16());
        tsig.OriginalId = (ushort)reader.ReadUInt16();
        tsig.Error = (DnsResponseCode)reader.ReadUInt16();
        tsig.OtherData = reader.ReadBytes(reader.ReadUInt16());
        return tsig;
    }
}
