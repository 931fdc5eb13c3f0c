// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;
using CsCertificate.Resources;
using Microsoft.Win32.SafeHandles;

namespace CsCertificate.Common;

/// <summary>
/// Windows: the kind of an entry comes from a handle opened on the entry itself (devices such as NUL or CON and
/// named pipes by their file type, links by their reparse tag), and links are followed by the system:
/// GetFinalPathNameByHandle names the file a path ends at, through symbolic links, junctions and short names.
/// </summary>
/// <remarks>
/// Windows PowerShell 5.1 has no API that reads a link's target, so a link whose target does not exist can only
/// be followed on PowerShell 7 (FileSystemInfo.LinkTarget); on 5.1 it is refused as a link that cannot be followed.
/// </remarks>
internal sealed class WindowsFileSystemNodes : IFileSystemNodes
{
    private const uint FileShareAll = 0x1 | 0x2 | 0x4;
    private const uint OpenExisting = 3;
    private const uint FileFlagBackupSemantics = 0x02000000;
    private const uint FileFlagOpenReparsePoint = 0x00200000;
    private const uint FileTypeDisk = 1;
    private const uint FileTypeChar = 2;
    private const uint FileTypePipe = 3;
    private const int FileAttributeTagInfoClass = 9;
    private const uint FileAttributeDirectory = 0x10;
    private const uint FileAttributeReparsePoint = 0x400;
    private const uint NameSurrogateBit = 0x20000000;
    private const uint ReparseTagAfUnix = 0x80000023;

    private const int ErrorFileNotFound = 2;
    private const int ErrorPathNotFound = 3;
    private const int ErrorInvalidName = 123;
    private const int ErrorBadNetPath = 53;
    private const int ErrorBadNetName = 67;
    private const int ErrorNotReady = 21;

    public FileNodeType TypeOf(string path)
    {
        using SafeFileHandle handle = CreateFile(WindowsLongPath.ForNativeCall(path), 0, FileShareAll, IntPtr.Zero, OpenExisting, FileFlagBackupSemantics | FileFlagOpenReparsePoint, IntPtr.Zero);
        if (handle.IsInvalid)
        {
            int error = Marshal.GetLastWin32Error();
            return IsNotFound(error) ? FileNodeType.Missing : FromAttributes(path);
        }

        switch (GetFileType(handle))
        {
            case FileTypeChar:
                return FileNodeType.CharacterDevice;
            case FileTypePipe:
                return FileNodeType.NamedPipe;
            case FileTypeDisk:
                if (!GetFileInformationByHandleEx(handle, FileAttributeTagInfoClass, out FileAttributeTagInfo info, (uint)Marshal.SizeOf<FileAttributeTagInfo>()))
                {
                    return FromAttributes(path);
                }

                if ((info.FileAttributes & FileAttributeReparsePoint) != 0)
                {
                    if (info.ReparseTag == ReparseTagAfUnix)
                    {
                        return FileNodeType.Socket;
                    }

                    // Symbolic links, junctions and mount points name another path; other reparse points (OneDrive
                    // placeholders, deduplicated files) are ordinary files and folders to a program.
                    if ((info.ReparseTag & NameSurrogateBit) != 0)
                    {
                        return FileNodeType.SymbolicLink;
                    }
                }

                return (info.FileAttributes & FileAttributeDirectory) != 0 ? FileNodeType.Directory : FileNodeType.RegularFile;
            default:
                return FileNodeType.Other;
        }
    }

    public string Resolve(string path)
    {
        string full = Path.GetFullPath(path);
        string existing = full;
        var missing = new Stack<string>();
        int links = 0;
        while (true)
        {
            string? final = FinalPath(existing);
            if (final != null)
            {
                foreach (string name in missing)
                {
                    final = Path.Combine(final, name);
                }

                return final;
            }

            if (TypeOf(existing) == FileNodeType.SymbolicLink)
            {
                // A link whose target does not exist: read it and go on from its target.
                if (!LinkTargetApi.IsAvailable)
                {
                    throw new IOException(Messages.Format(Strings.LinkUnreadable, existing, Strings.LinkTargetMissingNoApi));
                }

                if (++links > UnixFileSystemNodes.MaxLinks)
                {
                    throw new IOException(Messages.Format(Strings.LinksLoop, full, UnixFileSystemNodes.MaxLinks));
                }

                string target = StripPrefix(LinkTargetApi.Read(existing) ?? throw new IOException(Messages.Format(Strings.LinkUnreadable, existing, string.Empty)));
                existing = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(existing) ?? string.Empty, target));
                continue;
            }

