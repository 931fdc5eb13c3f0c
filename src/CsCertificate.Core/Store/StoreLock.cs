// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.Diagnostics;
using System.IO;
using System.Threading;
using CsCertificate.Common;
using CsCertificate.Resources;

namespace CsCertificate.Store;

/// <summary>
/// A cross-process lock on the store: the lock file, opened exclusively (a sharing mode of none on Windows, flock
/// on Linux and macOS). The operating system releases it when the holder exits, even when it is killed, so a
/// crash never leaves the store locked. Waits are bounded and end in a clear error.
/// </summary>
/// <remarks>
/// There is no named mutex beside it on Windows any more: the file is the lock on every system, and a mutex could
/// only be wrong. Global\ names need a privilege that not every session has, and a mutex another identity created
/// cannot be opened, so the fallback to a Local\ name silently took a different lock in each session.
/// </remarks>
internal sealed class StoreLock : IDisposable
{
    private readonly FileStream _handle;

    private StoreLock(FileStream handle)
    {
        _handle = handle;
    }

    /// <exception cref="CsCertificateException">
    /// Another command held the store for longer than <paramref name="timeout"/> (<see cref="ErrorIds.StoreLockTimeout"/>);
    /// or, at once, the lock file may not be opened (<see cref="ErrorIds.StorePermissionDenied"/>), its file system
    /// is read-only (<see cref="ErrorIds.StoreReadOnly"/>), or it cannot be opened for another reason.
    /// </exception>
    public static StoreLock Acquire(string lockPath, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        int delay = 5;
        while (true)
        {
            try
            {
                bool existed = File.Exists(lockPath);
                var handle = new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None);
                if (!existed)
                {
                    // Created with the umask's mode; the data folder is owner-only, and so is every file in it.
                    RestrictNewLockFile(lockPath, handle);
                }

                return new StoreLock(handle);
            }
            catch (IOException ex) when (StoreErrors.IsLockContention(ex))
            {
                // Only another command holding the lock is worth waiting for.
                if (clock.Elapsed >= timeout)
                {
                    throw Timeout(lockPath, timeout, ex);
                }

                Thread.Sleep(delay);
                delay = Math.Min(delay * 2, 100);
            }
            catch (Exception ex) when (StoreErrors.IsFileSystemFailure(ex))
            {
                string folder = Path.GetDirectoryName(lockPath)!;
                throw StoreErrors.Translate(ex, folder, ErrorIds.StoreWriteFailed, Strings.StoreWriteFailed);
            }
        }
    }

    public void Dispose() => _handle.Dispose();

    private static void RestrictNewLockFile(string lockPath, FileStream handle)
    {
        try
        {
            FilePermissions.Restrict(lockPath, FilePermissions.OwnerReadWrite);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    private static CsCertificateException Timeout(string lockPath, TimeSpan timeout, Exception? inner) =>
        new CsCertificateException(
            ErrorIds.StoreLockTimeout,
            ErrorKind.OperationTimeout,
            Messages.Format(Strings.StoreLockTimeout, Path.GetDirectoryName(lockPath), (int)timeout.TotalSeconds),
            lockPath,
            inner);
}
