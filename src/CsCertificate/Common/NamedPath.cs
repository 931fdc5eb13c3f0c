// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using CsCertificate.Resources;

namespace CsCertificate.Common;

/// <summary>A file a command reads or writes, with how messages name it ("-Report \"x.html\"").</summary>
internal sealed class NamedPath
{
    public NamedPath(string name, string path)
    {
        Name = name;
        Path = path;
    }

    /// <summary>Gets how a message names the file.</summary>
    public string Name { get; }

    /// <summary>Gets the file's full path.</summary>
    public string Path { get; }

    /// <summary>A file a parameter names: <c>-Output "C:\req.csr"</c>.</summary>
    public static NamedPath Parameter(string parameter, string path) => new NamedPath(Messages.Format(Strings.ConflictParameter, parameter, path), path);
}
