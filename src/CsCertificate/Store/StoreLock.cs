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
/// A cross-process lock on the store: an exclusively opened lock file. The operating system releases it when
/// the holder exits, even when it is killed, so a crash never leaves the store locked.
/// </summary>
internal sealed class StoreLock : IDisposable
{
    private readonly FileStream _handle;

    private StoreLock(FileStream handle) => _handle = handle;

    public static StoreLock Acquire(string lockPath, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        int delay = 5;
        while (true)
        {
            try
            {
                var handle = new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None);
                return new StoreLock(handle);
            }
            catch (IOException ex) when (!(ex is FileNotFoundException || ex is DirectoryNotFoundException))
            {
                if (clock.Elapsed >= timeout)
                {
                    throw new CsCertificateException(
                        ErrorIds.StoreLockTimeout,
                        ErrorKind.OperationTimeout,
                        Messages.Format(Strings.StoreLockTimeout, Path.GetDirectoryName(lockPath), (int)timeout.TotalSeconds),
                        lockPath,
                        ex);
                }

                Thread.Sleep(delay);
                delay = Math.Min(delay * 2, 100);
            }
        }
    }

    public void Dispose() => _handle.Dispose();
}
