// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System.IO;
using System.Text;

namespace CsCertificate.Common;

/// <summary>
/// Reads and deletes the data folder's files the way Windows needs when several commands use the store at once:
/// a reader shares the file for reading, writing and deleting, so that a writer can replace or delete it under
/// the reader (File.ReadAllBytes shares reading only, and Windows then refuses the writer); a delete that meets
/// another program's handle is retried for a moment (<see cref="SharingViolationRetry"/>).
/// </summary>
internal static class SharedFile
{
    /// <summary>Opens a file for reading, sharing it for reading, writing and deleting.</summary>
    public static FileStream OpenRead(string path) => new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);

    public static byte[] ReadAllBytes(string path)
    {
        using FileStream stream = OpenRead(path);
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }

    public static string ReadAllText(string path)
    {
        using FileStream stream = OpenRead(path);
        using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return reader.ReadToEnd();
    }

    /// <summary>Deletes a file (nothing when it does not exist), retrying briefly on a sharing violation.</summary>
    public static void Delete(string path) => SharingViolationRetry.Run(() => File.Delete(path));
}
