// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.ComponentModel;
using System.IO;
using System.Runtime.InteropServices;

namespace CsCertificate.Common;

/// <summary>
/// Gives a folder on Windows an access list that admits only Administrators and SYSTEM, not inherited from its
/// parent (%ProgramData% lets every user read), so that pending private keys are as private as the machine's own.
/// </summary>
/// <remarks>netstandard2.0 has no ACL API for files; the SDDL goes through advapi32 directly.</remarks>
internal static class WindowsAcl
{
    /// <summary>Protected DACL: full control for BUILTIN\Administrators and LocalSystem, inherited by files and folders.</summary>
    public const string AdministratorsAndSystem = "D:P(A;OICI;FA;;;BA)(A;OICI;FA;;;SY)";

    private const int DaclSecurityInformation = 0x4;
    private const int ProtectedDaclSecurityInformation = unchecked((int)0x80000000);

    public static void Restrict(string path)
    {
        if (!ConvertStringSecurityDescriptorToSecurityDescriptorW(AdministratorsAndSystem, 1, out IntPtr descriptor, out _))
        {
            throw new IOException("The access list for " + path + " could not be built.", new Win32Exception(Marshal.GetLastWin32Error()));
        }

        try
        {
            if (!SetFileSecurityW(path, DaclSecurityInformation | ProtectedDaclSecurityInformation, descriptor))
            {
                throw new IOException("The access list of " + path + " could not be set.", new Win32Exception(Marshal.GetLastWin32Error()));
            }
        }
        finally
        {
            LocalFree(descriptor);
        }
    }

    [DllImport("advapi32.dll", CharSet = CharSet.Unicode, SetLastError = true)]
    [return: MarshalAs(UnmanagedType.Bool)]
    private static extern bool ConvertStringSecurityDescriptorToSecurityDescriptorW(string stringSecurityDescriptor, int revision, out IntPtr securityDescriptor, out int size);

    [DllImport("advapi32.dll", CharSet = CharSet.Unicode, SetLastError = true)]
    [return: MarshalAs(UnmanagedType.Bool)]
    private static extern bool SetFileSecurityW(string fileName, int securityInformation, IntPtr securityDescriptor);

    [DllImport("kernel32.dll")]
    private static extern IntPtr LocalFree(IntPtr memory);
}
