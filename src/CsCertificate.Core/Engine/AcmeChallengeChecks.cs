// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System.Collections.Generic;
using CsCertificate.CaClient;
using CsCertificate.CaClient.Acme;
using CsCertificate.Common;
using CsCertificate.DnsProtocol;
using CsCertificate.Model;
using CsCertificate.Resources;
using CsCertificate.Store;

namespace CsCertificate.Engine;

/// <summary>
/// The checks of -AcmeChallenge, -DnsServer, -DnsKeyPath and -DnsScript, made before a key is generated, and how
/// the request stores them (paths, never the key) so that -Retrieve answers the same way.
/// </summary>
internal static class AcmeChallengeChecks
{
    /// <exception cref="CsCertificateException">
    /// A DNS parameter without -AcmeChallenge Dns01, dns-01 for a request that does not go to an ACME CA, neither or
    /// both ways of updating DNS, a -DnsServer that is no host or address, a key file that is missing or holds no
    /// usable key, a script that is not there: each with its own error id.
    /// </exception>
    public static AcmeChallengeOptions Check(NewRequestOptions options)
    {
        var given = new List<string>();
        if (options.DnsServer != null)
        {
            given.Add("-DnsServer");
        }

        if (options.DnsKeyPath != null)
        {
            given.Add("-DnsKeyPath");
        }

        if (options.DnsScript != null)
        {
            given.Add("-DnsScript");
        }

        if (options.AcmeChallenge != AcmeChallengeType.Dns01)
        {
            if (given.Count > 0)
            {
                throw new CsCertificateException(ErrorIds.DnsParameterNeedsDns01, ErrorKind.InvalidArgument, Messages.Format(Strings.DnsParameterNeedsDns01, string.Join(", ", given)), given[0]);
            }

            return AcmeChallengeOptions.Http01;
        }

        if (options.OutputPath != null || options.CA == null || !CaClientFactory.IsAcmeDirectory(options.CA))
        {
            string destination = options.OutputPath != null || options.CA == null ? Strings.AcmeChallengeOfflineRequest : Messages.Format(Strings.AcmeChallengeOtherCa, options.CA);
            throw new CsCertificateException(ErrorIds.AcmeChallengeNotApplicable, ErrorKind.InvalidArgument, Messages.Format(Strings.AcmeChallengeNotApplicable, destination), "-AcmeChallenge");
        }

        if (options.DnsScript != null && given.Count > 1)
        {
            throw new CsCertificateException(ErrorIds.DnsUpdateMethodConflict, ErrorKind.InvalidArgument, Strings.DnsUpdateMethodConflict, "-DnsScript");
        }

        if (given.Count == 0)
        {
            throw new CsCertificateException(ErrorIds.DnsUpdateMethodMissing, ErrorKind.InvalidArgument, Strings.DnsUpdateMethodMissing, "-AcmeChallenge");
        }

        if (options.DnsServer != null && DnsServerAddress.Parse(options.DnsServer) == null)
        {
            throw new CsCertificateException(ErrorIds.InvalidDnsServer, ErrorKind.InvalidArgument, Messages.Format(Strings.InvalidDnsServer, options.DnsServer), options.DnsServer);
        }

        if (options.DnsKeyPath != null)
        {
            // Read now so that a bad key file is refused before a key is generated; it is read again when needed.
            TsigKeyFile.Read(options.DnsKeyPath);
        }

        if (options.DnsScript != null)
        {
            CheckScript(options.DnsScript);
        }

        return new AcmeChallengeOptions(AcmeChallengeType.Dns01, options.DnsServer?.Trim(), options.DnsKeyPath, options.DnsScript);
    }

    /// <summary>Writes the challenge options into a new request's record (nothing for http-01, the default).</summary>
    public static void Store(AcmeChallengeOptions challenge, RequestRecord record)
    {
        if (challenge.Type == AcmeChallengeType.Dns01)
        {
            record.AcmeChallenge = AcmeChallenge.Dns01;
            record.DnsServer = challenge.DnsServer;
            record.DnsKeyPath = challenge.DnsKeyPath;
            record.DnsScript = challenge.DnsScript;
        }
    }

    /// <summary>The challenge options a stored request was made with.</summary>
    public static AcmeChallengeOptions Stored(RequestRecord record) =>
        record.AcmeChallenge == AcmeChallenge.Dns01
            ? new AcmeChallengeOptions(AcmeChallengeType.Dns01, record.DnsServer, record.DnsKeyPath, record.DnsScript)
            : AcmeChallengeOptions.Http01;

    private static void CheckScript(string path)
    {
        IFileSystemNodes nodes = FileSystemNodes.Current;
        FileNodeType type = nodes.TypeOf(nodes.Resolve(path));
        if (type != FileNodeType.RegularFile || !path.EndsWith(".ps1", System.StringComparison.OrdinalIgnoreCase))
        {
            string reason = type == FileNodeType.Missing ? Strings.DnsScriptReasonMissing
                : type != FileNodeType.RegularFile ? FileSystemNodes.Describe(type)
                : Strings.DnsScriptReasonNotPs1;
            throw new CsCertificateException(ErrorIds.DnsScriptNotFound, type == FileNodeType.Missing ? ErrorKind.ObjectNotFound : ErrorKind.InvalidArgument, Messages.Format(Strings.DnsScriptNotFound, path, reason), path);
        }
    }
}
