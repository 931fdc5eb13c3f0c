// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.ComponentModel;
using System.IO;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace CsCertificate.Common;

/// <summary>
/// The owner and access list of files and folders on Windows. The data folder's folders are owned by
/// Administrators (set explicitly: a standard user can create folders under %ProgramData% before the module does)
/// and have an access list that admits only Administrators and SYSTEM, not inherited from their parent
/// (%ProgramData% lets every user read), so that pending private keys are as private as the machine's own.
/// </summary>
/// <remarks>netstandard2.0 has no ACL API for files; owner and access list go through advapi32 as SDDL.</remarks>
internal static class WindowsAcl
{
    /// <summary>Owner Administrators; protected DACL: full control for BUILTIN\Administrators and LocalSystem, inherited by files and folders.</summary>
    public const string AdministratorsAndSystem = "O:BAD:P(A;OICI;FA;;;BA)(A;OICI;FA;;;SY)";

    /// <summary>The same access list for a file, which has nothing to pass on.</summary>
    public const string AdministratorsAndSystemFile = "D:P(A;;FA;;;BA)(A;;FA;;;SY)";

    private const int FileObject = 1; // SE_FILE_OBJECT
    private const int OwnerSecurityInformation = 0x1;
    private const int DaclSecurityInformation = 0x4;
    private const int ProtectedDaclSecurityInformation = unchecked((int)0x80000000);
    private const uint ReadControl = 0x00020000;
    private const uint ShareAll = 0x7; // read, write and delete: never in anyone's way
    private const uint OpenExisting = 3;
    private const uint BackupSemantics = 0x02000000; // needed to open a folder
    private const uint OpenReparsePoint = 0x00200000; // the link itself, not its target
    private const int FileNotFound = 2;
    private const int PathNotFound = 3;
    private const int AccessDenied = 5;
    private const uint TokenQuery = 0x0008;
    private const int TokenUser = 1;

    /// <summary>Sets Administrators as the owner of a folder and gives it the protected access list of Administrators and SYSTEM.</summary>
    /// <exception cref="UnauthorizedAccessException">Not elevated: only an administrator can give a folder to Administrators.</exception>
    public static void Restrict(string path) => Apply(path, AdministratorsAndSystem, OwnerSecurityInformation | DaclSecurityInformation | ProtectedDaclSecurityInformation);

    /// <summary>Gives a file the protected access list of Administrators and SYSTEM; its owner stays.</summary>
    public static void RestrictFile(string path) => Apply(path, AdministratorsAndSystemFile, DaclSecurityInformation | ProtectedDaclSecurityInformation);

    /// <summary>Gives a file a protected access list that admits only the user the process runs as.</summary>
    public static void RestrictFileToCurrentUser(string path) => Apply(path, "D:P(A;;FA;;;" + CurrentUserSid() + ")", DaclSecurityInformation | ProtectedDaclSecurityInformation);

    /// <summary>Reads the attributes, owner (as "S-1-…") and access list (as "D:…" SDDL) of a file or folder.</summary>
    /// <param name="path">The file or folder.</param>
    /// <param name="followLink">Whether a link at <paramref name="path"/> is followed; otherwise the link itself is read.</param>
    /// <returns>Null when it does not exist.</returns>
    public static WindowsEntry? Read(string path, bool followLink)
    {
        using SafeFileHandle handle = CreateFileW(WindowsLongPath.ForNativeCall(path), ReadControl, ShareAll, IntPtr.Zero, OpenExisting, BackupSemantics | (followLink ? 0 : OpenReparsePoint), IntPtr.Zero);
        if (handle.IsInvalid)
        {
            int error = Marshal.GetLastWin32Error();
            if (error == FileNotFound || error == PathNotFound)
            {
                return null;
            }

            throw Failure(path, error);
        }

        if (!GetFileInformationByHandle(handle, out FileInformation information))
        {
            throw Failure(path, Marshal.GetLastWin32Error());
        }

        int result = GetSecurityInfo(handle, FileObject, OwnerSecurityInformation | DaclSecurityInformation, out IntPtr owner, out _, out _, out _, out IntPtr descriptor);
        if (result != 0)
        {
            throw Failure(path, result);
        }

        try
        {
            return new WindowsEntry((FileAttributes)information.Attributes, SidText(owner), DescriptorText(descriptor, DaclSecurityInformation));
        }
        finally
        {
            LocalFree(descriptor);
        }
    }

    /// <summary>Gets the SID of the user the process runs as.</summary>
    public static string CurrentUserSid()
    {
        if (!OpenProcessToken(GetCurrentProcess(), TokenQuery, out IntPtr token))
        {
            throw new Win32Exception(Marshal.GetLastWin32Error());
        }

        try
        {
            GetTokenInformation(token, TokenUser, IntPtr.Zero, 0, out int length);
            IntPtr buffer = Marshal.AllocHGlobal(length);
            try
            {
                if (!GetTokenInformation(token, TokenUser, buffer, length, out _))
                {
                    throw new Win32Exception(Marshal.GetLastWin32Error());
                }

                // TOKEN_USER starts with SID_AND_ATTRIBUTES, which starts with the SID's address.
                return SidText(Marshal.ReadIntPtr(buffer));
            }
            finally
            {
                Marshal.FreeHGlobal(buffer);
            }
        }
        finally
        {
            CloseHandle(token);
        }
    }