            string? parent = Path.GetDirectoryName(existing);
            if (parent == null)
            {
                return full;
            }

            missing.Push(Path.GetFileName(existing));
            existing = parent;
        }
    }

    /// <summary>Turns what GetFinalPathNameByHandle or a reparse point gives (\\?\C:\…, \\?\UNC\server\…, \??\C:\…) into an ordinary path.</summary>
    internal static string StripPrefix(string path)
    {
        if (path.StartsWith(@"\\?\UNC\", StringComparison.OrdinalIgnoreCase))
        {
            return @"\\" + path.Substring(8);
        }

        return path.StartsWith(@"\\?\", StringComparison.Ordinal) || path.StartsWith(@"\??\", StringComparison.Ordinal) ? path.Substring(4) : path;
    }

    private static bool IsNotFound(int error) =>
        error == ErrorFileNotFound || error == ErrorPathNotFound || error == ErrorInvalidName || error == ErrorBadNetPath || error == ErrorBadNetName || error == ErrorNotReady;

    /// <summary>What the attributes say, when no handle could be opened (access denied, a file in use).</summary>
    private static FileNodeType FromAttributes(string path)
    {
        try
        {
            FileAttributes attributes = File.GetAttributes(path);
            return (attributes & FileAttributes.ReparsePoint) != 0 ? FileNodeType.SymbolicLink
                : (attributes & FileAttributes.Directory) != 0 ? FileNodeType.Directory
                : FileNodeType.RegularFile;
        }
        catch (Exception ex) when (ex is FileNotFoundException || ex is DirectoryNotFoundException)
        {
            return FileNodeType.Missing;
        }
    }

    /// <summary>Gets the path the system reaches through every link, or null when nothing is there.</summary>
    private static string? FinalPath(string path)
    {
        using SafeFileHandle handle = CreateFile(WindowsLongPath.ForNativeCall(path), 0, FileShareAll, IntPtr.Zero, OpenExisting, FileFlagBackupSemantics, IntPtr.Zero);
        if (handle.IsInvalid)
        {
            // Something that cannot be opened for another reason (access denied) is there; keep its path.
            return IsNotFound(Marshal.GetLastWin32Error()) ? null : path;
        }

        var buffer = new StringBuilder(512);
        uint length = GetFinalPathNameByHandle(handle, buffer, (uint)buffer.Capacity, 0);
        if (length >= buffer.Capacity)
        {
            buffer = new StringBuilder((int)length + 1);
            length = GetFinalPathNameByHandle(handle, buffer, (uint)buffer.Capacity, 0);
        }

        // A volume without a drive letter has no DOS name: the path as given is the best there is.
        return length == 0 || length >= buffer.Capacity ? path : StripPrefix(buffer.ToString());
    }

    [DllImport("kernel32.dll", EntryPoint = "CreateFileW", CharSet = CharSet.Unicode, SetLastError = true)]
    private static extern SafeFileHandle CreateFile(string fileName, uint desiredAccess, uint shareMode, IntPtr securityAttributes, uint creationDisposition, uint flagsAndAttributes, IntPtr templateFile);

    [DllImport("kernel32.dll", SetLastError = true)]
    private static extern uint GetFileType(SafeFileHandle file);

    [DllImport("kernel32.dll", SetLastError = true)]
    [return: MarshalAs(UnmanagedType.Bool)]
    private static extern bool GetFileInformationByHandleEx(SafeFileHandle file, int informationClass, out FileAttributeTagInfo information, uint size);

    [DllImport("kernel32.dll", EntryPoint = "GetFinalPathNameByHandleW", CharSet = CharSet.Unicode, SetLastError = true)]
    private static extern uint GetFinalPathNameByHandle(SafeFileHandle file, StringBuilder path, uint length, uint flags);

    [StructLayout(LayoutKind.Sequential)]
    private struct FileAttributeTagInfo
    {
        public uint FileAttributes;
        public uint ReparseTag;
    }
}
