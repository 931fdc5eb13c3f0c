// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;

namespace CsCertificate.Store;

/// <summary>
/// A record the store could not read. The file was moved aside (never deleted) so the others stay usable.
/// </summary>
/// <param name="ErrorId">The error id the command reports.</param>
/// <param name="Path">The record file as it was found.</param>
/// <param name="MovedTo">Where the file was moved, or null when it was left in place (a newer schema).</param>
/// <param name="Message">What is wrong and what to do.</param>
/// <param name="Exception">The failure that found it, if any.</param>
internal sealed record StoreProblem(string ErrorId, string Path, string? MovedTo, string Message, Exception? Exception);
