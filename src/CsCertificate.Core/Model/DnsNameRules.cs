// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System.Linq;
using System.Net;
using System.Net.Sockets;
using CsCertificate.Resources;

namespace CsCertificate.Model;

/// <summary>
/// The syntax every name in a Lync or Skype for Business certificate must have: ASCII letters, digits and hyphens
/// in dot-separated labels ("Standard characters … A-Z, a-z, 0-9, and hyphens"; no IDNs), wildcards only as the
/// leftmost label of a SAN entry, and a Subject CN of at most 64 characters (RFC 5280 ub-common-name); the
/// sources of each rule are in docs/design/naming.md, "Validation".
/// IP addresses are refused: the product puts no IP address entries in its certificates, and one written as a
/// DNS name ("DNS:10.0.0.1") matches no client.
/// </summary>
internal static class DnsNameRules
{
    public const int MaxNameLength = 253;
    public const int MaxLabelLength = 63;
    public const int MaxSubjectNameLength = 64;

    /// <summary>Checks a name; returns null when it is valid, else a message that says what is wrong.</summary>
    public static string? Check(string? name, DnsNameUse use)
    {
        if (string.IsNullOrEmpty(name))
        {
            return Strings.NameEmpty;
        }

        string value = name!;
        if (!IsAscii(value))
        {
            return Messages.Format(Strings.NameNotAscii, value);
        }

        if (IsIpAddress(value))
        {
            return Messages.Format(Strings.NameIsIpAddress, value);
        }

        if (use == DnsNameUse.SubjectName && value.Length > MaxSubjectNameLength)
        {
            return Messages.Format(Strings.SubjectNameTooLong, value, value.Length, MaxSubjectNameLength);
        }

        if (value.Length > MaxNameLength)
        {
            return Messages.Format(Strings.NameTooLong, value, value.Length, MaxNameLength);
        }

        string[] labels = value.Split('.');
        for (int i = 0; i < labels.Length; i++)
        {
            string label = labels[i];
            if (label.Length == 0)
            {
                return Messages.Format(Strings.NameEmptyLabel, value);
            }

            if (label.IndexOf('*') >= 0)
            {
                if (use != DnsNameUse.AlternativeName)
                {
                    return Messages.Format(Strings.NameWildcardNotAllowed, value);
                }

                if (i != 0 || label != "*" || labels.Length < 3)
                {
                    return Messages.Format(Strings.NameWildcardPlacement, value);
                }

                continue;
            }

            if (label.Length > MaxLabelLength)
            {
                return Messages.Format(Strings.NameLabelTooLong, value, label, MaxLabelLength);
            }

            if (!IsLdhLabel(label))
            {
                return Messages.Format(Strings.NameBadCharacter, value, label);
            }
        }

        return null;
    }

    /// <summary>Gets a value indicating whether a name has only ASCII characters: an internationalized name does not.</summary>
    public static bool IsAscii(string name)
    {
        foreach (char c in name)
        {
            if (c > 0x7F)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Gets a value indicating whether a name is an IPv4 or IPv6 address, bare or in brackets. IPAddress also reads
    /// the short forms "10.1" and "0x0a.1"; a DNS name may start with a digit, but not every one of its labels.
    /// </summary>
    public static bool IsIpAddress(string name)
    {
        string value = name.Length > 2 && name[0] == '[' && name[name.Length - 1] == ']' ? name.Substring(1, name.Length - 2) : name;
        if (!IPAddress.TryParse(value, out IPAddress? address))
        {
            return false;
        }

        return address.AddressFamily == AddressFamily.InterNetworkV6 || value.Split('.').All(label => label.Length > 0 && char.IsDigit(label[0]));
    }

    private static bool IsLdhLabel(string label)
    {
        if (label[0] == '-' || label[label.Length - 1] == '-')
        {
            return false;
        }

        foreach (char c in label)
        {
            bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }
}
