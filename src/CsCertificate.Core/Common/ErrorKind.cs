// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

namespace CsCertificate.Common;

/// <summary>
/// What kind of failure an engine error is. The cmdlet maps each kind to a PowerShell ErrorCategory,
/// which keeps the engine free of System.Management.Automation.
/// </summary>
internal enum ErrorKind
{
    InvalidArgument,
    InvalidData,
    InvalidOperation,
    NotSupported,
    ObjectNotFound,
    ResourceExists,
    ResourceUnavailable,
    WriteError,
    ReadError,
    OperationTimeout,
    PermissionDenied,
    SecurityError,
    InvalidResult,
}
