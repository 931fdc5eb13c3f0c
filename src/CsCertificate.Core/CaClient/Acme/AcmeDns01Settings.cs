// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using CsCertificate.Common;
using CsCertificate.DnsProtocol;
using CsCertificate.Resources;

namespace CsCertificate.CaClient.Acme;

/// <summary>
/// How dns-01 is answered: the request's options (server, key file or script), the resolvers that lookups go
/// through (CSCERTIFICATE_DNS_RESOLVER, else the system's), the script runner the cmdlet supplies, and where
/// warnings go.
/// </summary>
internal sealed class AcmeDns01Settings
{
    /// <summary>The resolvers for lookups (zone, aliases, name servers), when the system's are not the right ones.</summary>
    public const string ResolverVariable = "CSCERTIFICATE_DNS_RESOLVER";

    public AcmeDns01Settings(AcmeChallengeOptions options, IReadOnlyList<DnsServerAddress>? resolvers, IDnsScriptRunner? scriptRunner, Action<string> warning)
    {
        Options = options;
        Resolvers = resolvers;
        ScriptRunner = scriptRunner;
        Warning = warning;
    }

    public AcmeChallengeOptions Options { get; }

    /// <summary>Gets the resolvers of CSCERTIFICATE_DNS_RESOLVER; null for the system's.</summary>
    public IReadOnlyList<DnsServerAddress>? Resolvers { get; }

    public IDnsScriptRunner? ScriptRunner { get; }

    public Action<string> Warning { get; }

    /// <summary>Gets how long one question may wait for its answer.</summary>
    public TimeSpan QueryTimeout { get; } = TimeSpan.FromSeconds(2);

    /// <summary>Gets how long one update may wait for its answer.</summary>
    public TimeSpan UpdateTimeout { get; } = TimeSpan.FromSeconds(5);

    /// <exception cref="CsCertificateException">CSCERTIFICATE_DNS_RESOLVER is not a list of servers.</exception>
    public static AcmeDns01Settings FromEnvironment(Func<string, string?> variable, AcmeChallengeOptions options, IDnsScriptRunner? scriptRunner, Action<string> warning)
    {
        string? text = variable(ResolverVariable);
        List<DnsServerAddress>? resolvers = null;
        if (!string.IsNullOrWhiteSpace(text))
        {
            resolvers = new List<DnsServerAddress>();
            foreach (string entry in text!.Split(new[] { ',', ';', ' ' }, StringSplitOptions.RemoveEmptyEntries))
            {
                resolvers.Add(DnsServerAddress.Parse(entry) ?? throw new CsCertificateException(
                    ErrorIds.InvalidSetting, ErrorKind.InvalidArgument, Messages.Format(Strings.AcmeSettingInvalid, ResolverVariable, text), ResolverVariable));
            }
        }

        return new AcmeDns01Settings(options, resolvers, scriptRunner, warning);
    }

    /// <summary>The resolvers: CSCERTIFICATE_DNS_RESOLVER's, else the system's (port 53).</summary>
    public IReadOnlyList<IPEndPoint> ResolverEndPoints(Action<string> verbose)
    {
        if (Resolvers == null)
        {
            return SystemResolvers();
        }

        var endPoints = new List<IPEndPoint>();
        foreach (DnsServerAddress resolver in Resolvers)
        {
            try
            {
                endPoints.Add(resolver.Resolve());
            }
            catch (DnsException ex)
            {
                verbose(ex.Message);
            }
        }

        return endPoints;
    }

    /// <summary>What updates a stored record: its script, or RFC 2136 signed with its key file.</summary>
    public IDnsChallengeUpdater UpdaterFor(AcmeChallengeRecord record, Action<string> verbose) =>
        record.DnsScript != null
            ? new ScriptChallengeUpdater(record.DnsScript, ScriptRunner ?? throw new InvalidOperationException("dns-01 by script needs a script runner."), verbose)
            : new Rfc2136ChallengeUpdater(record.DnsKeyPath, UpdateTimeout, () => DateTime.UtcNow);

    /// <summary>The DNS servers of the machine's network settings (on Linux and macOS, /etc/resolv.conf).</summary>
    private static IReadOnlyList<IPEndPoint> SystemResolvers()
    {
        var addresses = new List<IPAddress>();
        foreach (NetworkInterface adapter in NetworkInterface.GetAllNetworkInterfaces())
        {
            try
            {
                addresses.AddRange(adapter.GetIPProperties().DnsAddresses);
            }
            catch (NetworkInformationException)
            {
                // An adapter that cannot say: the others can.
            }
        }

        // Windows lists fec0:0:0:ffff::1-3 on adapters without IPv6 DNS servers: placeholders, never servers.
        return addresses.Where(a => !(a.AddressFamily == AddressFamily.InterNetworkV6 && a.IsIPv6SiteLocal))
            .Distinct()
            .Select(a => new IPEndPoint(a, DnsServerAddress.DefaultPort))
            .ToList();
    }
}
