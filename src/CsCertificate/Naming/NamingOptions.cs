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
internal sealed class NamingOptions
{
    public NamingOptions(bool allSipDomain, IReadOnlyList<string> domainNames, KeyAlgorithmIdentifier keyAlgorithm, int keySize)
    {
        AllSipDomain = allSipDomain;
        DomainNames = domainNames;
        KeyAlgorithm = keyAlgorithm;
        KeySize = keySize;
    }

    /// <summary>Gets a value indicating whether every SIP domain is in scope, not only the default one.</summary>
    public bool AllSipDomain { get; }

    /// <summary>Gets the -DomainName entries (N), already split and trimmed.</summary>
    public IReadOnlyList<string> DomainNames { get; }

    public KeyAlgorithmIdentifier KeyAlgorithm { get; }

    public int KeySize { get; }

    /// <summary>Splits a -DomainName value on commas, trims each entry and drops empty ones.</summary>
    public static IReadOnlyList<string> SplitDomainNames(string? value) =>
        value == null
            ? Array.Empty<string>()
            : value.Split(',').Select(n => n.Trim()).Where(n => n.Length > 0).ToArray();
}
