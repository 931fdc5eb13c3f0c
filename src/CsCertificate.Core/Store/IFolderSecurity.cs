// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.IO;

namespace CsCertificate.Store;

/// <summary>
/// The platform's side of the data folder's trust boundary: who owns an entry and who else can reach it, and
/// how it is restricted. <see cref="StoreFolderGuard"/> decides what to do with the answers.
/// </summary>
internal interface IFolderSecurity
{
    /// <summary>Gets the name of the owner the store wants, for messages: the current user, or Administrators.</summary>
    string TrustedOwnerName { get; }

    /// <summary>Reads one entry without following a symbolic link at <paramref name="path"/>, except for the data folder itself.</summary>
    /// <param name="path">The entry.</param>
    /// <param name="isDataFolder">
    /// Whether it is the data folder, which may be reached through a link and which, on Windows, must not
    /// inherit access from its parent.
    /// </param>
    /// <exception cref="UnauthorizedAccessException">The entry cannot be looked at.</exception>
    /// <exception cref="IOException">The system failed to answer.</exception>
    EntrySecurity Read(string path, bool isDataFolder);

    /// <summary>
    /// Restricts a folder (0700) or a file (0600) to its owner; on Windows sets Administrators as the owner of a
    /// folder and gives it the protected access list of Administrators and SYSTEM.
    /// </summary>
    /// <returns>The access afterwards, as <see cref="EntrySecurity.Access"/> writes it.</returns>
    /// <exception cref="UnauthorizedAccessException">The system refused.</exception>
    /// <exception cref="IOException">The system failed, for example on a read-only file system.</exception>
    string Restrict(string path, EntryKind kind);
}
