// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

namespace CsCertificate.Common;

/// <summary>What a path names, the entry itself and not what a final link points to.</summary>
internal enum FileNodeType
{
    /// <summary>Nothing is there.</summary>
    Missing,

    RegularFile,

    Directory,

    /// <summary>A symbolic link, or on Windows a junction or another name-surrogate reparse point.</summary>
    SymbolicLink,

    CharacterDevice,

    BlockDevice,

    NamedPipe,

    Socket,

    /// <summary>Something else the system does not let a file replace.</summary>
    Other,
}
