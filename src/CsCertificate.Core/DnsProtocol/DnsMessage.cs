// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.Collections.Generic;

namespace CsCertificate.DnsProtocol;

/// <summary>
/// A DNS message (RFC 1035 §4.1): a query, an UPDATE (RFC 2136 §2: the zone in the question section, the
/// changes in the authority section), or an answer to either.
/// </summary>
internal sealed class DnsMessage
{
    public const int OpcodeQuery = 0;
    public const int OpcodeUpdate = 5;

    private const int ResponseFlag = 0x8000;
    private const int AuthoritativeFlag = 0x0400;
    private const int TruncatedFlag = 0x0200;
    private const int RecursionDesiredFlag = 0x0100;

    public ushort Id { get; set; }

    public int Flags { get; set; }

    public bool IsResponse => (Flags & ResponseFlag) != 0;

    public int Opcode => (Flags >> 11) & 0xF;

    public bool IsAuthoritative => (Flags & AuthoritativeFlag) != 0;

    public bool IsTruncated => (Flags & TruncatedFlag) != 0;

    public DnsResponseCode ResponseCode => (DnsResponseCode)(Flags & 0xF);

    public List<DnsQuestion> Questions { get; } = new List<DnsQuestion>();

    /// <summary>Gets the answer section; the prerequisites of an UPDATE.</summary>
    public List<DnsRecord> Answers { get; } = new List<DnsRecord>();

    /// <summary>Gets the authority section; the changes of an UPDATE.</summary>
    public List<DnsRecord> Authority { get; } = new List<DnsRecord>();

    public List<DnsRecord> Additional { get; } = new List<DnsRecord>();

    /// <summary>A query for one name and type, asking for recursion (resolvers need it; authoritative servers ignore it).</summary>
    public static DnsMessage Query(ushort id, string name, DnsRecordType type)
    {
        var message = new DnsMessage { Id = id, Flags = (OpcodeQuery << 11) | RecursionDesiredFlag };
        message.Questions.Add(new DnsQuestion(name, type));
        return message;
    }

    /// <summary>An UPDATE of a zone (RFC 2136 §2.3): the changes go in <see cref="Authority"/>.</summary>
    public static DnsMessage Update(ushort id, string zone)
    {
        var message = new DnsMessage { Id = id, Flags = OpcodeUpdate << 11 };
        message.Questions.Add(new DnsQuestion(zone, DnsRecordType.SOA));
        return message;
    }

    public byte[] ToWire()
    {
        var writer = new DnsWireWriter();
        writer.WriteUInt16(Id);
        writer.WriteUInt16(Flags);
        writer.WriteUInt16(Questions.Count);
        writer.WriteUInt16(Answers.Count);
        writer.WriteUInt16(Authority.Count);
        writer.WriteUInt16(Additional.Count);
        foreach (DnsQuestion question in Questions)
        {
            writer.WriteName(question.Name);
            writer.WriteUInt16((int)question.Type);
            writer.WriteUInt16((int)question.Class);
        }

        foreach (List<DnsRecord> section in new[] { Answers, Authority, Additional })
        {
            foreach (DnsRecord record in section)
            {
                record.Write(writer);
            }
        }

        return writer.ToArray();
    }

    /// <exception cref="FormatException">The bytes are not a DNS message.</exception>
    public static DnsMessage Parse(byte[] bytes)
    {
        var reader = new DnsWireReader(bytes);
        var message = new DnsMessage { Id = (ushort)reader.ReadUInt16(), Flags = reader.ReadUInt16() };
        int questions = reader.ReadUInt16();
        int answers = reader.ReadUInt16();
        int authority = reader.ReadUInt16();
        int additional = reader.ReadUInt16();
        for (int i = 0; i < questions; i++)
        {
            string name = reader.ReadName();
            message.Questions.Add(new DnsQuestion(name, (DnsRecordType)reader.ReadUInt16(), (DnsClass)reader.ReadUInt16()));
        }

        ReadSection(reader, answers, message.Answers);
        ReadSection(reader, authority, message.Authority);
        ReadSection(reader, additional, message.Additional);
        if (reader.Position != bytes.Length)
        {
            throw new FormatException("The DNS message has bytes after its last record.");
        }

        return message;
    }

    private static void ReadSection(DnsWireReader reader, int count, List<DnsRecord> section)
    {
        for (int i = 0; i < count; i++)
        {
            section.Add(DnsRecord.Read(reader));
        }
    }
}
