// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System.IO;
using CsCertificate.Common;
using CsCertificate.Resources;

namespace CsCertificate.Store;

/// <summary>
/// Paths of more than 259 characters: PowerShell 7 (.NET) uses them on every system, but Windows PowerShell 5.1
/// runs .NET Framework with its legacy path handling (powershell.exe does not opt in to long paths, and a module
/// cannot), which refuses them. There the data folder must leave room for the names of the files the store
/// writes, and is refused at once, with the remedy, when it does not; a failure met anyway is the same error
/// (<see cref="StoreErrors.Translate"/>), never a half-done command.
/// </summary>
internal static class StorePathLength
{
    /// <summary>The longest path .NET Framework's legacy handling takes: MAX_PATH less the terminating NUL.</summary>
    public const int MaxPath = 259;

    /// <summary>
    /// The longest name the store writes below the data folder: \acme\challenges\.&lt;token&gt;.json.&lt;32 hex&gt;.tmp
    /// with the 43-character tokens of ACME servers (103); the store's own, \tmp\.2147483647.json.&lt;32 hex&gt;.tmp, is 58.
    /// </summary>
    public const int LongestRelativePath = 103;

    /// <summary>Gets a value indicating whether this runtime uses paths longer than <see cref="MaxPath"/>.</summary>
    public static bool RuntimeSupportsLongPaths { get; } = ProbeLongPaths();

    /// <summary>The longest data folder this runtime can use.</summary>
    public static int LongestDataFolder => MaxPath - LongestRelativePath;

    /// <exception cref="CsCertificateException">The data folder is too long for this runtime (<see cref="ErrorIds.StorePathTooLong"/>).</exception>
    public static void Check(string home, bool longPathsSupported)
    {
        if (!longPathsSupported && home.Length > LongestDataFolder)
        {
            throw TooLong(home, null);
        }
    }

    /// <summary>The error for a data folder whose paths this runtime cannot use.</summary>
    public static CsCertificateException TooLong(string home, PathTooLongException? inner) =>
        new CsCertificateException(ErrorIds.StorePathTooLong, ErrorKind.InvalidArgument, Messages.Format(Strings.StorePathTooLong, home, home.Length, LongestDataFolder, StoreLocation.HomeVariable), home, inner);

    private static bool ProbeLongPaths()
    {
        try
        {
            Path.GetFullPath(Path.Combine(Path.GetTempPath(), new string('x', MaxPath + 40)));
            return true;
        }
        catch (PathTooLongException)
        {
            return false;
        }
    }
}
