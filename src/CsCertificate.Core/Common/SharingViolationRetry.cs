// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.IO;
using System.Threading;

namespace CsCertificate.Common;

/// <summary>
/// Retries a replace, rename or delete of a store file for a moment when Windows refuses it because another
/// process has the file open without delete sharing: a parallel -List of an older version, an antivirus scanner,
/// the search indexer. They let go within milliseconds; anything else fails at once.
/// </summary>
internal static class SharingViolationRetry
{
    /// <summary>ERROR_SHARING_VIOLATION, ERROR_UNABLE_TO_REMOVE_REPLACED, ERROR_UNABLE_TO_MOVE_REPLACEMENT.</summary>
    private static readonly int[] s_errors = { 32, 1175, 1176 };

    /// <summary>The pauses between attempts: about two seconds in all.</summary>
    private static readonly int[] s_pausesMilliseconds = { 10, 20, 40, 80, 150, 250, 400, 500, 500 };

    /// <summary>Runs <paramref name="action"/>, again after a pause each time it fails with a sharing violation.</summary>
    /// <param name="action">The file operation.</param>
    /// <param name="pause">Waits between attempts; Thread.Sleep when null (tests pass their own).</param>
    public static void Run(Action action, Action<TimeSpan>? pause = null)
    {
        for (int attempt = 0; ; attempt++)
        {
            try
            {
                action();
                return;
            }
            catch (IOException ex) when (attempt < s_pausesMilliseconds.Length && IsSharingViolation(ex))
            {
                (pause ?? Thread.Sleep)(TimeSpan.FromMilliseconds(s_pausesMilliseconds[attempt]));
            }
        }
    }

    /// <summary>Whether a failure is one of the Win32 errors above (HRESULT 0x8007xxxx); never on Linux and macOS.</summary>
    public static bool IsSharingViolation(Exception exception) =>
        (exception.HResult & unchecked((int)0xFFFF0000)) == unchecked((int)0x80070000) && Array.IndexOf(s_errors, exception.HResult & 0xFFFF) >= 0;
}
