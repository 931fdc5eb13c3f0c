// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System.Diagnostics.CodeAnalysis;
using System.Linq;
using CsCertificate.Common;
using CsCertificate.Resources;

namespace CsCertificate.CaClient.Adcs;

/// <summary>
/// The -CaAccount name split the way LogonUser takes it: <c>DOMAIN\user</c> gives a user and a domain;
/// <c>user@domain</c> (a UPN) is passed whole as the user, with no domain.
/// </summary>
internal sealed class CaAccount
{
    private CaAccount(string name, string user, string? domain)
    {
        Name = name;
        User = user;
        Domain = domain;
    }

    /// <summary>Gets the account as given, for messages.</summary>
    public string Name { get; }

    /// <summary>Gets the user name for LogonUser: the part after the backslash, or the whole UPN.</summary>
    public string User { get; }

    /// <summary>Gets the domain for LogonUser, or null for a UPN.</summary>
    public string? Domain { get; }

    public static bool TryParse(string? value, [NotNullWhen(true)] out CaAccount? account)
    {
        account = null;
        string name = value?.Trim() ?? string.Empty;
        if (name.Length == 0 || name.Any(char.IsControl))
        {
            return false;
        }

        int backslash = name.IndexOf('\\');
        if (backslash >= 0)
        {
            string domain = name.Substring(0, backslash);
            string user = name.Substring(backslash + 1);
            if (domain.Length == 0 || user.Length == 0 || user.IndexOf('\\') >= 0)
            {
                return false;
            }

            account = new CaAccount(name, user, domain);
            return true;
        }

        // A UPN: LogonUser wants it as the user name with a null domain.
        int at = name.IndexOf('@');
        if (at <= 0 || at == name.Length - 1)
        {
            return false;
        }

        account = new CaAccount(name, name, null);
        return true;
    }

    /// <exception cref="CsCertificateException">Neither DOMAIN\user nor user@domain (InvalidCaAccount).</exception>
    public static CaAccount Parse(string? value)
    {
        if (TryParse(value, out CaAccount? account))
        {
            return account;
        }

        throw new CsCertificateException(ErrorIds.InvalidCaAccount, ErrorKind.InvalidArgument, Messages.Format(Strings.AdcsInvalidAccount, value), value);
    }

    public override string ToString() => Name;
}
