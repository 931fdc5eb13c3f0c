// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.ComponentModel;
using System.IO;
using System.Reflection;
using System.Runtime.InteropServices;

namespace CsCertificate.Common;

/// <summary>
/// Restricts files and folders to their owner on Linux and macOS (0600 files, 0700 folders); on Windows, folders get
/// an access list for Administrators and SYSTEM only, which their files inherit.
/// </summary>
/// <remarks>
/// netstandard2.0 has no API for Unix modes. PowerShell 7.4 and later run on .NET 8+, whose
/// File.SetUnixFileMode is found by reflection; older runtimes fall back to chmod(2) in libc.
/// </remarks>
internal static class FilePermissions
{
    public const int OwnerReadWrite = 0x180; // 0600
    public const int OwnerOnlyFolder = 0x1C0; // 0700

    private static readonly Type? s_unixFileModeType =
        typeof(File).Assembly.GetType("System.IO.UnixFileMode") ?? Type.GetType("System.IO.UnixFileMode");

    private static readonly MethodInfo? s_setUnixFileMode =
        s_unixFileModeType == null ? null : typeof(File).GetMethod("SetUnixFileMode", new[] { typeof(string), s_unixFileModeType });

    public static bool IsUnix => !RuntimeInformation.IsOSPlatform(OSPlatform.Windows);

    /// <summary>Sets the Unix mode of a file or folder; does nothing on Windows.</summary>
    public static void Restrict(string path, int mode)
    {
        if (!IsUnix)
        {
            return;
        }

        if (s_setUnixFileMode != null)
        {
            try
            {
                s_setUnixFileMode.Invoke(null, new object[] { path, Enum.ToObject(s_unixFileModeType!, mode) });
                return;
            }
            catch (TargetInvocationException ex) when (ex.InnerException != null)
            {
                throw ex.InnerException is IOException || ex.InnerException is UnauthorizedAccessException
                    ? ex.InnerException
                    : new IOException(ex.InnerException.Message, ex.InnerException);
            }
        }

        if (Chmod(path, mode) != 0)
        {
            int errno = Marshal.GetLastWin32Error();
            throw new IOException("chmod failed for " + path, new Win32Exception(errno));
        }
    }

    /// <summary>
    /// Makes a file readable and writable by its owner only: 0600 on Unix, a protected access list for the current
    /// user alone on Windows. For secrets written outside the data folder, which has its own access list.
    /// </summary>
    public static void RestrictToOwner(string path)
    {
        if (IsUnix)
        {
            Restrict(path, OwnerReadWrite);
        }
        else
        {
            WindowsAcl.RestrictFileToCurrentUser(path);
        }
    }

    /// <summary>
    /// Creates a folder (and its parents) and restricts the folder itself: to its owner on Unix (0700), to
    /// Administrators and SYSTEM on Windows.
    /// </summary>
    public static void CreateOwnerOnlyFolder(string path)
    {
        Directory.CreateDirectory(path);
        if (IsUnix)
        {
            Restrict(path, OwnerOnlyFolder);
        }
        else
        {
            WindowsAcl.Restrict(path);
        }
    }

    [DllImport("libc", EntryPoint = "chmod", SetLastError = true)]
    private static extern int Chmod(string path, int mode);
}
