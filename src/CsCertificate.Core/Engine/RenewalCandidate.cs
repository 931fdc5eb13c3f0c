// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using CsCertificate.Common;
using CsCertificate.Store;

namespace CsCertificate.Engine;

/// <summary>
/// A request Update-CsCertificate looks at: an Issued request and the renewal an earlier run began for it, or why a
/// request it was given cannot be renewed.
/// </summary>
internal sealed class RenewalCandidate
{
    private RenewalCandidate(RequestRecord? request, RequestRecord? renewal, CsCertificateException? refusal)
    {
        Request = request;
        Renewal = renewal;
        Refusal = refusal;
    }

    /// <summary>Gets the Issued request whose certificate is renewed; null for a refusal.</summary>
    public RequestRecord? Request { get; }

    /// <summary>Gets the request that renews it, stored by an earlier run and not Issued yet; null when none was begun.</summary>
    public RequestRecord? Renewal { get; }

    /// <summary>Gets why a request that was asked for cannot be renewed; null for a candidate.</summary>
    public CsCertificateException? Refusal { get; }

    public static RenewalCandidate For(RequestRecord request, RequestRecord? renewal) => new RenewalCandidate(request, renewal, null);

    public static RenewalCandidate Refuse(CsCertificateException refusal) => new RenewalCandidate(null, null, refusal);
}
