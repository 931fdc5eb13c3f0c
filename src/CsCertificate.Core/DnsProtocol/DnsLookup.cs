// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Threading;
using CsCertificate.Resources;

namespace CsCertificate.DnsProtocol;

/// <summary>
/// Asks a list of servers in turn (the server that takes the updates first, then the resolvers): the first that
/// answers with NOERROR or NXDOMAIN is believed. A server that does not answer is not asked again by this
/// lookup; one that refuses a name (it does not serve it and does not recurse) is passed over for that name.
/// </summary>
internal sealed class DnsLookup
{
    private const int MaxAliases = 8;

    private readonly IReadOnlyList<IPEndPoint> _servers;
    private readonly TimeSpan _timeout;
    private readonly Action<string> _verbose;
    private readonly CancellationToken _cancel;
    private readonly HashSet<IPEndPoint> _silent = new HashSet<IPEndPoint>();

    public DnsLookup(IReadOnlyList<IPEndPoint> servers, TimeSpan timeout, Action<string> verbose, CancellationToken cancel)
    {
        _servers = servers;
        _timeout = timeout;
        _verbose = verbose;
        _cancel = cancel;
    }

    /// <summary>Asks one server one question and returns its answer, whatever its response code.</summary>
    /// <exception cref="DnsException">No answer in time, or not DNS.</exception>
    /// <exception cref="OperationCanceledException">The command was stopped.</exception>
    public static DnsMessage Ask(IPEndPoint server, string name, DnsRecordType type, TimeSpan timeout, CancellationToken cancel)
    {
        DnsMessage query = DnsMessage.Query(DnsQueryId.Next(), name, type);
        byte[] wire = DnsTransport.Exchange(server, query.ToWire(), timeout, cancel);
        DnsMessage answer;
        try
        {
            answer = DnsMessage.Parse(wire);
        }
        catch (FormatException ex)
        {
            throw new DnsException(Messages.Format(Strings.DnsAnswerUnreadable, server, ex.Message), ex);
        }

        if (answer.Questions.Count != 1 || !DnsName.AreEqual(answer.Questions[0].Name, name) || answer.Questions[0].Type != type)
        {
            throw new DnsException(Messages.Format(Strings.DnsAnswerUnreadable, server, Strings.DnsReasonNotAnAnswer));
        }

        return answer;
    }

    /// <summary>The answer of the first server that answers NOERROR or NXDOMAIN.</summary>
    /// <exception cref="DnsException">No server gave such an answer; the message says what each did.</exception>
    public DnsMessage Ask(string name, DnsRecordType type)
    {
        var failures = new List<string>();
        foreach (IPEndPoint server in _servers)
        {
            if (_silent.Contains(server))
            {
                continue;
            }

            DnsMessage answer;
            try
            {
                answer = Ask(server, name, type, _timeout, _cancel);
            }
            catch (DnsException ex)
            {
                _silent.Add(server);
                failures.Add(ex.Message);
                _verbose(ex.Message);
                continue;
            }

            if (answer.ResponseCode == DnsResponseCode.NoError || answer.ResponseCode == DnsResponseCode.NXDomain)
            {
                return answer;
            }

            failures.Add(Messages.Format(Strings.DnsServerAnswered, server, answer.ResponseCode.ToString().ToUpperInvariant(), name, type));
        }

        throw new DnsException(Messages.Format(Strings.DnsNobodyAnswered, name, type, failures.Count == 0 ? Strings.DnsReasonNoServers : string.Join("; ", failures)));
    }

    /// <summary>
    /// Follows CNAME records from a name (RFC 1034 §3.6.2): where dns-01 challenge delegation points
    /// _acme-challenge.&lt;name&gt; to a name in a zone that may be updated.
    /// </summary>
    /// <returns>The last name of the chain: the name itself when it is no alias.</returns>
    /// <exception cref="DnsException">No server answered, or the chain loops or is too long.</exception>
    public string FollowAliases(string name)
    {
        string current = DnsName.Normalize(name);
        var seen = new HashSet<string>(StringComparer.Ordinal) { current };
        for (int i = 0; i < MaxAliases; i++)
        {
            DnsRecord? alias = Ask(current, DnsRecordType.CNAME).Answers.FirstOrDefault(r => r.Type == DnsRecordType.CNAME && DnsName.AreEqual(r.Name, current));
            if (alias?.Target == null)
            {
                return current;
            }

            current = DnsName.Normalize(alias.Target);
            if (!seen.Add(current))
            {
                throw new DnsException(Messages.Format(Strings.DnsAliasLoop, name, current));
            }
        }

        throw new DnsException(Messages.Format(Strings.DnsAliasTooLong, name, MaxAliases));
    }

