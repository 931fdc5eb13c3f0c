// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System.Diagnostics;
using System.IO;
using System.Runtime.Versioning;
using CsCertificate.Store;

namespace CsCertificate.Tests.TestInfrastructure;

/// <summary>Unix file facts and changes the tests need beyond what .NET offers: the owner of a file, chown.</summary>
[UnsupportedOSPlatform("windows")]
internal static class UnixFiles
{
    /// <summary>A user id that belongs to nobody on the test machine: "another user".</summary>
    public const int OtherUser = 54321;

    public static uint EffectiveUserId => UnixNativeMethods.GetEUid();

    public static uint OwnerOf(string path)
    {
        UnixNativeMethods.LStat(path, out UnixNativeMethods.FileStatus status);
        return status.Uid;
    }

    /// <summary>Gives a file or folder (and, with <paramref name="recursive"/>, what it holds) to another user id.</summary>
    public static void GiveTo(string path, int userId, bool recursive = false)
    {
        using var chown = Process.Start(new ProcessStartInfo("chown", (recursive ? "-R " : string.Empty) + "-h " + userId + " \"" + path + "\"") { UseShellExecute = false })!;
        chown.WaitForExit();
        if (chown.ExitCode != 0)
        {
            throw new IOException("chown failed for " + path);
        }
    }

    public static string Mode(string path) => System.Convert.ToString((int)File.GetUnixFileMode(path), 8).PadLeft(4, '0');
}
