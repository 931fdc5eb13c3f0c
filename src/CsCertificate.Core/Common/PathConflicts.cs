// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.IO;
using CsCertificate.Resources;

namespace CsCertificate.Common;

/// <summary>
/// Refuses a command whose outputs include one of its inputs or another of its outputs (a report written over
/// the topology, a request written over its own report): paths are compared after every link is followed, without
/// case where the file system ignores it.
/// </summary>
internal static class PathConflicts
{
    /// <param name="outputs">The files the command writes, each with how a message names it.</param>
    /// <param name="inputs">The files it reads.</param>
    /// <param name="nodes">The file system seam; this platform's when null.</param>
    /// <exception cref="CsCertificateException">Two of them are the same file.</exception>
    public static void Check(IReadOnlyList<NamedPath> outputs, IReadOnlyList<NamedPath> inputs, IFileSystemNodes? nodes = null)
    {
        nodes ??= FileSystemNodes.Current;
        var written = new Dictionary<string, NamedPath>(FileSystemNodes.PathComparer);
        foreach (NamedPath output in outputs)
        {
            string key = Identity(output.Path, nodes);
            if (written.TryGetValue(key, out NamedPath? first))
            {
                throw Conflict(first, output, key);
            }

            written[key] = output;
        }

        foreach (NamedPath input in inputs)
        {
            if (written.TryGetValue(Identity(input.Path, nodes), out NamedPath? output))
            {
                throw Conflict(output, input, Identity(input.Path, nodes));
            }
        }
    }

    private static string Identity(string path, IFileSystemNodes nodes)
    {
        string full = Path.GetFullPath(path);
        try
        {
            return nodes.Resolve(full);
        }
        catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
        {
            // A path whose links cannot be followed is refused where it is read or written, with its reason.
            return full;
        }
    }

    private static CsCertificateException Conflict(NamedPath a, NamedPath b, string file) =>
        new CsCertificateException(ErrorIds.PathConflict, ErrorKind.InvalidArgument, Messages.Format(Strings.PathConflict, a.Name, b.Name, file), b.Path);
}
