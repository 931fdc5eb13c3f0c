// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.Runtime.InteropServices;
using CsCertificate.Resources;

namespace CsCertificate.Common;

/// <summary>The file system seam of this platform, and how its paths compare.</summary>
internal static class FileSystemNodes
{
    private static readonly bool s_windows = RuntimeInformation.IsOSPlatform(OSPlatform.Windows);

    public static IFileSystemNodes Current { get; } = s_windows ? new WindowsFileSystemNodes() : new UnixFileSystemNodes();

    /// <summary>
    /// Gets how two resolved paths of this platform compare: without case on Windows and macOS, whose file systems
    /// ignore case by default, with case elsewhere.
    /// </summary>
    public static StringComparer PathComparer { get; } =
        s_windows || RuntimeInformation.IsOSPlatform(OSPlatform.OSX) ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;

    /// <summary>Gets "a character device", "a folder" and so on, for messages.</summary>
    public static string Describe(FileNodeType type) => type switch
    {
        FileNodeType.Directory => Strings.FileKindFolder,
        FileNodeType.CharacterDevice => Strings.FileKindCharacterDevice,
        FileNodeType.BlockDevice => Strings.FileKindBlockDevice,
        FileNodeType.NamedPipe => Strings.FileKindNamedPipe,
        FileNodeType.Socket => Strings.FileKindSocket,
        FileNodeType.SymbolicLink => Strings.FileKindUnresolvedLink,
        _ => Strings.FileKindOther,
    };
}
