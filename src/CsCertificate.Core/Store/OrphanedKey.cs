// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;

namespace CsCertificate.Store;

/// <summary>
/// A key file of keys/ that no stored request has, for example after a command was killed between writing a
/// request's key and its record.
/// </summary>
/// <param name="Path">The key file.</param>
/// <param name="WrittenUtc">When it was written.</param>
/// <param name="IsRecent">
/// Whether it was written less than <see cref="RequestStore.OrphanedKeyMinimumAge"/> ago: it may belong to a
/// request being made right now, and is kept.
/// </param>
internal sealed record OrphanedKey(string Path, DateTime WrittenUtc, bool IsRecent);
