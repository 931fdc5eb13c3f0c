// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using CsCertificate.Resources;

namespace CsCertificate.Naming;

/// <summary>
/// The syntax every name in a Lync or Skype for Business certificate must have: ASCII letters, digits and hyphens
/// in dot-separated labels (S2: "Standard characters … A-Z, a-z, 0-9, and hyphens"; no IDNs), wildcards only as
/// the leftmost label of a SAN entry (S8), and a Subject CN of at most 64 characters (RFC 5280 ub-common-name).
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
