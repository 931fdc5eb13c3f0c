// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Net;

namespace CsCertificate.DnsProtocol;

/// <summary>
/// A resource record (RFC 1035 §4.1.3). Its data is kept as it was on the wire; the fields this client reads are
/// decoded when the message is parsed, while compressed names can still be followed.
/// </summary>
internal sealed class DnsRecord
{
    public DnsRecord(string name, DnsRecordType type, DnsClass @class, uint ttl, byte[] data)
    {
        Name = name;
        Type = type;
        Class = @class;
        Ttl = ttl;
        Data = data;
    }

    public string Name { get; }

    public DnsRecordType Type { get; }

    public DnsClass Class { get; }

    public uint Ttl { get; }

    /// <summary>Gets the record data as sent or received (names in it may be compressed references into the message).</summary>
    public byte[] Data { get; }

    /// <summary>Gets the name a CNAME or NS record points to, or the primary server (MNAME) of an SOA record.</summary>
    public string? Target { get; private set; }

    /// <summary>Gets the strings of a TXT record.</summary>
    public IReadOnlyList<string> Texts { get; private set; } = Array.Empty<string>();

    /// <summary>Gets the address of an A or AAAA record.</summary>
    public IPAddress? Address { get; private set; }

    /// <summary>Gets where the record starts in the message it was read from (TSIG needs it); -1 for a record made here.</summary>
    public int Offset { get; private set; } = -1;

    /// <summary>A TXT record of one string: what dns-01 publishes (RFC 8555 §8.4).</summary>
    public static DnsRecord Txt(string name, string text, DnsClass @class, uint ttl)
    {
        var data = new DnsWireWriter();
        data.WriteCharacterString(text);
        return new DnsRecord(name, DnsRecordType.TXT, @class, ttl, data.ToArray()) { Texts = new[] { text } };
    }

    public void Write(DnsWireWriter writer)
    {
        writer.WriteName(Name);
        writer.WriteUInt16((int)Type);
        writer.WriteUInt16((int)Class);
        writer.WriteUInt32(Ttl);
        writer.WriteUInt16(Data.Length);
        writer.WriteBytes(Data);
    }

    /// <exception cref="FormatException">The record is cut short or its data does not fit its type.</exception>
    public static DnsRecord Read(DnsWireReader reader)
    {
        int offset = reader.Position;
        string name = reader.ReadName();
        var type = (DnsRecordType)reader.ReadUInt16();
        var @class = (DnsClass)reader.ReadUInt16();
        uint ttl = reader.ReadUInt32();
        int length = reader.ReadUInt16();
        int start = reader.Position;
        byte[] data = reader.ReadBytes(length);
        var record = new DnsRecord(name, type, @class, ttl, data) { Offset = offset };
        var inner = new DnsWireReader(reader.Message, start);
        switch (type)
        {
            case DnsRecordType.CNAME:
            case DnsRecordType.NS:
            case DnsRecordType.SOA:
                record.Target = inner.ReadName();
                break;
            case DnsRecordType.TXT:
                var texts = new List<string>();
                while (inner.Position < start + length)
                {
                    texts.Add(inner.ReadCharacterString());
                }

                record.Texts = texts;
                break;
            case DnsRecordType.A when length == 4:
            case DnsRecordType.AAAA when length == 16:
                record.Address = new IPAddress(data);
                break;
        }

        if (inner.Position > start + length)
        {
            throw new FormatException("A DNS record's data is longer than its length says.");
        }

        return record;
    }
}
