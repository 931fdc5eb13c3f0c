// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.IO;

namespace CsCertificate.Common;

/// <summary>
/// Writes a file so that readers see the old content or the new, never a part: the bytes go to a temporary
/// file in the same folder, are flushed to disk, and the temporary file is then renamed over the target. A rename
/// replaces whatever has the name, so it is done only over nothing or a regular file (or a link, which is
/// replaced, not followed): a device, FIFO, socket or folder at the target is refused. Callers that must follow
/// links to the file they name (files written for the user) resolve them first, see <see cref="OutputFile"/>.
/// </summary>
internal static class AtomicFile
{
    /// <summary>The suffix of temporary files; the store never reads them as records and removes stale ones.</summary>
    public const string TemporarySuffix = ".tmp";

    /// <param name="path">The file to write.</param>
    /// <param name="content">Its new content.</param>
    /// <param name="ownerOnly">Whether the file is readable by its owner only (a private key).</param>
    /// <param name="temporaryFolder">
    /// Where the temporary file goes; the target's own folder when null. It must be on the target's file system,
    /// so that the final rename stays atomic.
    /// </param>
    /// <param name="nodes">The file system seam; this platform's when null.</param>
    /// <param name="restrictTemporary">Restricts the temporary file before its first byte, for a secret written outside the data folder.</param>
    /// <exception cref="NotRegularFileException">Something other than a regular file or a link has the target's name.</exception>
    public static void Write(string path, byte[] content, bool ownerOnly, string? temporaryFolder = null, IFileSystemNodes? nodes = null, Action<string>? restrictTemporary = null)
    {
        string folder = temporaryFolder ?? Path.GetDirectoryName(Path.GetFullPath(path))!;
        string temporary = Path.Combine(folder, "." + Path.GetFileName(path) + "." + Guid.NewGuid().ToString("N") + TemporarySuffix);
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                // Restrict before the first byte is written, so a secret is never readable by others.
                if (ownerOnly)
                {
                    FilePermissions.Restrict(temporary, FilePermissions.OwnerReadWrite);
                }

                restrictTemporary?.Invoke(temporary);

                stream.Write(content, 0, content.Length);
                stream.Flush(flushToDisk: true);
            }

            FileNodeType type = (nodes ?? FileSystemNodes.Current).TypeOf(path);
            switch (type)
            {
                case FileNodeType.Missing:
                    // Fails, rather than replaces, if something took the name since.
                    SharingViolationRetry.Run(() => File.Move(temporary, path));
                    break;
                case FileNodeType.RegularFile:
                case FileNodeType.SymbolicLink:
                    // A reader or scanner holding the target without delete sharing makes Windows refuse for a moment.
                    SharingViolationRetry.Run(() => File.Replace(temporary, path, destinationBackupFileName: null));
                    break;
                default:
                    throw new NotRegularFileException(path, type);
            }
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Leftover temporary files are removed by the next store command.
        }
        catch (UnauthorizedAccessException)
        {
            // As above.
        }
    }
}
