// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;

namespace CsCertificate.CaClient.Adcs;

/// <summary>
/// Runs the calls made on the current thread under other credentials until the returned scope is disposed,
/// the way <c>runas /netonly</c> does: the local identity stays, the network uses the account.
/// </summary>
internal interface ICredentialScope
{
    /// <param name="account">DOMAIN\user or user@domain.</param>
    /// <param name="password">The account's password; it never appears in any message.</param>
    /// <returns>The scope; disposing it, on the same thread, ends the impersonation.</returns>
    /// <exception cref="Common.CsCertificateException">Windows refused the credentials (CaCredentialsRejected).</exception>
    IDisposable Enter(string account, string password);
}
