// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

namespace CsCertificate.Store;

/// <summary>Who owns an entry of the data folder, as the store judges it.</summary>
internal enum EntryOwner
{
    /// <summary>The owner the store wants: the current user on Linux and macOS; Administrators or SYSTEM on Windows.</summary>
    Trusted,

    /// <summary>
    /// Windows only: the current user's own account rather than Administrators. Safe, since it is the user running
    /// the command, but the store sets Administrators as the owner of its folders explicitly.
    /// </summary>
    CurrentUser,

    /// <summary>Anyone else: the entry is not used.</summary>
    Other,
}
