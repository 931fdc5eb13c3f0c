// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.Runtime.InteropServices;

namespace CsCertificate.CaClient.Adcs;

/// <summary>
/// The Win32 calls behind <see cref="WindowsCredentialScope"/> (advapi32, kernel32).
/// </summary>
internal static class CredentialNativeMethods
{
    /// <summary>LOGON32_LOGON_NEW_CREDENTIALS: keep the local identity, use the credentials for the network only.</summary>
    public const int LogonNewCredentials = 9;

    /// <summary>LOGON32_PROVIDER_WINNT50: the provider that supports LOGON32_LOGON_NEW_CREDENTIALS.</summary>
    public const int ProviderWinNt50 = 3;

    [DllImport("advapi32.dll", EntryPoint = "LogonUserW", CharSet = CharSet.Unicode, SetLastError = true)]
    [return: MarshalAs(UnmanagedType.Bool)]
    public static extern bool LogonUser(string userName, string? domain, string password, int logonType, int logonProvider, out IntPtr token);

    [DllImport("advapi32.dll", SetLastError = true)]
    [return: MarshalAs(UnmanagedType.Bool)]
    public static extern bool ImpersonateLoggedOnUser(IntPtr token);

    [DllImport("advapi32.dll", SetLastError = true)]
    [return: MarshalAs(UnmanagedType.Bool)]
    public static extern bool RevertToSelf();

    [DllImport("kernel32.dll", SetLastError = true)]
    [return: MarshalAs(UnmanagedType.Bool)]
    public static extern bool CloseHandle(IntPtr handle);
}