    /// <summary>
    /// The zone that holds a name: its SOA, asked for the name and then each name above it. A negative answer
    /// names the zone in its authority section, which ends the walk early.
    /// </summary>
    /// <returns>The zone, or null when there is none below the root.</returns>
    /// <exception cref="DnsException">No server answered.</exception>
    public string? FindZone(string name)
    {
        for (string? candidate = DnsName.Normalize(name); !string.IsNullOrEmpty(candidate); candidate = DnsName.Parent(candidate!))
        {
            DnsMessage answer = Ask(candidate!, DnsRecordType.SOA);
            if (answer.Answers.Any(r => r.Type == DnsRecordType.SOA && DnsName.AreEqual(r.Name, candidate!)))
            {
                return candidate;
            }

            DnsRecord? authority = answer.Authority.FirstOrDefault(r => r.Type == DnsRecordType.SOA && DnsName.IsAtOrBelow(candidate!, r.Name));
            if (authority != null)
            {
                string zone = DnsName.Normalize(authority.Name);
                return zone.Length == 0 ? null : zone;
            }
        }

        return null;
    }

    /// <summary>The zone's primary server: the MNAME of its SOA record (RFC 1035 §3.3.13).</summary>
    /// <exception cref="DnsException">No server answered, or the zone has no SOA.</exception>
    public string PrimaryServer(string zone)
    {
        DnsRecord? soa = Ask(zone, DnsRecordType.SOA).Answers.FirstOrDefault(r => r.Type == DnsRecordType.SOA && DnsName.AreEqual(r.Name, zone));
        return soa?.Target == null || DnsName.Normalize(soa.Target).Length == 0
            ? throw new DnsException(Messages.Format(Strings.DnsNoPrimary, zone))
            : DnsName.Normalize(soa.Target);
    }

    /// <summary>The zone's authoritative servers on port 53, by name: the addresses of its NS records.</summary>
    /// <exception cref="DnsException">No server answered the NS question.</exception>
    public IReadOnlyList<KeyValuePair<string, IPEndPoint>> NameServers(string zone)
    {
        DnsMessage answer = Ask(zone, DnsRecordType.NS);
        var servers = new List<KeyValuePair<string, IPEndPoint>>();
        foreach (string host in answer.Answers.Where(r => r.Type == DnsRecordType.NS && r.Target != null && DnsName.AreEqual(r.Name, zone)).Select(r => DnsName.Normalize(r.Target!)).Distinct())
        {
            foreach (IPAddress address in Addresses(host, answer))
            {
                servers.Add(new KeyValuePair<string, IPEndPoint>(host, new IPEndPoint(address, DnsServerAddress.DefaultPort)));
            }
        }

        return servers;
    }

    /// <summary>A host's addresses: from the answer's additional section (glue), else asked for, else the system resolver's.</summary>
    private IEnumerable<IPAddress> Addresses(string host, DnsMessage answer)
    {
        List<IPAddress> addresses = Glue(answer, host);
        if (addresses.Count > 0)
        {
            return addresses;
        }

        try
        {
            addresses = Glue(Ask(host, DnsRecordType.A), host);
        }
        catch (DnsException ex)
        {
            _verbose(ex.Message);
        }

        if (addresses.Count > 0)
        {
            return addresses;
        }

        try
        {
            DnsServerAddress? server = DnsServerAddress.Parse(host);
            return server == null ? Array.Empty<IPAddress>() : new[] { server.Resolve().Address };
        }
        catch (DnsException ex)
        {
            _verbose(ex.Message);
            return Array.Empty<IPAddress>();
        }
    }

    private static List<IPAddress> Glue(DnsMessage answer, string host) =>
        answer.Answers.Concat(answer.Additional).Where(r => (r.Type == DnsRecordType.A || r.Type == DnsRecordType.AAAA) && r.Address != null && DnsName.AreEqual(r.Name, host)).Select(r => r.Address!).Distinct().ToList();
}
