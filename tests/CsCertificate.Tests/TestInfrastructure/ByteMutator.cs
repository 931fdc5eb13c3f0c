// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.Collections.Generic;

namespace CsCertificate.Tests.TestInfrastructure;

/// <summary>
/// The fuzz tests' mutations of a real sample: one to four edits of bit flips, replaced bytes, cuts, truncation,
/// repeated slices (inconsistent nesting and lengths) and insertions that the format's reader should find hostile.
/// </summary>
internal static class ByteMutator
{
    /// <param name="sample">The document to mutate; it is not changed.</param>
    /// <param name="random">The seeded source of every choice, so a failing case can be replayed.</param>
    /// <param name="insertion">The format's hostile bytes to insert at a random place.</param>
    /// <param name="longestSlice">The longest slice that is cut out or repeated.</param>
    public static byte[] Mutate(byte[] sample, Random random, Func<Random, byte[]> insertion, int longestSlice)
    {
        var bytes = new List<byte>(sample);
        int edits = random.Next(1, 5);
        for (int edit = 0; edit < edits && bytes.Count > 0; edit++)
        {
            int at = random.Next(bytes.Count);
            switch (random.Next(6))
            {
                case 0:
                    bytes[at] ^= (byte)(1 << random.Next(8));
                    break;
                case 1:
                    bytes[at] = (byte)random.Next(256);
                    break;
                case 2:
                    bytes.RemoveRange(at, Math.Min(random.Next(1, longestSlice), bytes.Count - at));
                    break;
                case 3:
                    bytes.InsertRange(at, insertion(random));
                    break;
                case 4:
                    bytes.RemoveRange(at, bytes.Count - at);
                    break;
                default:
                    int length = Math.Min(random.Next(1, longestSlice), bytes.Count - at);
                    bytes.InsertRange(random.Next(bytes.Count), bytes.GetRange(at, length));
                    break;
            }
        }

        return bytes.ToArray();
    }
}
