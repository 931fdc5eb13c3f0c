// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System.Diagnostics.CodeAnalysis;
using System.Linq;
using CsCertificate.Common;
using CsCertificate.Resources;

namespace CsCertificate.CaClient.Adcs;

/// <summary>
/// An AD CS configuration string, <c>host\CAName</c>: the CA server's network name and the CA's common name.
/// </summary>
internal sealed class AdcsConfigString
{
    private AdcsConfigString(string host, string caName)
    {
        Host = host;
        CaName = caName;
    }

    /// <summary>Gets the CA server's network name (the part before the first backslash).</summary>
    public string Host { get; }

    /// <summary>Gets the CA's common name (the rest; it may contain spaces).</summary>
    public string CaName { get; }

    /// <summary>Gets the config string as certcli takes it.</summary>
    public string Value => Host + "\\" + CaName;

    /// <summary>Reads <c>host\CAName</c>. Anything else (an ACME URL, a bare host) is not an AD CS CA.</summary>
    /// <returns>False when <paramref name="value"/> is not a config string.</returns>
    public static bool TryParse(string? value, [NotNullWhen(true)] out AdcsConfigString? result)
    {
        result = null;
        if (value == null)
        {
            return false;
        }

        // Split at the first backslash only: the host never has one, and the CA part is the CA's common name as
        // entered at setup, which certcli takes unchanged.
        string trimmed = value.Trim();
        int separator = trimmed.IndexOf('\\');
        if (separator < 0)
        {
            return false;
        }

        string host = trimmed.Substring(0, separator).Trim();
        string caName = trimmed.Substring(separator + 1).Trim();
        if (host.Length == 0 || caName.Length == 0 || host.Any(c => char.IsWhiteSpace(c) || c == '/') || caName.Any(char.IsControl))
        {
            return false;
        }

        result = new AdcsConfigString(host, caName);
        return true;
    }

    /// <summary>Reads <c>host\CAName</c>.</summary>
    /// <exception cref="CsCertificateException">Not a config string (InvalidCaName).</exception>
    public static AdcsConfigString Parse(string value)
    {
        if (TryParse(value, out AdcsConfigString? result))
        {
            return result;
        }

        throw new CsCertificateException(ErrorIds.InvalidCaName, ErrorKind.InvalidArgument, Messages.Format(Strings.AdcsInvalidConfigString, value), value);
    }

    public override string ToString() => Value;
}
