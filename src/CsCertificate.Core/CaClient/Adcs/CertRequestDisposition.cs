// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

namespace CsCertificate.CaClient.Adcs;

/// <summary>
/// The CR_DISP_* values that Submit and RetrievePending return (certcli.h).
/// </summary>
internal enum CertRequestDisposition
{
    /// <summary>CR_DISP_INCOMPLETE: the request did not complete; ask again later.</summary>
    Incomplete = 0,

    /// <summary>CR_DISP_ERROR: the request failed; GetLastStatus says why.</summary>
    Error = 1,

    /// <summary>CR_DISP_DENIED: the CA refused; GetLastStatus and GetDispositionMessage say why.</summary>
    Denied = 2,

    /// <summary>CR_DISP_ISSUED.</summary>
    Issued = 3,

    /// <summary>CR_DISP_ISSUED_OUT_OF_BAND: issued separately.</summary>
    IssuedOutOfBand = 4,

    /// <summary>CR_DISP_UNDER_SUBMISSION: pending, typically for a CA manager's approval.</summary>
    UnderSubmission = 5,

    /// <summary>CR_DISP_REVOKED: issued, then revoked.</summary>
    Revoked = 6,
}
