// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Linq;
using CsCertificate.Model;

namespace CsCertificate.Naming;

/// <summary>
/// The options of a request that change the names: -AllSipDomain, -DomainName, and the key (for the
/// OAuthTokenIssuer key-size warning).
/// </summary>
/// <param name="AllSipDomain">Whether every SIP domain is in scope, not only the default one.</param>
/// <param name="DomainNames">The -DomainName entries (N), already split and trimmed.</param>
/// <param name="KeyAlgorithm">The key algorithm.</param>
/// <param name="KeySize">The RSA key size.</param>
internal sealed record NamingOptions(bool AllSipDomain, IReadOnlyList<string> DomainNames, KeyAlgorithmIdentifier KeyAlgorithm, int KeySize)
{
    /// <summary>Splits a -DomainName value on commas, trims each entry and drops empty ones.</summary>
    public static IReadOnlyList<string> SplitDomainNames(string? value) =>
        value == null
            ? Array.Empty<string>()
            : value.Split(',').Select(n => n.Trim()).Where(n => n.Length > 0).ToArray();
}
