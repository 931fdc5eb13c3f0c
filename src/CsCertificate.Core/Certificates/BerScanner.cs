// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

namespace CsCertificate.Certificates;

/// <summary>
/// Checks the tag-length framing of one BER element without building it, before BouncyCastle parses it.
/// </summary>
/// <remarks>
/// BouncyCastle's parser recurses once per nesting level. Version 2.7 stops at 64 levels, but that bound is a
/// process-wide setting read from the environment variable Org.BouncyCastle.Asn1.MaxDepth: raised, a 100,000-level
/// input overflows the stack and aborts the process (tested), which no catch can stop. This scan is iterative and
/// allocates only the stack of open elements, so our own bound holds whatever the environment says, and it tells
/// where the first element ends, so that trailing data can be reported.
/// </remarks>
internal static class BerScanner
{
    /// <summary>
    /// Scans the element that starts at offset 0.
    /// </summary>
    /// <param name="data">The bytes to scan.</param>
    /// <param name="maxDepth">The deepest nesting of constructed elements allowed; the outer element is level 1.</param>
    /// <param name="end">The offset just past the element when valid; otherwise the offset where scanning stopped.</param>
    public static BerScanStatus Scan(byte[] data, int maxDepth, out int end)
    {
        // For each open constructed element: its end offset, or -1 while it runs until an end-of-contents marker.
        var ends = new int[maxDepth + 1];

        // The limit no child may cross: the nearest enclosing definite end, or the buffer's end.
        var limits = new int[maxDepth + 1];
        int depth = 0;
        int pos = 0;
        end = 0;

        while (true)
        {
            if (depth > 0)
            {
                int open = depth - 1;
                if (ends[open] >= 0)
                {
                    if (pos == ends[open])
                    {
                        depth--;
                        if (depth == 0)
                        {
                            end = pos;
                            return BerScanStatus.Valid;
                        }

                        continue;
                    }
                }
                else if (pos + 1 < limits[open] && data[pos] == 0 && data[pos + 1] == 0)
                {
                    pos += 2;
                    depth--;
                    if (depth == 0)
                    {
                        end = pos;
                        return BerScanStatus.Valid;
                    }

                    continue;
                }
            }

            int limit = depth > 0 ? limits[depth - 1] : data.Length;
            end = pos;
            if (!ReadHeader(data, limit, ref pos, out bool constructed, out int length))
            {
                return BerScanStatus.Malformed;
            }

            if (!constructed)
            {
                pos += length;
                if (depth == 0)
                {
                    end = pos;
                    return BerScanStatus.Valid;
                }

                continue;
            }

            if (depth == maxDepth)
            {
                return BerScanStatus.TooDeep;
            }

            ends[depth] = length < 0 ? -1 : pos + length;
            limits[depth] = length < 0 ? limit : pos + length;
            depth++;
        }
    }

    /// <summary>Reads an identifier and a length; the length is -1 for the indefinite form.</summary>
    /// <returns>False when the header is malformed or its contents would cross <paramref name="limit"/>.</returns>
    private static bool ReadHeader(byte[] data, int limit, ref int pos, out bool constructed, out int length)
    {
        constructed = false;
        length = 0;
        if (pos >= limit)
        {
            return false;
        }

        byte identifier = data[pos++];
        constructed = (identifier & 0x20) != 0;
        if ((identifier & 0x1F) == 0x1F)
        {
            // High tag number form: base-128 digits, the first never 0x80 (X.690 8.1.2.4.2 c); four digits reach 2^28.
            int digits = 0;
            while (true)
            {
                if (pos >= limit || digits == 4 || (digits == 0 && data[pos] == 0x80))
                {
                    return false;
                }

                byte digit = data[pos++];
                digits++;
                if ((digit & 0x80) == 0)
                {
                    break;
                }
            }
        }
        else if (identifier == 0)
        {
            // An end-of-contents marker where no indefinite-length element is open.
            return false;
        }

        if (pos >= limit)
        {
            return false;
        }

        byte first = data[pos++];
        if (first < 0x80)
        {
            length = first;
        }
        else if (first == 0x80)
        {
            // The indefinite form is only allowed for constructed elements (X.690 8.1.3.2 a).
            length = -1;
            return constructed;
        }
        else
        {
            int octets = first & 0x7F;
            if (octets > 4 || octets > limit - pos)
            {
                return false;
            }

            long value = 0;
            for (int i = 0; i < octets; i++)
            {
                value = (value << 8) | data[pos++];
            }

            if (value > int.MaxValue)
            {
                return false;
            }

            length = (int)value;
        }

        return length <= limit - pos;
    }
}
