// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.IO;
using System.Reflection;

namespace CsCertificate.Common;

/// <summary>
/// FileSystemInfo.LinkTarget (.NET 6 and later, so PowerShell 7.2 and later), found by reflection because
/// netstandard2.0 does not have it: the target of a symbolic link or junction as stored, relative or absolute.
/// </summary>
internal static class LinkTargetApi
{
    private static readonly PropertyInfo? s_linkTarget = typeof(FileSystemInfo).GetProperty("LinkTarget", typeof(string));

    /// <summary>Gets a value indicating whether the runtime has the API (Windows PowerShell 5.1 does not).</summary>
    public static bool IsAvailable => s_linkTarget != null;

    /// <summary>Gets the stored target of the link at <paramref name="path"/>, or null when it is not a link.</summary>
    /// <exception cref="IOException">The link cannot be read.</exception>
    public static string? Read(string path)
    {
        try
        {
            return (string?)s_linkTarget!.GetValue(new FileInfo(path));
        }
        catch (TargetInvocationException ex) when (ex.InnerException is IOException || ex.InnerException is UnauthorizedAccessException)
        {
            throw new IOException(ex.InnerException.Message, ex.InnerException);
        }
    }
}
