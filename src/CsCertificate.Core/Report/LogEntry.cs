// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;

namespace CsCertificate.Report;

/// <summary>
/// One line of a report: what was logged, when, and its kind.
/// </summary>
/// <param name="Kind">The kind of line.</param>
/// <param name="Time">The time in UTC.</param>
/// <param name="Text">The line.</param>
internal sealed record LogEntry(LogEntryKind Kind, DateTime Time, string Text);
