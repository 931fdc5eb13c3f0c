// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System.Runtime.InteropServices;

namespace CsCertificate.Store;

/// <summary>
/// lstat(2), stat(2) and geteuid(2) through System.Native, the shim every .NET runtime on Linux and macOS ships
/// (PowerShell 7 always runs on one). netstandard2.0 has no API for a file's owner, and libc's own struct stat
/// differs by platform and architecture; System.Native's FileStatus starts with the same four fields everywhere.
/// </summary>
internal static class UnixNativeMethods
{
    public const int FileTypeMask = 0xF000; // S_IFMT
    public const int FileTypeDirectory = 0x4000; // S_IFDIR
    public const int FileTypeRegular = 0x8000; // S_IFREG
    public const int FileTypeLink = 0xA000; // S_IFLNK
    public const int PermissionMask = 0xFFF; // the permission bits with setuid, setgid and sticky

    [DllImport("libSystem.Native", EntryPoint = "SystemNative_LStat", CharSet = CharSet.Ansi, SetLastError = true)]
    public static extern int LStat(string path, out FileStatus status);

    [DllImport("libSystem.Native", EntryPoint = "SystemNative_Stat", CharSet = CharSet.Ansi, SetLastError = true)]
    public static extern int Stat(string path, out FileStatus status);

    [DllImport("libSystem.Native", EntryPoint = "SystemNative_GetEUid")]
    public static extern uint GetEUid();

    /// <summary>The leading fields of System.Native's FileStatus; the size leaves room for the fields after them.</summary>
    [StructLayout(LayoutKind.Sequential, Size = 256)]
    public struct FileStatus
    {
        public int Flags;
        public int Mode;
        public uint Uid;
        public uint Gid;
    }
}
