// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;

namespace CsCertificate.CaClient.Acme;

/// <summary>
/// An ACME server answered with an error (an RFC 7807 problem, or an answer the client cannot use).
/// </summary>
internal sealed class AcmeProtocolException : Exception
{
    public AcmeProtocolException(AcmeProblem problem, string message)
        : base(message)
    {
        Problem = problem;
    }

    public AcmeProblem Problem { get; }
}
