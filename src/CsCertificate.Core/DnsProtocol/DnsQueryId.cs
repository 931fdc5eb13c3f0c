// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System.Security.Cryptography;

namespace CsCertificate.DnsProtocol;

/// <summary>Message ids from a cryptographic generator, so that an off-path sender cannot guess them (RFC 5452).</summary>
internal static class DnsQueryId
{
    private static readonly RandomNumberGenerator s_random = RandomNumberGenerator.Create();

    public static ushort Next()
    {
        byte[] bytes = new byte[2];
        lock (s_random)
        {
            s_random.GetBytes(bytes);
        }

        return (ushort)((bytes[0] << 8) | bytes[1]);
    }
}
