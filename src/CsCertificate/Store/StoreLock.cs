// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.Diagnostics;
using System.IO;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using CsCertificate.Common;
using CsCertificate.Resources;

namespace CsCertificate.Store;

/// <summary>
/// A cross-process lock on the store: an exclusively opened lock file, plus a named mutex on Windows. The
/// operating system releases both when the holder exits, even when it is killed, so a crash never leaves the
/// store locked. Waits are bounded and end in a clear error.
/// </summary>
internal sealed class StoreLock : IDisposable
{
    private readonly FileStream _handle;
    private readonly Mutex? _mutex;

    private StoreLock(FileStream handle, Mutex? mutex)
    {
        _handle = handle;
        _mutex = mutex;
    }

    /// <exception cref="CsCertificateException">
    /// Another command held the store for longer than <paramref name="timeout"/> (<see cref="ErrorIds.StoreLockTimeout"/>);
    /// or, at once, the lock file may not be opened (<see cref="ErrorIds.StorePermissionDenied"/>), its file system
    /// is read-only (<see cref="ErrorIds.StoreReadOnly"/>), or it cannot be opened for another reason.
    /// </exception>
    public static StoreLock Acquire(string lockPath, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        Mutex? mutex = RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? AcquireMutex(lockPath, timeout) : null;
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

                return new StoreLock(handle, mutex);
            }
            catch (IOException ex) when (StoreErrors.IsLockContention(ex))
            {
                // Only another command holding the lock is worth waiting for.
                if (clock.Elapsed >= timeout)
                {
                    Release(mutex);
                    throw Timeout(lockPath, timeout, ex);
                }

                Thread.Sleep(delay);
                delay = Math.Min(delay * 2, 100);
            }
            catch (Exception ex) when (StoreErrors.IsFileSystemFailure(ex))
            {
                Release(mutex);
                string folder = Path.GetDirectoryName(lockPath)!;
                throw StoreErrors.Translate(ex, folder, ErrorIds.StoreWriteFailed, Strings.StoreWriteFailed);
            }
        }
    }

    public void Dispose()
    {
        _handle.Dispose();
        Release(_mutex);
    }

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

    private static void Release(Mutex? mutex)
    {
        mutex?.ReleaseMutex();
        mutex?.Dispose();
    }

    /// <summary>The mutex is named after the store's path, so every process that uses the same store shares it.</summary>
    private static Mutex AcquireMutex(string lockPath, TimeSpan timeout)
    {
        string id;
        using (var sha = SHA256.Create())
        {
            id = BitConverter.ToString(sha.ComputeHash(Encoding.UTF8.GetBytes(Path.GetFullPath(lockPath).ToUpperInvariant()))).Replace("-", string.Empty).Substring(0, 32);
        }

        Mutex mutex;
        try
        {
            mutex = new Mutex(false, @"Global\CsCertificate." + id);
        }
        catch (UnauthorizedAccessException)
        {
            // Creating global objects needs a privilege that unelevated sessions lack; the session's own namespace still orders them.
            mutex = new Mutex(false, @"Local\CsCertificate." + id);
        }

        try
        {
            if (!mutex.WaitOne(timeout))
            {
                mutex.Dispose();
                throw Timeout(lockPath, timeout, null);
            }
        }
        catch (AbandonedMutexException)
        {
            // The holder was killed; the store's own crash recovery makes the state safe to take over.
        }

        return mutex;
    }

    private static CsCertificateException Timeout(string lockPath, TimeSpan timeout, Exception? inner) =>
        new CsCertificateException(
            ErrorIds.StoreLockTimeout,
            ErrorKind.OperationTimeout,
            Messages.Format(Strings.StoreLockTimeout, Path.GetDirectoryName(lockPath), (int)timeout.TotalSeconds),
            lockPath,
            inner);
}
