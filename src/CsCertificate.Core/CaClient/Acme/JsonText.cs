// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace CsCertificate.CaClient.Acme;

/// <summary>
/// Writes the small, exact JSON that JWS needs: compact, members in the order given (RFC 7638 thumbprints
/// depend on it), strings escaped per RFC 8259. Responses are read with DataContractJsonSerializer instead.
/// </summary>
internal static class JsonText
{
    /// <summary>An object from name/value pairs; a value is a string, a bool, a <see cref="Raw"/> fragment or a sequence of those.</summary>
    public static string Object(params (string Name, object? Value)[] members) =>
        "{" + string.Join(",", members.Where(m => m.Value != null).Select(m => String(m.Name) + ":" + Value(m.Value!))) + "}";

    public static string String(string value)
    {
        var text = new StringBuilder(value.Length + 2).Append('"');
        foreach (char c in value)
        {
            switch (c)
            {
                case '"':
                    text.Append("\\\"");
                    break;
                case '\\':
                    text.Append("\\\\");
                    break;
                case '\n':
                    text.Append("\\n");
                    break;
                case '\r':
                    text.Append("\\r");
                    break;
                case '\t':
                    text.Append("\\t");
                    break;
                default:
                    if (c < 0x20)
                    {
                        text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        text.Append(c);
                    }

                    break;
            }
        }

        return text.Append('"').ToString();
    }

    private static string Value(object value) => value switch
    {
        string s => String(s),
        bool b => b ? "true" : "false",
        Raw raw => raw.Json,
        IEnumerable<object> items => "[" + string.Join(",", items.Select(Value)) + "]",
        _ => String(value.ToString() ?? string.Empty),
    };

    /// <summary>A fragment that is already JSON (a nested object).</summary>
    public sealed class Raw
    {
        public Raw(string json) => Json = json;

        public string Json { get; }
    }
}
