// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;

namespace CsCertificate.Keys;

/// <summary>
/// Fixed-length big-endian integers, as the platform's key import wants them.
/// </summary>
internal static class ByteArrayExtensions
{
    /// <summary>Left-pads an unsigned big-endian integer with zeros to the given length.</summary>
    public static byte[] PadLeft(this byte[] value, int length)
    {
        if (value.Length >= length)
        {
            return value;
        }

        var padded = new byte[length];
        Buffer.BlockCopy(value, 0, padded, length - value.Length, value.Length);
        return padded;
    }
}
