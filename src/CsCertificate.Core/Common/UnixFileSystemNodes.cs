// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;
using CsCertificate.Resources;

namespace CsCertificate.Common;

/// <summary>
/// Linux and macOS: the kind of an entry comes from lstat(2), links are read one at a time and followed the
/// way the kernel follows them, component by component.
/// </summary>
/// <remarks>
/// lstat is called through SystemNative_LStat, the shim every .NET (Core) runtime ships in libSystem.Native for
/// its own file APIs: unlike libc's lstat, its symbol exists on every C library (glibc before 2.33 exports only
/// __lxstat) and its result does not depend on the platform's struct stat layout. Only its first two fields are
/// read (Flags, then Mode, which holds st_mode unchanged); they have not moved since .NET Core 2.0.
/// Links are read with FileSystemInfo.LinkTarget where the runtime has it (.NET 6 and later), else readlink(2).
/// </remarks>
internal sealed class UnixFileSystemNodes : IFileSystemNodes
{
    /// <summary>How many links one path may pass through (Linux's MAXSYMLINKS).</summary>
    public const int MaxLinks = 40;

    private const int ENOENT = 2;
    private const int ENOTDIR = 20;

    private const int S_IFMT = 0xF000;
    private const int S_IFIFO = 0x1000;
    private const int S_IFCHR = 0x2000;
    private const int S_IFDIR = 0x4000;
    private const int S_IFBLK = 0x6000;
    private const int S_IFREG = 0x8000;
    private const int S_IFLNK = 0xA000;
    private const int S_IFSOCK = 0xC000;

    public FileNodeType TypeOf(string path)
    {
        if (LStat(path, out FileStatusPrefix status) != 0)
        {
            int errno = Marshal.GetLastWin32Error();
            if (errno == ENOENT || errno == ENOTDIR)
            {
                return FileNodeType.Missing;
            }

            throw new IOException(new Win32Exception(errno).Message + " (" + path + ")", new Win32Exception(errno));
        }

        return (status.Mode & S_IFMT) switch
        {
            S_IFREG => FileNodeType.RegularFile,
            S_IFDIR => FileNodeType.Directory,
            S_IFLNK => FileNodeType.SymbolicLink,
            S_IFCHR => FileNodeType.CharacterDevice,
            S_IFBLK => FileNodeType.BlockDevice,
            S_IFIFO => FileNodeType.NamedPipe,
            S_IFSOCK => FileNodeType.Socket,
            _ => FileNodeType.Other,
        };
    }

    public string Resolve(string path)
    {
        string full = Path.GetFullPath(path);
        var pending = new Stack<string>();
        Push(pending, full);
        string resolved = "/";
        int links = 0;
        while (pending.Count > 0)
        {
            string name = pending.Pop();
            if (name.Length == 0 || name == ".")
            {
                continue;
            }

            if (name == "..")
            {
                resolved = Path.GetDirectoryName(resolved) ?? "/";
                continue;
            }

            string candidate = Combine(resolved, name);
            FileNodeType type = TypeOf(candidate);
            if (type == FileNodeType.SymbolicLink)
            {
                if (++links > MaxLinks)
                {
                    throw new IOException(Messages.Format(Strings.LinksLoop, full, MaxLinks));
                }

                string target = ReadLink(candidate);
                if (target.StartsWith("/", StringComparison.Ordinal))
                {
                    resolved = "/";
                }

                Push(pending, target);
                continue;
            }

            resolved = candidate;
            if (type == FileNodeType.Missing)
            {
                // Nothing below a missing entry can be a link: the rest is kept as given.
                while (pending.Count > 0)
                {
                    resolved = Combine(resolved, pending.Pop());
                }
            }
        }

        return Path.GetFullPath(resolved);
    }

    private static void Push(Stack<string> pending, string path)
    {
        string[] parts = path.Split('/');
        for (int i = parts.Length - 1; i >= 0; i--)
        {
            pending.Push(parts[i]);
        }
    }

    private static string Combine(string folder, string name) => folder == "/" ? "/" + name : folder + "/" + name;

    private static string ReadLink(string path)
    {
        if (LinkTargetApi.IsAvailable)
        {
            return LinkTargetApi.Read(path) ?? throw new IOException(Messages.Format(Strings.LinkUnreadable, path, string.Empty));
        }

        var buffer = new byte[4096];
        long length = (long)ReadLinkNative(path, buffer, (IntPtr)buffer.Length);
        if (length < 0 || length >= buffer.Length)
        {
            int errno = Marshal.GetLastWin32Error();
            throw new IOException(Messages.Format(Strings.LinkUnreadable, path, new Win32Exception(errno).Message));
        }

        return Encoding.UTF8.GetString(buffer, 0, (int)length);
    }

    [DllImport("libSystem.Native", EntryPoint = "SystemNative_LStat", SetLastError = true)]
    private static extern int LStat(string path, out FileStatusPrefix output);

    [DllImport("libc", EntryPoint = "readlink", SetLastError = true)]
    private static extern IntPtr ReadLinkNative(string path, byte[] buffer, IntPtr size);

    /// <summary>The start of System.Native's FileStatus, with room for the whole structure of any version.</summary>
    [StructLayout(LayoutKind.Sequential, Size = 512)]
    private struct FileStatusPrefix
    {
        public int Flags;
        public int Mode;
    }
}
