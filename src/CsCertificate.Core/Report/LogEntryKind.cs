// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

namespace CsCertificate.Report;

/// <summary>
/// The kinds of lines in a CsMgmtLog report, named after its XML elements.
/// </summary>
internal enum LogEntryKind
{
    Info,
    Warning,
    Error,
}
