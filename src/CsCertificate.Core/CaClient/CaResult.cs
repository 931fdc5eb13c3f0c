// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using CsCertificate.Common;

namespace CsCertificate.CaClient;

/// <summary>
/// The answer of a CA client to a submission or a poll.
/// </summary>
internal sealed record CaResult
{
    private CaResult(CaOutcome outcome, string? caRequestId, IReadOnlyList<byte[]> certificates, TimeSpan? retryAfter, string? code, string? message, bool newRequestNeeded = false)
    {
        NewRequestNeeded = newRequestNeeded;
        Outcome = outcome;
        CaRequestId = caRequestId;
        Certificates = certificates;
        RetryAfter = retryAfter;
        Code = code;
        Message = message;
    }

    public CaOutcome Outcome { get; }

    /// <summary>Gets the CA's own id of the request: an AD CS request id, or an ACME order URL.</summary>
    public string? CaRequestId { get; }

    /// <summary>Gets the issued certificate and its chain as DER, in no particular order; the key picks the leaf.</summary>
    public IReadOnlyList<byte[]> Certificates { get; }

    /// <summary>Gets how long the CA asked to wait before the next poll, if it said.</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>Gets the CA's code for the outcome: an HRESULT such as 0x80094800, or an ACME error type.</summary>
    public string? Code { get; }

    /// <summary>Gets the CA's words (disposition message, problem detail), or the client's explanation.</summary>
    public string? Message { get; }

    /// <summary>
    /// Gets a value indicating whether only a new request can fix a <see cref="CaOutcome.Misconfigured"/> answer: a
    /// parameter of -New is wrong (an External Account Binding), and -Retrieve sends the request as it was made.
    /// </summary>
    public bool NewRequestNeeded { get; }

    /// <summary>Gets the error id of a <see cref="ChallengeFailed"/> answer (DnsUpdateRefused, DnsScriptFailed, ...); null otherwise.</summary>
    public string? ErrorId { get; private set; }

    /// <summary>Gets the category of a <see cref="ChallengeFailed"/> answer.</summary>
    public ErrorKind ErrorKind { get; private set; }

    public static CaResult Issued(string? caRequestId, IReadOnlyList<byte[]> certificates) =>
        new CaResult(CaOutcome.Issued, caRequestId, certificates, null, null, null);

    public static CaResult Pending(string? caRequestId, TimeSpan? retryAfter = null, string? message = null) =>
        new CaResult(CaOutcome.Pending, caRequestId, Array.Empty<byte[]>(), retryAfter, null, message);

    public static CaResult Of(CaOutcome outcome, string? caRequestId, string? code, string? message) =>
        new CaResult(outcome, caRequestId, Array.Empty<byte[]>(), null, code, message);

    /// <summary>The CA cannot serve the request as -New made it: see <see cref="NewRequestNeeded"/>.</summary>
    public static CaResult NeedsNewRequest(string? caRequestId, string? code, string message) =>
        new CaResult(CaOutcome.Misconfigured, caRequestId, Array.Empty<byte[]>(), null, code, message, newRequestNeeded: true);

    /// <summary>
    /// The challenges could not be answered (dns-01: a DNS server or the script refused or failed): a
    /// <see cref="CaOutcome.Misconfigured"/> answer reported with its own error id, the request kept as it is.
    /// </summary>
    public static CaResult ChallengeFailed(string? caRequestId, string errorId, ErrorKind kind, string message) =>
        new CaResult(CaOutcome.Misconfigured, caRequestId, Array.Empty<byte[]>(), null, null, message) { ErrorId = errorId, ErrorKind = kind };

    /// <summary>The command was stopped; <paramref name="caRequestId"/> is the CA's id when the CA holds the request.</summary>
    public static CaResult Stopped(string? caRequestId) =>
        new CaResult(CaOutcome.Stopped, caRequestId, Array.Empty<byte[]>(), null, null, null);
}
