// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Reflection;
using System.Runtime.Serialization;
using System.Text;

namespace CsCertificate.Store;

/// <summary>
/// Reads a stored record in the exact shape the store writes: one flat JSON object of the record's members with
/// string, integer, boolean, null and string-array values. It is about ten times faster than
/// DataContractJsonSerializer, which made -List of 10,000 requests take seconds.
/// </summary>
/// <remarks>
/// It declines (returns false) whatever it is not sure to read exactly as DataContractJsonSerializer would: an
/// unknown or repeated member, a missing member that the store always writes, another value type, a number that
/// is not a plain integer, invalid UTF-8, control characters or surrogates. The caller then uses the serializer,
/// so odd, hand-edited and corrupt records behave as before. The members, their types and which ones the store
/// always writes come from <see cref="RequestRecord"/>'s data contract, so a member added there is read here too;
/// one of a type this reader does not know sends its records to the serializer.
/// </remarks>
internal static class RequestRecordReader
{
    private static readonly UTF8Encoding s_strictUtf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Every data member of <see cref="RequestRecord"/>, in contract order.</summary>
    private static readonly Member[] s_members = typeof(RequestRecord).GetProperties()
        .Select(p => (Property: p, Contract: p.GetCustomAttribute<DataMemberAttribute>()))
        .Where(m => m.Contract != null)
        .OrderBy(m => m.Contract!.Order)
        .Select(m => new Member(m.Contract!.Name, m.Contract.EmitDefaultValue, ValueReader(m.Property)))
        .ToArray();

    /// <summary>The members the store always writes (EmitDefaultValue is true); a record without one is not in the store's shape.</summary>
    private static readonly ulong s_required = s_members
        .Select((m, index) => m.Required ? 1UL << index : 0)
        .Aggregate(0UL, (mask, bit) => mask | bit);

