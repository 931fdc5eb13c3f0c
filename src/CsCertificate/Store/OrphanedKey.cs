// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;

namespace CsCertificate.Store;

/// <summary>
/// A key file of keys/ that no stored request has, for example after a command was killed between writing a
/// request's key and its record.
/// </summary>
internal sealed class OrphanedKey
{
    public OrphanedKey(string path, DateTime writtenUtc, bool isRecent)
    {
        Path = path;
        WrittenUtc = writtenUtc;
        IsRecent = isRecent;
    }

    public string Path { get; }

    public DateTime WrittenUtc { get; }

    /// <summary>
    /// Gets a value indicating whether it was written less than <see cref="RequestStore.OrphanedKeyMinimumAge"/> ago:
    /// it may belong to a request being made right now, and is kept.
    /// </summary>
    public bool IsRecent { get; }
}
