// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System.IO;
using System.Text;

namespace CsCertificate.DnsProtocol;

/// <summary>Writes DNS wire format (RFC 1035 §4): big-endian numbers, names as uncompressed labels.</summary>
internal sealed class DnsWireWriter
{
    private readonly MemoryStream _buffer = new MemoryStream();

    public int Length => (int)_buffer.Length;

    public void WriteUInt16(int value)
    {
        _buffer.WriteByte((byte)(value >> 8));
        _buffer.WriteByte((byte)value);
    }

    public void WriteUInt32(uint value)
    {
        WriteUInt16((int)(value >> 16));
        WriteUInt16((int)(value & 0xFFFF));
    }

    /// <summary>The 48-bit "time signed" of TSIG.</summary>
    public void WriteUInt48(long value)
    {
        WriteUInt16((int)((value >> 32) & 0xFFFF));
        WriteUInt32((uint)(value & 0xFFFFFFFF));
    }

    public void WriteBytes(byte[] bytes) => _buffer.Write(bytes, 0, bytes.Length);

    /// <summary>
    /// Writes a name uncompressed (what TSIG and UPDATE need), lower-cased when <paramref name="canonical"/>
    /// (RFC 8945 §4.3.3: the key and algorithm names of the MAC input are canonical).
    /// </summary>
    public void WriteName(string name, bool canonical = false)
    {
        foreach (string label in DnsName.Labels(name))
        {
            byte[] bytes = Encoding.ASCII.GetBytes(canonical ? label.ToLowerInvariant() : label);
            _buffer.WriteByte((byte)bytes.Length);
            WriteBytes(bytes);
        }

        _buffer.WriteByte(0);
    }

    /// <summary>Writes a &lt;character-string&gt;: a length byte, then at most 255 bytes.</summary>
    public void WriteCharacterString(string text)
    {
        byte[] bytes = Encoding.ASCII.GetBytes(text);
        if (bytes.Length > 255)
        {
            throw new System.ArgumentException("A DNS character string holds at most 255 bytes.", nameof(text));
        }

        _buffer.WriteByte((byte)bytes.Length);
        WriteBytes(bytes);
    }

    public byte[] ToArray() => _buffer.ToArray();
}
