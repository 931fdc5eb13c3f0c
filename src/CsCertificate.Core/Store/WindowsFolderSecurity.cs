// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System.IO;
using CsCertificate.Common;
using CsCertificate.Resources;

namespace CsCertificate.Store;

/// <summary>
/// <see cref="IFolderSecurity"/> on Windows: the owner must be Administrators or SYSTEM, and the access list must
/// admit no one else (<see cref="WindowsAccessRules"/>); restricting sets both explicitly (<see cref="WindowsAcl"/>).
/// </summary>
internal sealed class WindowsFolderSecurity : IFolderSecurity
{
    private string? _currentUser;

    public string TrustedOwnerName => Strings.WindowsAdministrators;

    public EntrySecurity Read(string path, bool isDataFolder)
    {
        WindowsEntry? entry = WindowsAcl.Read(path, followLink: isDataFolder);
        if (entry == null)
        {
            return EntrySecurity.Missing;
        }

        EntryKind kind = !isDataFolder && (entry.Attributes & FileAttributes.ReparsePoint) != 0 ? EntryKind.Link
            : (entry.Attributes & FileAttributes.Directory) != 0 ? EntryKind.Folder
            : (entry.Attributes & FileAttributes.Device) != 0 ? EntryKind.Other
            : EntryKind.File;
        _currentUser ??= WindowsAcl.CurrentUserSid();
        return new EntrySecurity(
            kind,
            WindowsAccessRules.ClassifyOwner(entry.OwnerSid, _currentUser),
            entry.OwnerSid,
            kind != EntryKind.Link && WindowsAccessRules.IsOpen(entry.AccessList, mustBeProtected: isDataFolder),
            "O:" + entry.OwnerSid + entry.AccessList);
    }

    public string Restrict(string path, EntryKind kind)
    {
        if (kind == EntryKind.Folder)
        {
            WindowsAcl.Restrict(path);
            return WindowsAcl.AdministratorsAndSystem;
        }

        WindowsAcl.RestrictFile(path);
        return WindowsAcl.AdministratorsAndSystemFile;
    }
}
