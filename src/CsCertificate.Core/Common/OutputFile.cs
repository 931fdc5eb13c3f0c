// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.IO;

namespace CsCertificate.Common;

/// <summary>
/// A file the module writes for the user (-Output, -Report and its XML twin, the files of Export-CsCertificate): checked
/// before any work is done and again when it is written, so that it never destroys something else. Only a regular
/// file is ever replaced, and only when the user allowed it; a device, FIFO, socket or folder is refused with or
/// without -Force; a symbolic link (or a chain of them) is followed, and the file it names is replaced while the
/// link stays a link.
/// </summary>
internal sealed class OutputFile
{
    private readonly IFileSystemNodes _nodes;

    private OutputFile(string path, string target, OutputFileRole role, bool replaceExisting, IFileSystemNodes nodes)
    {
        Path = path;
        Target = target;
        Role = role;
        ReplaceExisting = replaceExisting;
        _nodes = nodes;
    }

    /// <summary>Gets the full path as the user named it.</summary>
    public string Path { get; }

    /// <summary>Gets the file that is written: the path with every link followed.</summary>
    public string Target { get; }

    public OutputFileRole Role { get; }

    /// <summary>Gets a value indicating whether an existing regular file may be replaced (-Force).</summary>
    public bool ReplaceExisting { get; }

    /// <summary>Checks a target before anything is done; writes nothing but a probe file that is removed at once.</summary>
    /// <exception cref="CsCertificateException">The target is not a regular file, exists without -Force, or its folder is missing or not writable.</exception>
    public static OutputFile Check(string path, OutputFileRole role, bool replaceExisting, IFileSystemNodes? nodes = null)
    {
        nodes ??= FileSystemNodes.Current;
        string full = System.IO.Path.GetFullPath(path);
        string target;
        FileNodeType type;
        try
        {
            target = nodes.Resolve(full);
            type = nodes.TypeOf(target);
        }
        catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
        {
            throw role.NotWritable(full, ex.Message, ex);
        }

        switch (type)
        {
            case FileNodeType.Missing:
                string? folder = System.IO.Path.GetDirectoryName(target);
                if (string.IsNullOrEmpty(folder) || !Directory.Exists(folder))
                {
                    throw role.FolderMissing(full, folder ?? target);
                }

                break;
            case FileNodeType.RegularFile:
                if (!replaceExisting)
                {
                    throw role.Exists(full);
                }

                break;
            default:
                throw role.NotRegular(full, target, type);
        }

        string? problem = FolderProbe.CannotWrite(target);
        if (problem != null)
        {
            throw role.NotWritable(full, problem);
        }

        return new OutputFile(full, target, role, replaceExisting, nodes);
    }

    /// <summary>
    /// Writes the content after checking the target again (it may have changed since it was checked): to a
    /// temporary file next to the final target, then renamed over it.
    /// </summary>
    /// <returns>The file that was written (<see cref="Target"/> as it was found now).</returns>
    /// <exception cref="CsCertificateException">The target is no longer acceptable, or cannot be written.</exception>
    public string Write(byte[] content)
    {
        OutputFile now = Check(Path, Role, ReplaceExisting, _nodes);
        try
        {
            if (Role.Secret && File.Exists(now.Target))
            {
                // Windows' ReplaceFile gives the new file the access list of the one it replaces.
                FilePermissions.RestrictToOwner(now.Target);
            }

            AtomicFile.Write(now.Target, content, ownerOnly: false, nodes: _nodes, restrictTemporary: Role.Secret ? FilePermissions.RestrictToOwner : null);
            return now.Target;
        }
        catch (NotRegularFileException ex)
        {
            throw Role.NotRegular(Path, ex.Path, ex.Type, ex);
        }
        catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
        {
            throw Role.NotWritable(Path, ex.Message, ex);
        }
    }
}
