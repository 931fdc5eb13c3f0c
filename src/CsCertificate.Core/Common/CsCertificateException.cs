// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;

namespace CsCertificate.Common;

/// <summary>
/// An engine failure with a stable error id, a kind and the object it concerns. The cmdlet turns it into an
/// ErrorRecord whose FullyQualifiedErrorId starts with <see cref="ErrorId"/>.
/// </summary>
internal sealed class CsCertificateException : Exception
{
    public CsCertificateException(string errorId, ErrorKind kind, string message, object? target = null, Exception? innerException = null)
        : base(message, innerException)
    {
        ErrorId = errorId;
        Kind = kind;
        Target = target;
    }

    /// <summary>Gets the stable, PascalCase error id (see <see cref="ErrorIds"/>).</summary>
    public string ErrorId { get; }

    /// <summary>Gets the kind of failure.</summary>
    public ErrorKind Kind { get; }

    /// <summary>Gets the object the failure concerns: a path, a name, a request id.</summary>
    public object? Target { get; }
}
