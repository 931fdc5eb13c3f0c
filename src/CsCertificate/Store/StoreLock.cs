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

    public static StoreLock Acquire(string lockPath, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        Mutex? mutex = RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? AcquireMutex(lockPath, timeout) : null;
        int delay = 5;
        while (true)
        {
            try
            {
                var handle = new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None);
                return new StoreLock(handle, mutex);
            }
            catch (IOException ex) when (!(ex is FileNotFoundException || ex is DirectoryNotFoundException))
            {
                if (clock.Elapsed >= timeout)
                {
                    mutex?.ReleaseMutex();
                    mutex?.Dispose();
                    throw Timeout(lockPath, timeout, ex);
                }

                Thread.Sleep(delay);
                delay = Math.Min(delay * 2, 100);
            }
        }
    }

    public void Dispose()
    {
        _handle.Dispose();
        if (_mutex != null)
        {
            _mutex.ReleaseMutex();
            _mutex.Dispose();
        }
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
