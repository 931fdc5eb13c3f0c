// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System.IO;

namespace CsCertificate.Common;

/// <summary>
/// What netstandard2.0 cannot ask the file system: what kind of entry a path is without following it, and where
/// its links lead. One implementation per platform family; tests use them directly.
/// </summary>
internal interface IFileSystemNodes
{
    /// <summary>Gets the kind of the entry at a full path, not following a final link.</summary>
    FileNodeType TypeOf(string path);

    /// <summary>
    /// Gets the full path with every link in it followed (the folders' and the file's own), so that two paths of
    /// one file compare equal and a write replaces the file a link names, not the link. A path whose end does not
    /// exist keeps its missing part as given.
    /// </summary>
    /// <exception cref="IOException">The links loop, or a link cannot be read.</exception>
    string Resolve(string path);
}
