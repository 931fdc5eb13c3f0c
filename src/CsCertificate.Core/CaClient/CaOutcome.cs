// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

namespace CsCertificate.CaClient;

/// <summary>
/// What a CA said about a request. Every client maps its answers to these, and the cmdlet maps these the same
/// way whatever the client. Pending is an outcome, not an error.
/// </summary>
internal enum CaOutcome
{
    /// <summary>The certificate was issued; <see cref="CaResult.Certificates"/> holds it and its chain.</summary>
    Issued,

    /// <summary>The CA holds the request; ask again later (after <see cref="CaResult.RetryAfter"/> when given).</summary>
    Pending,

    /// <summary>The CA refused the request; <see cref="CaResult.Message"/> holds its reason.</summary>
    Denied,

    /// <summary>The certificate was issued and then revoked.</summary>
    Revoked,

    /// <summary>The CA could not be reached; the request may be retried unchanged.</summary>
    Unreachable,

    /// <summary>The CA cannot serve this request as configured (for example the template is not on the CA).</summary>
    Misconfigured,

    /// <summary>Anything else; <see cref="CaResult.Code"/> and <see cref="CaResult.Message"/> say what.</summary>
    Failed,

    /// <summary>
    /// The command was stopped (Ctrl+C) before the CA had finished; <see cref="CaResult.CaRequestId"/> is set when
    /// the CA holds the request, so that -Retrieve resumes it.
    /// </summary>
    Stopped,
}