    private static void Apply(string path, string sddl, int what)
    {
        if (!ConvertStringSecurityDescriptorToSecurityDescriptorW(sddl, 1, out IntPtr descriptor, out _))
        {
            throw new IOException("The access list for " + path + " could not be built.", new Win32Exception(Marshal.GetLastWin32Error()));
        }

        try
        {
            IntPtr owner = IntPtr.Zero;
            if ((what & OwnerSecurityInformation) != 0 && !GetSecurityDescriptorOwner(descriptor, out owner, out _))
            {
                throw Failure(path, Marshal.GetLastWin32Error());
            }

            if (!GetSecurityDescriptorDacl(descriptor, out _, out IntPtr dacl, out _))
            {
                throw Failure(path, Marshal.GetLastWin32Error());
            }

            // SetNamedSecurityInfo, unlike SetFileSecurity, also passes the inheritable entries on to what the folder holds.
            int result = SetNamedSecurityInfoW(WindowsLongPath.ForNativeCall(path), FileObject, what, owner, IntPtr.Zero, dacl, IntPtr.Zero);
            if (result != 0)
            {
                throw Failure(path, result);
            }
        }
        finally
        {
            LocalFree(descriptor);
        }
    }

    private static Exception Failure(string path, int error)
    {
        var reason = new Win32Exception(error);
        return error == AccessDenied
            ? new UnauthorizedAccessException(reason.Message + ": " + path, reason)
            : new IOException(reason.Message + ": " + path, unchecked((int)0x80070000) | error);
    }

    private static string SidText(IntPtr sid)
    {
        if (!ConvertSidToStringSidW(sid, out IntPtr text))
        {
            throw new Win32Exception(Marshal.GetLastWin32Error());
        }

        try
        {
            return Marshal.PtrToStringUni(text)!;
        }
        finally
        {
            LocalFree(text);
        }
    }

    private static string DescriptorText(IntPtr descriptor, int what)
    {
        if (!ConvertSecurityDescriptorToStringSecurityDescriptorW(descriptor, 1, what, out IntPtr text, out _))
        {
            throw new Win32Exception(Marshal.GetLastWin32Error());
        }

        try
        {
            return Marshal.PtrToStringUni(text)!;
        }
        finally
        {
            LocalFree(text);
        }
    }

    [DllImport("kernel32.dll", CharSet = CharSet.Unicode, SetLastError = true)]
    private static extern SafeFileHandle CreateFileW(string fileName, uint desiredAccess, uint shareMode, IntPtr securityAttributes, uint creationDisposition, uint flagsAndAttributes, IntPtr templateFile);

    [DllImport("kernel32.dll", SetLastError = true)]
    [return: MarshalAs(UnmanagedType.Bool)]
    private static extern bool GetFileInformationByHandle(SafeFileHandle file, out FileInformation information);

    [DllImport("advapi32.dll")]
    private static extern int GetSecurityInfo(SafeFileHandle handle, int objectType, int securityInformation, out IntPtr owner, out IntPtr group, out IntPtr dacl, out IntPtr sacl, out IntPtr securityDescriptor);

    [DllImport("advapi32.dll", CharSet = CharSet.Unicode)]
    private static extern int SetNamedSecurityInfoW(string objectName, int objectType, int securityInformation, IntPtr owner, IntPtr group, IntPtr dacl, IntPtr sacl);

    [DllImport("advapi32.dll", CharSet = CharSet.Unicode, SetLastError = true)]
    [return: MarshalAs(UnmanagedType.Bool)]
    private static extern bool ConvertStringSecurityDescriptorToSecurityDescriptorW(string stringSecurityDescriptor, int revision, out IntPtr securityDescriptor, out int size);

    [DllImport("advapi32.dll", CharSet = CharSet.Unicode, SetLastError = true)]
    [return: MarshalAs(UnmanagedType.Bool)]
    private static extern bool ConvertSecurityDescriptorToStringSecurityDescriptorW(IntPtr securityDescriptor, int revision, int securityInformation, out IntPtr text, out int length);

    [DllImport("advapi32.dll", CharSet = CharSet.Unicode, SetLastError = true)]
    [return: MarshalAs(UnmanagedType.Bool)]
    private static extern bool ConvertSidToStringSidW(IntPtr sid, out IntPtr text);

    [DllImport("advapi32.dll", SetLastError = true)]
    [return: MarshalAs(UnmanagedType.Bool)]
    private static extern bool GetSecurityDescriptorOwner(IntPtr securityDescriptor, out IntPtr owner, [MarshalAs(UnmanagedType.Bool)] out bool defaulted);

    [DllImport("advapi32.dll", SetLastError = true)]
    [return: MarshalAs(UnmanagedType.Bool)]
    private static extern bool GetSecurityDescriptorDacl(IntPtr securityDescriptor, [MarshalAs(UnmanagedType.Bool)] out bool present, out IntPtr dacl, [MarshalAs(UnmanagedType.Bool)] out bool defaulted);

    [DllImport("advapi32.dll", SetLastError = true)]
    [return: MarshalAs(UnmanagedType.Bool)]
    private static extern bool OpenProcessToken(IntPtr process, uint desiredAccess, out IntPtr token);

    [DllImport("advapi32.dll", SetLastError = true)]
    [return: MarshalAs(UnmanagedType.Bool)]
    private static extern bool GetTokenInformation(IntPtr token, int informationClass, IntPtr information, int length, out int returnLength);

    [DllImport("kernel32.dll")]
    private static extern IntPtr GetCurrentProcess();

    [DllImport("kernel32.dll", SetLastError = true)]
    [return: MarshalAs(UnmanagedType.Bool)]
    private static extern bool CloseHandle(IntPtr handle);

    [DllImport("kernel32.dll")]
    private static extern IntPtr LocalFree(IntPtr memory);

    /// <summary>BY_HANDLE_FILE_INFORMATION; only the attributes are read.</summary>
    [StructLayout(LayoutKind.Sequential, Size = 52)]
    private struct FileInformation
    {
        public uint Attributes;
    }
}
