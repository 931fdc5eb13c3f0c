// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.Collections.Generic;

namespace CsCertificate.Csr;

/// <summary>
/// Prints a Subject the way Windows and Lync do: most specific first, "CN=…, OU=…, O=…, L=…, S=…, C=…".
/// </summary>
internal static class SubjectFormatter
{
    private static readonly char[] s_special = { ',', '+', '=', '"', '<', '>', '#', ';' };

    /// <summary>The Subject as a certificate's Subject property prints it, quoting values that hold separators.</summary>
    public static string Format(string subjectName, SubjectAttributes attributes) => Join(subjectName, attributes, QuoteIfNeeded);

    /// <summary>The Subject as the real product's log line writes it: CN="…", O="…".</summary>
    public static string FormatQuoted(string subjectName, SubjectAttributes attributes) => Join(subjectName, attributes, v => "\"" + v + "\"");

    private static string Join(string subjectName, SubjectAttributes attributes, Func<string, string> value)
    {
        var parts = new List<string> { "CN=" + value(subjectName) };
        void Add(string key, string? text)
        {
            if (!string.IsNullOrEmpty(text))
            {
                parts.Add(key + "=" + value(text!));
            }
        }

        Add("OU", attributes.OrganizationalUnit);
        Add("O", attributes.Organization);
        Add("L", attributes.City);
        Add("S", attributes.State);
        Add("C", attributes.Country);
        return string.Join(", ", parts);
    }

    private static string QuoteIfNeeded(string value) =>
        value.IndexOfAny(s_special) >= 0 || value.Trim() != value
            ? "\"" + value.Replace("\"", "\"\"") + "\""
            : value;
}
