// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.IO;

namespace CsCertificate.Common;

/// <summary>
/// Finds out, before any work is done, whether a file can be created in a folder: a bad call must be refused
/// before anything is written, not after a key was generated and stored.
/// </summary>
internal static class FolderProbe
{
    /// <summary>Creates and deletes an empty file in the folder of <paramref name="path"/>.</summary>
    /// <returns>Null when it can be written, else what the system said.</returns>
    public static string? CannotWrite(string path)
    {
        string folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        string probe = Path.Combine(folder, ".cscertificate-probe-" + Guid.NewGuid().ToString("N") + AtomicFile.TemporarySuffix);
        try
        {
            using (new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose))
            {
            }

            return null;
        }
        catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is NotSupportedException)
        {
            return ex.Message;
        }
    }
}
