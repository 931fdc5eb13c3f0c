// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.ComponentModel;
using System.Globalization;
using System.Runtime.InteropServices;
using CsCertificate.Common;
using CsCertificate.Resources;

namespace CsCertificate.CaClient.Adcs;

/// <summary>
/// <see cref="ICredentialScope"/> by LogonUser(LOGON32_LOGON_NEW_CREDENTIALS) and ImpersonateLoggedOnUser, as
/// <c>runas /netonly</c> does. Windows checks such credentials only when the network is used, so a wrong
/// password usually shows up as access denied from the CA, not here.
/// </summary>
internal sealed class WindowsCredentialScope : ICredentialScope
{
    public IDisposable Enter(string account, string password)
    {
        if (!AdcsPlatform.IsDcomAvailable)
        {
            throw new CsCertificateException(ErrorIds.CaNotSupportedOnPlatform, ErrorKind.NotSupported, Strings.AdcsCredentialsNotSupportedOnPlatform, account);
        }

        CaAccount parsed = CaAccount.Parse(account);
        if (!CredentialNativeMethods.LogonUser(parsed.User, parsed.Domain, password, CredentialNativeMethods.LogonNewCredentials, CredentialNativeMethods.ProviderWinNt50, out IntPtr token))
        {
            throw Rejected(parsed.Name, Marshal.GetLastWin32Error());
        }

        if (!CredentialNativeMethods.ImpersonateLoggedOnUser(token))
        {
            int error = Marshal.GetLastWin32Error();
            CredentialNativeMethods.CloseHandle(token);
            throw Rejected(parsed.Name, error);
        }

        return new ImpersonationContext(token);
    }

    /// <summary>The error for credentials Windows refused. Built from the account and the Win32 error only, so it cannot carry the password.</summary>
    internal static CsCertificateException Rejected(string account, int win32Error) =>
        new CsCertificateException(
            ErrorIds.CaCredentialsRejected,
            ErrorKind.PermissionDenied,
            Messages.Format(Strings.AdcsCredentialsRejected, account, new Win32Exception(win32Error).Message, win32Error.ToString(CultureInfo.InvariantCulture)),
            account);
}
