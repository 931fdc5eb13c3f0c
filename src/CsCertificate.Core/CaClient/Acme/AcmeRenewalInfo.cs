// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.Globalization;
using System.Runtime.Serialization;

namespace CsCertificate.CaClient.Acme;

/// <summary>
/// A renewal information answer (RFC 9773 §4.2): GET &lt;renewalInfo&gt;/&lt;certID&gt; gives the window in which the
/// CA wants the certificate renewed, and perhaps a page that explains it.
/// </summary>
[DataContract]
internal sealed class AcmeRenewalInfo
{
    [DataMember(Name = "suggestedWindow")]
    public AcmeSuggestedWindow? SuggestedWindow { get; set; }

    [DataMember(Name = "explanationURL")]
    public string? ExplanationUrl { get; set; }

    /// <summary>The window in UTC, or null when a time is missing or unreadable, or the end is not after the start (RFC 9773 §4.2: such an answer is not a window).</summary>
    public RenewalWindow? ToWindow()
    {
        if (!TryParse(SuggestedWindow?.Start, out DateTime start) || !TryParse(SuggestedWindow?.End, out DateTime end) || end <= start)
        {
            return null;
        }

        return new RenewalWindow(start, end, ExplanationUrl);
    }

    private static bool TryParse(string? text, out DateTime utc)
    {
        bool parsed = DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out utc);
        utc = DateTime.SpecifyKind(utc, DateTimeKind.Utc);
        return parsed && text!.IndexOf('T') > 0;
    }
}
