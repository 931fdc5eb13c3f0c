// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Threading;
using CsCertificate.Common;

namespace CsCertificate.CaClient.Acme;

/// <summary>Adds and removes dns-01 TXT records: by RFC 2136 update, or through the -DnsScript.</summary>
internal interface IDnsChallengeUpdater
{
    /// <summary>Adds the records, which share one zone and server; records already there stay (a TXT name may hold several values).</summary>
    /// <exception cref="CsCertificateException">The server or script refused or failed; the error id says which.</exception>
    /// <exception cref="OperationCanceledException">The command was stopped.</exception>
    void Add(IReadOnlyList<AcmeChallengeRecord> records, CancellationToken cancel);

    /// <summary>Removes exactly these values; other values of the same names stay.</summary>
    /// <exception cref="CsCertificateException">The server or script refused or failed; the error id says which.</exception>
    /// <exception cref="OperationCanceledException">The command was stopped.</exception>
    void Remove(IReadOnlyList<AcmeChallengeRecord> records, CancellationToken cancel);
}
