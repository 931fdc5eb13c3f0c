// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;

namespace CsCertificate.CaClient.Acme;

/// <summary>
/// The ACME server could not be reached or stopped answering; the same request can be tried again later.
/// </summary>
internal sealed class AcmeUnreachableException : Exception
{
    public AcmeUnreachableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
