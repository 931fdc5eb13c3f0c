// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;

namespace CsCertificate.Report;

/// <summary>
/// One line of a report: what was logged, when, and its kind.
/// </summary>
internal sealed class LogEntry
{
    public LogEntry(LogEntryKind kind, DateTime time, string text)
    {
        Kind = kind;
        Time = time;
        Text = text;
    }

    public LogEntryKind Kind { get; }

    /// <summary>Gets the time in UTC.</summary>
    public DateTime Time { get; }

    public string Text { get; }
}
