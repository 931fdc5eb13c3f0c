// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;

namespace CsCertificate.DnsProtocol;

/// <summary>
/// Signs requests and checks the signatures of answers with TSIG (RFC 8945 §4, §5): the MAC covers the message
/// as it is without the TSIG record, then the TSIG variables; an answer's MAC also covers the request's MAC.
/// </summary>
internal static class Tsig
{
    /// <summary>The fudge nsupdate and BIND use: clocks may differ by five minutes.</summary>
    public const int DefaultFudge = 300;

    private const int HeaderAdditionalCount = 10;

    /// <summary>Appends a TSIG record to a message.</summary>
    /// <param name="message">The message in wire format, without a TSIG record.</param>
    /// <param name="key">The key.</param>
    /// <param name="timeSigned">Seconds since 1970, UTC.</param>
    /// <param name="mac">The request's MAC, which the answer's signature covers.</param>
    /// <returns>The signed message.</returns>
    public static byte[] Sign(byte[] message, TsigKey key, long timeSigned, out byte[] mac)
    {
        ushort id = (ushort)((message[0] << 8) | message[1]);
        var digest = new DnsWireWriter();
        digest.WriteBytes(message);
        WriteVariables(digest, key.Name, key.WireAlgorithm, timeSigned, DefaultFudge, DnsResponseCode.NoError, Array.Empty<byte>());
        mac = key.ComputeMac(digest.ToArray());

        var signed = new DnsWireWriter();
        signed.WriteBytes(message);
        signed.WriteName(key.Name);
        signed.WriteUInt16((int)DnsRecordType.TSIG);
        signed.WriteUInt16((int)DnsClass.Any);
        signed.WriteUInt32(0);
        var data = new DnsWireWriter();
        data.WriteName(key.WireAlgorithm);
        data.WriteUInt48(timeSigned);
        data.WriteUInt16(DefaultFudge);
        data.WriteUInt16(mac.Length);
        data.WriteBytes(mac);
        data.WriteUInt16(id);
        data.WriteUInt16((int)DnsResponseCode.NoError);
        data.WriteUInt16(0);
        signed.WriteUInt16(data.Length);
        signed.WriteBytes(data.ToArray());

        byte[] bytes = signed.ToArray();
        int count = ((bytes[HeaderAdditionalCount] << 8) | bytes[HeaderAdditionalCount + 1]) + 1;
        bytes[HeaderAdditionalCount] = (byte)(count >> 8);
        bytes[HeaderAdditionalCount + 1] = (byte)count;
        return bytes;
    }

    /// <summary>Whether an answer's TSIG record is this key's signature over the answer to the request with <paramref name="requestMac"/>.</summary>
    /// <param name="wire">The answer in wire format.</param>
    /// <param name="tsig">Its TSIG record.</param>
    /// <param name="key">The key the request was signed with.</param>
    /// <param name="requestMac">The request's MAC.</param>
    public static bool Verify(byte[] wire, TsigRecord tsig, TsigKey key, byte[] requestMac)
    {
        if (!DnsName.AreEqual(tsig.KeyName, key.Name) || !key.IsAlgorithm(tsig.Algorithm) || tsig.Mac.Length == 0)
        {
            return false;
        }

        // The answer as it was before its TSIG record was added: one additional record less, the original id.
        byte[] unsigned = new byte[tsig.Offset];
        Buffer.BlockCopy(wire, 0, unsigned, 0, tsig.Offset);
        unsigned[0] = (byte)(tsig.OriginalId >> 8);
        unsigned[1] = (byte)tsig.OriginalId;
        int count = ((unsigned[HeaderAdditionalCount] << 8) | unsigned[HeaderAdditionalCount + 1]) - 1;
        unsigned[HeaderAdditionalCount] = (byte)(count >> 8);
        unsigned[HeaderAdditionalCount + 1] = (byte)count;

        var digest = new DnsWireWriter();
        digest.WriteUInt16(requestMac.Length);
        digest.WriteBytes(requestMac);
        digest.WriteBytes(unsigned);
        WriteVariables(digest, key.Name, key.WireAlgorithm, tsig.TimeSigned, tsig.Fudge, tsig.Error, tsig.OtherData);
        return TsigKey.MacEquals(key.ComputeMac(digest.ToArray()), tsig.Mac);
    }

    /// <summary>Seconds since 1970 for a UTC time, as TSIG counts them.</summary>
    public static long ToTimeSigned(DateTime utc) => (long)(utc - new DateTime(1970, 1, 1, 0, 0, 0, DateTimeKind.Utc)).TotalSeconds;

    private static void WriteVariables(DnsWireWriter writer, string keyName, string algorithm, long timeSigned, int fudge, DnsResponseCode error, byte[] other)
    {
        writer.WriteName(keyName, canonical: true);
        writer.WriteUInt16((int)DnsClass.Any);
        writer.WriteUInt32(0);
        writer.WriteName(algorithm, canonical: true);
        writer.WriteUInt48(timeSigned);
        writer.WriteUInt16(fudge);
        writer.WriteUInt16((int)error);
        writer.WriteUInt16(other.Length);
        writer.WriteBytes(other);
    }
}
