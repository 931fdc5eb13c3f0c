// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System.Threading;

namespace CsCertificate.CaClient;

/// <summary>
/// A certification authority the module can submit to: AD CS over DCOM, or an ACME server.
/// Implementations report CA answers as <see cref="CaResult"/>; they throw only for a bad call. The token is the
/// command's stop (Ctrl+C): every wait and call ends soon after it is cancelled, with <see cref="CaOutcome.Stopped"/>.
/// </summary>
internal interface ICaClient
{
    /// <summary>Gets the CA as the user named it (-CA), for messages and the store.</summary>
    string Name { get; }

    /// <summary>
    /// Gets a value indicating whether the CA requires the Subject CN among the SAN entries (ACME and public CAs:
    /// RFC 8555 §7.4, CA/Browser Forum baseline requirements); AD CS does not.
    /// </summary>
    bool RequiresSubjectInAlternativeNames { get; }

    /// <summary>Sends a new request.</summary>
    CaResult Submit(CaSubmission submission, CancellationToken cancel);

    /// <summary>Asks again about a request the CA already holds (-Retrieve).</summary>
    /// <param name="caRequestId">The CA's id from an earlier <see cref="CaResult.CaRequestId"/>.</param>
    /// <param name="submission">The request itself, for CAs that finish an order with it (ACME finalize).</param>
    /// <param name="cancel">Cancelled when the command is stopped.</param>
    CaResult Poll(string caRequestId, CaSubmission submission, CancellationToken cancel);
}
