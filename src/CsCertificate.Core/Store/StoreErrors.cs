// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.ComponentModel;
using System.IO;
using System.Runtime.InteropServices;
using CsCertificate.Common;
using CsCertificate.Resources;

namespace CsCertificate.Store;

/// <summary>
/// Tells the store's file-system failures apart, so that each is reported at once with its own error id: only
/// another command holding the lock is worth waiting for.
/// </summary>
internal static class StoreErrors
{
    private const int ReadOnlyFileSystem = 30; // EROFS, on Linux and macOS alike
    private const int WindowsWriteProtect = unchecked((int)0x80070013); // ERROR_WRITE_PROTECT
    private const int WindowsSharingViolation = unchecked((int)0x80070020);
    private const int WindowsLockViolation = unchecked((int)0x80070021);
    private const int LinuxWouldBlock = 11; // EWOULDBLOCK from flock(2)
    private const int BsdWouldBlock = 35; // the same on macOS

    /// <summary>Tells whether opening the lock file failed because another process holds it.</summary>
    public static bool IsLockContention(IOException exception)
    {
        int code = exception.HResult;
        if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
        {
            return code == WindowsSharingViolation || code == WindowsLockViolation;
        }

        return code == (RuntimeInformation.IsOSPlatform(OSPlatform.Linux) ? LinuxWouldBlock : BsdWouldBlock);
    }

    /// <summary>Tells whether a failure comes from a read-only file system.</summary>
    public static bool IsReadOnly(Exception exception) =>
        exception is IOException && (exception.HResult == ReadOnlyFileSystem || exception.HResult == WindowsWriteProtect
            || (exception.InnerException is Win32Exception native && native.NativeErrorCode == ReadOnlyFileSystem && FilePermissions.IsUnix));

    /// <summary>
    /// Turns a failure to use the data folder into the store's error: permission denied, read-only file system and
    /// a path too long for Windows PowerShell 5.1 have their own ids; anything else is reported with <paramref name="otherId"/>.
    /// </summary>
    public static CsCertificateException Translate(Exception exception, string home, string otherId, string otherFormat)
    {
        if (exception is PathTooLongException tooLong)
        {
            return StorePathLength.TooLong(home, tooLong);
        }

        if (exception is UnauthorizedAccessException)
        {
            return new CsCertificateException(ErrorIds.StorePermissionDenied, ErrorKind.PermissionDenied, Messages.Format(Strings.StorePermissionDenied, home, exception.Message), home, exception);
        }

        if (IsReadOnly(exception))
        {
            return new CsCertificateException(ErrorIds.StoreReadOnly, ErrorKind.WriteError, Messages.Format(Strings.StoreReadOnly, home, exception.Message), home, exception);
        }

        return new CsCertificateException(otherId, ErrorKind.WriteError, Messages.Format(otherFormat, home, exception.Message), home, exception);
    }

    /// <summary>Tells whether an exception is one of the file system's (what <see cref="Translate"/> takes).</summary>
    public static bool IsFileSystemFailure(Exception exception) => exception is IOException || exception is UnauthorizedAccessException;
}
