// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.Net;
using System.Text;

namespace CsCertificate.CaClient.Acme;

/// <summary>
/// An HTTP answer of an ACME server, with the headers the protocol uses.
/// </summary>
internal sealed class AcmeResponse
{
    public AcmeResponse(HttpStatusCode status, string? contentType, byte[] body, string? location, string? nonce, TimeSpan? retryAfter)
    {
        Status = status;
        ContentType = contentType;
        Body = body;
        Location = location;
        Nonce = nonce;
        RetryAfter = retryAfter;
    }

    public HttpStatusCode Status { get; }

    public string? ContentType { get; }

    public byte[] Body { get; }

    /// <summary>Gets the Location header: the account or order URL of a 201 answer.</summary>
    public string? Location { get; }

    /// <summary>Gets the Replay-Nonce header, the nonce for the next request.</summary>
    public string? Nonce { get; }

    /// <summary>Gets the Retry-After header, as a delay.</summary>
    public TimeSpan? RetryAfter { get; }

    public bool IsSuccess => (int)Status >= 200 && (int)Status < 300;

    public string Text => Encoding.UTF8.GetString(Body);
}
