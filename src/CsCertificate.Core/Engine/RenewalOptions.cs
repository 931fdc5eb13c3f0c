// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.Linq;
using CsCertificate.Model;
using CsCertificate.Store;

namespace CsCertificate.Engine;

/// <summary>
/// What a renewal replays: the one place where a stored request becomes the options of a new request. A parameter
/// of -New that the store keeps is mapped here and nowhere else.
/// </summary>
internal static class RenewalOptions
{
    /// <summary>The -New that made <paramref name="record"/>, to be made again with a new key and the topology as it is now.</summary>
    /// <param name="record">The Issued request to renew.</param>
    /// <param name="requestFile">Where an offline renewal writes its request (next to the renewed request's file); null for a request made with a CA.</param>
    /// <returns>
    /// The options; the caller may replace <see cref="NewRequestOptions.TopologyPaths"/> (-TopologyPath) and sets
    /// <see cref="NewRequestOptions.ReportFiles"/>. A generated friendly name is left out, so it is generated again
    /// with a fresh date; -CaPassword is never stored.
    /// </returns>
    public static NewRequestOptions FromRecord(RequestRecord record, string? requestFile) => new NewRequestOptions
    {
        Types = record.CertificateUses.Select(u => (CertType)Enum.Parse(typeof(CertType), u)).ToArray(),
        ComputerFqdn = record.ComputerFqdn,
        DomainName = record.DomainName,
        AllSipDomain = record.AllSipDomain,

        // An offline request keeps the -CA given with -Output, which it never used.
        CA = requestFile == null ? record.CA : null,
        CaAccount = record.CaAccount,
        Organization = record.Organization,
        OrganizationalUnit = record.OrganizationalUnit,
        City = record.City,
        State = record.State,
        Country = record.Country,
        FriendlyName = record.GivenFriendlyName,
        KeyAlgorithm = (KeyAlgorithmIdentifier)Enum.Parse(typeof(KeyAlgorithmIdentifier), record.KeyAlgorithm),
        KeySize = record.KeyAlgorithm == nameof(KeyAlgorithmIdentifier.RSA) ? record.KeySize : (int?)null,
        ClientEku = record.ClientEku,
        PrivateKeyExportable = record.PrivateKeyExportable,
        Template = record.Template,
        OutputPath = requestFile,
        TopologyPaths = record.TopologyPaths ?? Array.Empty<string>(),

        // dns-01 answers the renewal's challenges as it answered the request's (paths only: the key stays in its file).
        AcmeChallenge = AcmeChallengeChecks.Stored(record).Type,
        DnsServer = record.DnsServer,
        DnsKeyPath = record.DnsKeyPath,
        DnsScript = record.DnsScript,
    };
}
