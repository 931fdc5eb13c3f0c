// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.Threading;

namespace CsCertificate.CaClient;

/// <summary>
/// A CA that can say when a certificate it issued should be renewed: an ACME server whose directory offers
/// renewalInfo (RFC 9773, ACME Renewal Information).
/// </summary>
internal interface IRenewalInfoSource
{
    /// <summary>Asks the CA for the renewal window of a certificate.</summary>
    /// <param name="certificateId">The certificate's RFC 9773 identifier.</param>
    /// <param name="cancel">Cancelled when the command is stopped.</param>
    /// <returns>The window, or null when the CA offers none, could not be asked, or answered what is not a window (the client's verbose story says which).</returns>
    /// <exception cref="OperationCanceledException">The command was stopped.</exception>
    RenewalWindow? GetRenewalWindow(string certificateId, CancellationToken cancel);
}
