// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System.Management.Automation;
using CsCertificate.Common;

namespace CsCertificate.Commands;

/// <summary>
/// Turns engine exceptions into ErrorRecords: the engine's error id, a real category, the target, and the
/// original exception kept as the record's exception.
/// </summary>
internal static class ErrorRecordFactory
{
    public static ErrorRecord Create(CsCertificateException exception) =>
        new ErrorRecord(exception, exception.ErrorId, Category(exception.Kind), exception.Target);

    public static ErrorCategory Category(ErrorKind kind) => kind switch
    {
        ErrorKind.InvalidArgument => ErrorCategory.InvalidArgument,
        ErrorKind.InvalidData => ErrorCategory.InvalidData,
        ErrorKind.InvalidOperation => ErrorCategory.InvalidOperation,
        ErrorKind.NotSupported => ErrorCategory.NotImplemented,
        ErrorKind.ObjectNotFound => ErrorCategory.ObjectNotFound,
        ErrorKind.ResourceExists => ErrorCategory.ResourceExists,
        ErrorKind.ResourceUnavailable => ErrorCategory.ResourceUnavailable,
        ErrorKind.WriteError => ErrorCategory.WriteError,
        ErrorKind.ReadError => ErrorCategory.ReadError,
        ErrorKind.OperationTimeout => ErrorCategory.OperationTimeout,
        ErrorKind.PermissionDenied => ErrorCategory.PermissionDenied,
        ErrorKind.SecurityError => ErrorCategory.SecurityError,
        ErrorKind.InvalidResult => ErrorCategory.InvalidResult,
        _ => ErrorCategory.NotSpecified,
    };
}
