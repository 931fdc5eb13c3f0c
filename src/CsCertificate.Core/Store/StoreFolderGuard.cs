// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.IO;
using System.Linq;
using CsCertificate.Common;
using CsCertificate.Resources;

namespace CsCertificate.Store;

/// <summary>
/// Keeps the data folder a trust boundary: before a command uses the store, the data folder and its folders must
/// be owned by the current user (on Windows by Administrators or SYSTEM) and closed to everyone else. A folder
/// or file that is open but rightly owned is restricted, and the verbose story says so; one owned by someone
/// else is refused, since that user could have written or could still change what the module reads.
/// </summary>
/// <remarks>
/// The data folder's own entries and the folders in acme/ are checked on every command (there are a handful).
/// The files of requests/, keys/ and the other folders are checked only when their folder was open, which is the
/// only way others could have reached them: requests/ and keys/ grow with the store, and a command must not cost
/// more with 10,000 requests than with none. A folder is restricted after its files were checked, so that a
/// refusal is met again by the next command until the user has dealt with it.
/// </remarks>
internal sealed class StoreFolderGuard
{
    /// <summary>The folders the store itself uses; each must be a real folder, never a link out of the data folder.</summary>
    private static readonly string[] s_storeFolders = { "requests", "keys", "tmp", "acme" };

    /// <summary>The folder of ACME accounts, whose folders are checked on every command.</summary>
    private const string AcmeFolder = "acme";

    private readonly IFolderSecurity _security;
    private readonly string _home;
    private readonly Action<string> _verbose;

    public StoreFolderGuard(IFolderSecurity security, string home, Action<string>? verbose)
    {
        _security = security;
        _home = home;
        _verbose = verbose ?? (_ => { });
    }

    /// <summary>Checks and, where needed, restricts the data folder; a data folder that does not exist yet passes.</summary>
    /// <exception cref="CsCertificateException">
    /// Something in the data folder belongs to another user (<see cref="ErrorIds.StoreNotOwned"/>), one of the
    /// store's folders is a link or a file (<see cref="ErrorIds.StoreFolderUnsafe"/>), or the data folder cannot be
    /// looked at (<see cref="ErrorIds.StorePermissionDenied"/>).
    /// </exception>
    public void Check()
    {
        try
        {
            EntrySecurity home = _security.Read(_home, isDataFolder: true);
            if (home.Kind == EntryKind.Missing)
            {
                return;
            }

            if (home.Kind != EntryKind.Folder)
            {
                throw Unsafe(_home, home.Kind);
            }

            CheckFolder(_home, home, scanAlways: true);
        }
        catch (Exception ex) when (StoreErrors.IsFileSystemFailure(ex))
        {
            throw StoreErrors.Translate(ex, _home, ErrorIds.StoreNotAccessible, Strings.StoreNotAccessible);
        }
    }

    private void CheckFolder(string path, EntrySecurity folder, bool scanAlways)
    {
        CheckOwner(path, folder);
        if (scanAlways || folder.IsOpen)
        {
            foreach (string entryPath in Directory.EnumerateFileSystemEntries(path))
            {
                CheckEntry(path, entryPath);
            }
        }

        RestrictIfNeeded(path, folder, folder.IsOpen || folder.Owner == EntryOwner.CurrentUser);
    }

    private void CheckEntry(string folder, string path)
    {
        EntrySecurity entry = _security.Read(path, isDataFolder: false);
        bool inDataFolder = string.Equals(folder, _home, StringComparison.Ordinal);
        string name = Path.GetFileName(path);
        if (inDataFolder && s_storeFolders.Contains(name, StringComparer.OrdinalIgnoreCase) && entry.Kind != EntryKind.Folder && entry.Kind != EntryKind.Missing)
        {
            throw Unsafe(path, entry.Kind);
        }

        switch (entry.Kind)
        {
            case EntryKind.Folder:
                CheckFolder(path, entry, scanAlways: inDataFolder && string.Equals(name, AcmeFolder, StringComparison.OrdinalIgnoreCase));
                break;
            case EntryKind.File:
                CheckOwner(path, entry);
                RestrictIfNeeded(path, entry, entry.IsOpen);
                break;
            case EntryKind.Link:
            case EntryKind.Other:
                // Left as they are (a link to a topology file is the user's choice), unless someone else made them.
                CheckOwner(path, entry);
                break;
        }
    }

    private void CheckOwner(string path, EntrySecurity entry)
    {
        if (entry.Owner == EntryOwner.Other)
        {
            string fix = FilePermissions.IsUnix
                ? Messages.Format(Strings.StoreOwnerFixUnix, _security.TrustedOwnerName, _home)
                : Messages.Format(Strings.StoreOwnerFixWindows, _home);
            throw new CsCertificateException(
                ErrorIds.StoreNotOwned,
                ErrorKind.SecurityError,
                Messages.Format(Strings.StoreNotOwned, path, entry.OwnerName, _security.TrustedOwnerName, _home, fix),
                path);
        }
    }

    private void RestrictIfNeeded(string path, EntrySecurity entry, bool needed)
    {
        if (!needed)
        {
            return;
        }

        try
        {
            string access = _security.Restrict(path, entry.Kind);
            _verbose(Messages.Format(Strings.VerboseStoreRestricted, path, entry.Access, access));
        }
        catch (IOException ex) when (StoreErrors.IsReadOnly(ex))
        {
            // Nobody can change a read-only file system either, so the store may still be read.
            _verbose(Messages.Format(Strings.VerboseStoreReadOnlyNotRestricted, path, entry.Access));
        }
    }

    private CsCertificateException Unsafe(string path, EntryKind kind)
    {
        string what = kind == EntryKind.Link ? Strings.EntryKindLink : kind == EntryKind.File ? Strings.EntryKindFile : Strings.EntryKindOther;
        return new CsCertificateException(ErrorIds.StoreFolderUnsafe, ErrorKind.SecurityError, Messages.Format(Strings.StoreFolderUnsafe, path, _home, what), path);
    }
}