    /// <summary>Reads a record, or returns false when the document is not in the store's own shape.</summary>
    public static bool TryRead(byte[] json, out RequestRecord? record)
    {
        record = null;
        if (s_members.Length > 64)
        {
            return false; // the members seen are tracked in one 64-bit mask
        }

        try
        {
            var result = new RequestRecord();
            if (!new Parser(json).TryReadObject(result, out ulong seen) || (seen & s_required) != s_required)
            {
                return false;
            }

            record = result;
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }

    /// <summary>Reads one member's value and sets it; null for a type this reader does not know.</summary>
    private static Func<Parser, RequestRecord, bool>? ValueReader(PropertyInfo property)
    {
        MethodInfo setter = property.GetSetMethod()!;
        Type type = property.PropertyType;
        if (type == typeof(string))
        {
            var set = Setter<string?>(setter);
            return (parser, record) => parser.TryReadStringOrNull(out string? value) && Assign(set, record, value);
        }

        if (type == typeof(string[]))
        {
            var set = Setter<string[]>(setter);
            return (parser, record) => parser.TryReadStringArray(out string[]? value) && Assign(set, record, value!);
        }

        if (type == typeof(int))
        {
            var set = Setter<int>(setter);
            return (parser, record) => parser.TryReadInt(out int value) && Assign(set, record, value);
        }

        if (type == typeof(bool))
        {
            var set = Setter<bool>(setter);
            return (parser, record) => parser.TryReadBool(out bool value) && Assign(set, record, value);
        }

        return null;
    }

    private static Action<RequestRecord, T> Setter<T>(MethodInfo setter) =>
        (Action<RequestRecord, T>)Delegate.CreateDelegate(typeof(Action<RequestRecord, T>), setter);

    private static bool Assign<T>(Action<RequestRecord, T> set, RequestRecord record, T value)
    {
        set(record, value);
        return true;
    }

    private sealed class Member
    {
        public Member(string name, bool required, Func<Parser, RequestRecord, bool>? read)
        {
            Name = name;
            Required = required;
            Read = read;
        }

        public string Name { get; }

        public bool Required { get; }

        /// <summary>Gets the reader of the member's value, or null when its records must take the serializer.</summary>
        public Func<Parser, RequestRecord, bool>? Read { get; }
    }

    private sealed class Parser
    {
        [ThreadStatic]
        private static StringBuilder? t_text;

        private readonly byte[] _json;
        private int _at;

        public Parser(byte[] json)
        {
            _json = json;
        }

        public bool TryReadObject(RequestRecord record, out ulong seen)
        {
            seen = 0;
            SkipWhiteSpace();
            if (!Take((byte)'{'))
            {
                return false;
            }

            SkipWhiteSpace();
            if (Take((byte)'}'))
            {
                return AtEnd();
            }

            while (true)
            {
                SkipWhiteSpace();
                int member = ReadMemberName();
                if (member < 0 || (seen & (1UL << member)) != 0)
                {
                    return false;
                }

                seen |= 1UL << member;
                SkipWhiteSpace();
                if (!Take((byte)':'))
                {
                    return false;
                }

                SkipWhiteSpace();
                Func<Parser, RequestRecord, bool>? read = s_members[member].Read;
                if (read == null || !read(this, record))
                {
                    return false;
                }

                SkipWhiteSpace();
                if (Take((byte)','))
                {
                    continue;
                }

                return Take((byte)'}') && AtEnd();
            }
        }

        /// <summary>Reads a member name without making a string of it: the index of a known name, or -1.</summary>
        private int ReadMemberName()
        {
            if (!Take((byte)'"'))
            {
                return -1;
            }

            int start = _at;
            while (_at < _json.Length && _json[_at] != (byte)'"')
            {
                if (_json[_at] == (byte)'\\')
                {
                    return -1;
                }

                _at++;
            }

            int length = _at - start;
            if (!Take((byte)'"'))
            {
                return -1;
            }

            for (int m = 0; m < s_members.Length; m++)
            {
                string candidate = s_members[m].Name;
                if (candidate.Length != length)
                {
                    continue;
                }

                int i = 0;
                while (i < length && _json[start + i] == (byte)candidate[i])
                {
                    i++;
                }

                if (i == length)
                {
                    return m;
                }
            }

            return -1;
        }

        public bool TryReadStringArray(out string[]? list)
        {
            list = null;
            if (!Take((byte)'['))
            {
                return false;
            }

            var items = new List<string>();
            SkipWhiteSpace();
            if (!Take((byte)']'))
            {
                while (true)
                {
                    SkipWhiteSpace();
                    if (!TryReadString(out string? item))
                    {
                        return false;
                    }

                    items.Add(item!);
                    SkipWhiteSpace();
                    if (Take((byte)','))
                    {
                        continue;
                    }

                    if (!Take((byte)']'))
                    {
                        return false;
                    }

                    break;
                }
            }

            list = items.ToArray();
            return true;
        }

        public bool TryReadStringOrNull(out string? text)
        {
            text = null;
            return TakeLiteral("null") || TryReadString(out text);
        }

        public bool TryReadBool(out bool value)
        {
            value = TakeLiteral("true");
            return value || TakeLiteral("false");
        }

        /// <summary>An optional minus and decimal digits (no leading zero, fraction or exponent) that fit an Int32.</summary>
        public bool TryReadInt(out int value)
        {
            value = 0;
            int start = _at;
            Take((byte)'-');
            int digits = _at;
            while (_at < _json.Length && _json[_at] >= (byte)'0' && _json[_at] <= (byte)'9')
            {
                _at++;
            }

            int count = _at - digits;
            if (count == 0 || count > 10 || (count > 1 && _json[digits] == (byte)'0') || !AtDelimiter())
            {
                return false;
            }

            return int.TryParse(Encoding.ASCII.GetString(_json, start, _at - start), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
        }

        private bool TryReadString(out string? text)
        {
            text = null;
            if (!Take((byte)'"'))
            {
                return false;
            }

            StringBuilder? escaped = null;
            int run = _at;
            bool nonAscii = false;
            bool runAscii = true;
            while (_at < _json.Length)
            {
                byte b = _json[_at];
                if (b == (byte)'"')
                {
                    string last = s_strictUtf8.GetString(_json, run, _at - run);
                    text = escaped == null ? last : escaped.Append(last).ToString();
                    _at++;

                    // U+FFFE and U+FFFF are not XML characters, which the serializer's reader may refuse.
                    return !nonAscii || text.IndexOf('\uFFFE') < 0 && text.IndexOf('\uFFFF') < 0;
                }

                if (b < 0x20)
                {
                    return false;
                }

                if (b >= 0x80)
                {
                    nonAscii = true;
                    runAscii = false;
                }

                if (b != (byte)'\\')
                {
                    _at++;
                    continue;
                }

                // Only strings with escapes (the request's line breaks and slashes) are built up; one builder per thread.
                if (escaped == null)
                {
                    escaped = t_text ??= new StringBuilder(1024);
                    escaped.Clear();
                }

                if (runAscii)
                {
                    for (int i = run; i < _at; i++)
                    {
                        escaped.Append((char)_json[i]);
                    }
                }
                else
                {
                    escaped.Append(s_strictUtf8.GetString(_json, run, _at - run));
                }

                if (!TryReadEscape(escaped))
                {
                    return false;
                }

                run = _at;
                runAscii = true;
            }

            return false;
        }

        /// <summary>Reads an escape after its backslash; one that would make a control character or a surrogate is declined.</summary>
        private bool TryReadEscape(StringBuilder text)
        {
            _at++;
            if (_at >= _json.Length)
            {
                return false;
            }

            byte e = _json[_at++];
            switch (e)
            {
                case (byte)'"': text.Append('"'); return true;
                case (byte)'\\': text.Append('\\'); return true;
                case (byte)'/': text.Append('/'); return true;
                case (byte)'n': text.Append('\n'); return true;
                case (byte)'r': text.Append('\r'); return true;
                case (byte)'t': text.Append('\t'); return true;
                case (byte)'u':
                    if (!TryReadHex(out char c))
                    {
                        return false;
                    }

                    if (char.IsHighSurrogate(c))
                    {
                        // The serializer writes a character outside the BMP as two escapes: "\ud83d\ude00".
                        if (!Take((byte)'\\') || !Take((byte)'u') || !TryReadHex(out char low) || !char.IsLowSurrogate(low))
                        {
                            return false;
                        }

                        text.Append(c).Append(low);
                        return true;
                    }

                    if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || char.IsLowSurrogate(c) || c >= 0xFFFE)
                    {
                        return false;
                    }

                    text.Append(c);
                    return true;
                default:
                    return false;
            }
        }

        private bool TryReadHex(out char c)
        {
            c = '\0';
            if (_at + 4 > _json.Length
                || !int.TryParse(Encoding.ASCII.GetString(_json, _at, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out int code))
            {
                return false;
            }

            c = (char)code;
            _at += 4;
            return true;
        }

        private bool TakeLiteral(string literal)
        {
            if (_at + literal.Length > _json.Length)
            {
                return false;
            }

            for (int i = 0; i < literal.Length; i++)
            {
                if (_json[_at + i] != (byte)literal[i])
                {
                    return false;
                }
            }

            int end = _at + literal.Length;
            int saved = _at;
            _at = end;
            if (!AtDelimiter())
            {
                _at = saved;
                return false;
            }

            return true;
        }

        private bool Take(byte b)
        {
            if (_at < _json.Length && _json[_at] == b)
            {
                _at++;
                return true;
            }

            return false;
        }

        private bool AtDelimiter()
        {
            if (_at >= _json.Length)
            {
                return true;
            }

            byte b = _json[_at];
            return b == (byte)',' || b == (byte)'}' || b == (byte)']' || b == (byte)' ' || b == (byte)'\t' || b == (byte)'\n' || b == (byte)'\r';
        }

        private bool AtEnd()
        {
            SkipWhiteSpace();
            return _at == _json.Length;
        }

        private void SkipWhiteSpace()
        {
            while (_at < _json.Length)
            {
                byte b = _json[_at];
                if (b != (byte)' ' && b != (byte)'\t' && b != (byte)'\n' && b != (byte)'\r')
                {
                    return;
                }

                _at++;
            }
        }
    }
}
