// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.ComponentModel;
using System.Globalization;
using System.IO;
using System.Runtime.InteropServices;
using CsCertificate.Common;
using CsCertificate.Resources;

namespace CsCertificate.Store;

/// <summary>
/// <see cref="IFolderSecurity"/> on Linux and macOS: the owner is the file's uid against the process's effective
/// uid, and "open" is any group or other bit of the mode.
/// </summary>
internal sealed class UnixFolderSecurity : IFolderSecurity
{
    private const int GroupAndOtherBits = 0x3F; // 0077
    private const int NoSuchFile = 2; // ENOENT
    private const int NotAFolder = 20; // ENOTDIR: a file where the path expects a folder
    private const int AccessDenied = 13; // EACCES

    private readonly uint _currentUser = UnixNativeMethods.GetEUid();

    public string TrustedOwnerName => Environment.UserName;

    public EntrySecurity Read(string path, bool isDataFolder)
    {
        int result = isDataFolder
            ? UnixNativeMethods.Stat(path, out UnixNativeMethods.FileStatus status)
            : UnixNativeMethods.LStat(path, out status);
        if (result != 0)
        {
            int errno = Marshal.GetLastWin32Error();
            if (errno == NoSuchFile || errno == NotAFolder)
            {
                return EntrySecurity.Missing;
            }

            var reason = new Win32Exception(errno);
            throw errno == AccessDenied
                ? new UnauthorizedAccessException(reason.Message + ": " + path, reason)
                : (Exception)new IOException(reason.Message + ": " + path, reason);
        }

        EntryKind kind = (status.Mode & UnixNativeMethods.FileTypeMask) switch
        {
            UnixNativeMethods.FileTypeDirectory => EntryKind.Folder,
            UnixNativeMethods.FileTypeRegular => EntryKind.File,
            UnixNativeMethods.FileTypeLink => EntryKind.Link,
            _ => EntryKind.Other,
        };
        int permissions = status.Mode & UnixNativeMethods.PermissionMask;
        bool trusted = status.Uid == _currentUser;
        return new EntrySecurity(
            kind,
            trusted ? EntryOwner.Trusted : EntryOwner.Other,
            trusted ? TrustedOwnerName : Messages.Format(Strings.UnixUserId, status.Uid.ToString(CultureInfo.InvariantCulture)),
            kind != EntryKind.Link && (permissions & GroupAndOtherBits) != 0,
            FormatMode(permissions));
    }

    public string Restrict(string path, EntryKind kind)
    {
        int mode = kind == EntryKind.Folder ? FilePermissions.OwnerOnlyFolder : FilePermissions.OwnerReadWrite;
        FilePermissions.Restrict(path, mode);
        return FormatMode(mode);
    }

    private static string FormatMode(int permissions) => Convert.ToString(permissions, 8).PadLeft(4, '0');
}
