// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.IO;

namespace CsCertificate.Common;

/// <summary>
/// The form of a path for the module's own Win32 calls (CreateFileW, SetNamedSecurityInfoW): .NET adds the \\?\
/// prefix to long paths for its own file calls, but a P/Invoke gets the path as it is, and Windows takes one of 260
/// characters or more only with the prefix (unless the process and the system opted in to long paths).
/// </summary>
internal static class WindowsLongPath
{
    /// <summary>Below this length every Win32 call takes a path as it is (folders need room for an 8.3 name).</summary>
    private const int ShortEnough = 248;

    public static string ForNativeCall(string path)
    {
        if (path.Length < ShortEnough || path.StartsWith(@"\\?\", StringComparison.Ordinal) || path.StartsWith(@"\\.\", StringComparison.Ordinal))
        {
            return path;
        }

        string full = Path.GetFullPath(path);
        return full.StartsWith(@"\\", StringComparison.Ordinal) ? @"\\?\UNC\" + full.Substring(2) : @"\\?\" + full;
    }
}
