// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Text;

namespace CsCertificate.DnsProtocol;

/// <summary>
/// Reads DNS wire format from a whole message, so that compressed names (RFC 1035 §4.1.4) can be followed. Every
/// read is bounds-checked: a short or looping answer is a <see cref="FormatException"/>, never an index error.
/// </summary>
internal sealed class DnsWireReader
{
    private const int MaxPointers = 64;
    private readonly byte[] _message;

    public DnsWireReader(byte[] message, int position = 0)
    {
        _message = message;
        Position = position;
    }

    public int Position { get; set; }

    public byte[] Message => _message;

    public int ReadByte()
    {
        Need(1);
        return _message[Position++];
    }

    public int ReadUInt16()
    {
        Need(2);
        int value = (_message[Position] << 8) | _message[Position + 1];
        Position += 2;
        return value;
    }

    public uint ReadUInt32() => ((uint)ReadUInt16() << 16) | (uint)ReadUInt16();

    public long ReadUInt48() => ((long)ReadUInt16() << 32) | ReadUInt32();

    public byte[] ReadBytes(int count)
    {
        Need(count);
        byte[] bytes = new byte[count];
        Buffer.BlockCopy(_message, Position, bytes, 0, count);
        Position += count;
        return bytes;
    }

    public string ReadCharacterString()
    {
        int length = ReadByte();
        return Encoding.ASCII.GetString(ReadBytes(length));
    }

    /// <summary>Reads a name, following compression pointers (backwards only, a bounded number of them).</summary>
    /// <exception cref="FormatException">The name runs past the message, loops, or has a label this client does not read.</exception>
    public string ReadName()
    {
        var labels = new List<string>();
        int position = Position;
        int? resumeAt = null;
        int pointers = 0;
        int length = 1;
        while (true)
        {
            if (position >= _message.Length)
            {
                throw new FormatException("A DNS name runs past the end of the message.");
            }

            int size = _message[position];
            if ((size & 0xC0) == 0xC0)
            {
                if (position + 1 >= _message.Length)
                {
                    throw new FormatException("A DNS name pointer runs past the end of the message.");
                }

                int target = ((size & 0x3F) << 8) | _message[position + 1];
                if (++pointers > MaxPointers || target >= position)
                {
                    throw new FormatException("A DNS name pointer loops or points forward.");
                }

                resumeAt ??= position + 2;
                position = target;
                continue;
            }

            if ((size & 0xC0) != 0)
            {
                throw new FormatException("A DNS name has an unknown label type.");
            }

            position++;
            if (size == 0)
            {
                break;
            }

            if (position + size > _message.Length)
            {
                throw new FormatException("A DNS label runs past the end of the message.");
            }

            length += size + 1;
            if (length > DnsName.MaxWireLength)
            {
                throw new FormatException("A DNS name is longer than 255 bytes.");
            }

            labels.Add(DnsName.ReadLabel(_message, position, size));
            position += size;
        }

        Position = resumeAt ?? position;
        return labels.Count == 0 ? "." : string.Join(".", labels);
    }

    private void Need(int count)
    {
        if (count < 0 || Position + count > _message.Length)
        {
            throw new FormatException("The DNS message ends too early.");
        }
    }
}
