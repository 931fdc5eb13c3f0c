// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using CsCertificate.Model;
using CsCertificate.Store;

namespace CsCertificate.Commands;

/// <summary>
/// Completes the -RequestId of Update-CsCertificate: the Issued requests, the only ones whose certificates it renews.
/// </summary>
public sealed class IssuedRequestIdCompleter : RequestIdCompleter
{
    /// <inheritdoc/>
    internal override bool Offers(RequestRecord record) => record.Status == nameof(RequestStatus.Issued);
}
