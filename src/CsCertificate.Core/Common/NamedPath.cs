// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using CsCertificate.Resources;

namespace CsCertificate.Common;

/// <summary>A file a command reads or writes, with how messages name it ("-Report \"x.html\"").</summary>
/// <param name="Name">How a message names the file.</param>
/// <param name="Path">The file's full path.</param>
internal sealed record NamedPath(string Name, string Path)
{
    /// <summary>A file a parameter names: <c>-Output "C:\req.csr"</c>.</summary>
    public static NamedPath Parameter(string parameter, string path) => new NamedPath(Messages.Format(Strings.ConflictParameter, parameter, path), path);
}
