// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using CsCertificate.CaClient.Acme;

namespace CsCertificate.CaClient;

/// <summary>
/// Makes the CA client of a request: the engine's one seam to the CAs, so that it is tested with fake clients.
/// </summary>
internal interface ICaClientFactory
{
    /// <summary>The client for -CA: "host\CAName" is AD CS, an https:// URL an ACME directory.</summary>
    /// <param name="ca">-CA as typed.</param>
    /// <param name="account">-CaAccount: the AD CS account, or the ACME External Account Binding key id.</param>
    /// <param name="password">-CaPassword: its password, or the binding's HMAC key.</param>
    /// <param name="verbose">The verbose story.</param>
    /// <param name="challenge">How ACME challenges are answered; null for http-01.</param>
    /// <param name="warning">Where warnings go (a dns-01 record that could not be removed); the verbose story when null.</param>
    /// <exception cref="Common.CsCertificateException">
    /// The CA is in neither form, its kind cannot run on this platform, -CaPassword cannot be an ACME HMAC key, or a
    /// dns-01 setting is invalid.
    /// </exception>
    ICaClient Create(string ca, string? account, string? password, Action<string> verbose, AcmeChallengeOptions? challenge = null, Action<string>? warning = null);

    /// <summary>
    /// The client of a stored request (-Retrieve), from the CA it was made with. Errors name the request and the
    /// CA as stored, not a -CA the user did not type.
    /// </summary>
    /// <exception cref="Common.CsCertificateException">The stored CA is in neither form, or its kind cannot run on this platform.</exception>
    ICaClient CreateForStoredRequest(int requestId, string? ca, string? caRequestId, Action<string> verbose, AcmeChallengeOptions? challenge = null, Action<string>? warning = null);

    /// <summary>
    /// Whether a request made with this CA and -CaAccount needs -CaPassword again to be made again (a renewal,
    /// which has no password: none is ever stored). AD CS needs it for every request made under an account; an ACME
    /// server needs the External Account Binding only to register the account, which is kept once registered.
    /// </summary>
    bool NeedsPassword(string? ca, string? account);

    /// <summary>The client that can tell when a certificate of this CA should be renewed (ACME), or null for other CAs.</summary>
    /// <exception cref="Common.CsCertificateException">A setting of the ACME client is invalid.</exception>
    IRenewalInfoSource? RenewalInfoSource(string? ca, Action<string> verbose);

    /// <summary>
    /// Forgets what the clients keep about a request that is cleared (its ACME challenges), removing first the dns-01
    /// records it still has in DNS.
    /// </summary>
    void RemoveChallenges(int requestId, Action<string> verbose, Action<string> warning);
}
