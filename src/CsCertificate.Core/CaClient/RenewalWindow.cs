// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;

namespace CsCertificate.CaClient;

/// <summary>
/// The time a CA suggests for renewing a certificate (RFC 9773 suggestedWindow): renew at a time of the client's
/// choosing inside it, at once when its end has passed.
/// </summary>
internal sealed class RenewalWindow
{
    public RenewalWindow(DateTime start, DateTime end, string? explanationUrl)
    {
        Start = start;
        End = end;
        ExplanationUrl = explanationUrl;
    }

    /// <summary>Gets the start of the window (UTC).</summary>
    public DateTime Start { get; }

    /// <summary>Gets the end of the window (UTC), after its start.</summary>
    public DateTime End { get; }

    /// <summary>Gets the page where the CA explains the window (for example a revocation), if it gives one.</summary>
    public string? ExplanationUrl { get; }
}
