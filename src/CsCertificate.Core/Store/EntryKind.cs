// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

namespace CsCertificate.Store;

/// <summary>What an entry of the data folder is, seen without following a symbolic link.</summary>
internal enum EntryKind
{
    Missing,
    Folder,
    File,

    /// <summary>A symbolic link (on Windows any reparse point: a link or a junction).</summary>
    Link,

    /// <summary>A device, FIFO or socket.</summary>
    Other,
}
