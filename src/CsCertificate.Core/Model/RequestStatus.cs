// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

namespace CsCertificate.Model;

/// <summary>
/// The state of a stored certificate request.
/// </summary>
public enum RequestStatus
{
    /// <summary>An offline request: the CSR was written to a file for a CA to sign.</summary>
    Offline,

    /// <summary>The request is being sent to the CA; a crash at this point leaves it visible.</summary>
    Submitting,

    /// <summary>The CA holds the request and has not decided yet.</summary>
    Pending,

    /// <summary>The certificate was issued and installed.</summary>
    Issued,

    /// <summary>The CA refused the request.</summary>
    Denied,

    /// <summary>The CA revoked the certificate.</summary>
    Revoked,

    /// <summary>The request could not be completed; see the record's message.</summary>
    Failed,
}
