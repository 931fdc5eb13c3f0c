// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Net;
using System.Threading;
using CsCertificate.DnsProtocol;
using CsCertificate.Resources;

namespace CsCertificate.CaClient.Acme;

/// <summary>
/// Waits until the dns-01 TXT records can be seen where a CA will look, instead of sleeping for a fixed time: at
/// the server that was updated and at every authoritative server of the zone (its NS records, port 53) that
/// answers, polled with short, growing pauses. A server that does not answer, or does not answer for the zone with
/// authority (a resolver, or another server on that address), is left out (the verbose story says so); when no
/// server of a zone answers (a script updated it, and its name servers are out of reach), the resolvers are asked
/// instead.
/// </summary>
internal sealed class AcmeDns01Visibility
{
    private static readonly TimeSpan s_firstPoll = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan s_longestPoll = TimeSpan.FromSeconds(1);

    private readonly DnsLookup _lookup;
    private readonly IReadOnlyList<IPEndPoint> _resolvers;
    private readonly TimeSpan _timeout;
    private readonly Action<string> _verbose;
    private readonly CancellationToken _cancel;
    private readonly Dictionary<string, List<Server>> _servers = new Dictionary<string, List<Server>>(StringComparer.Ordinal);

    public AcmeDns01Visibility(DnsLookup lookup, IReadOnlyList<IPEndPoint> resolvers, TimeSpan timeout, Action<string> verbose, CancellationToken cancel)
    {
        _lookup = lookup;
        _resolvers = resolvers;
        _timeout = timeout;
        _verbose = verbose;
        _cancel = cancel;
    }

    /// <summary>Waits until every record is seen at every server of its zone that answers, or the time is up.</summary>
    /// <param name="records">The records, each with its zone and (RFC 2136) the server that was updated.</param>
    /// <param name="left">How long the command may still wait.</param>
    /// <returns>Null when every record was seen; else which records were not seen, and where.</returns>
    /// <exception cref="OperationCanceledException">The command was stopped.</exception>
    public string? Wait(IReadOnlyList<AcmeChallengeRecord> records, Func<TimeSpan> left)
    {
        var clock = Stopwatch.StartNew();
        var seen = new HashSet<(AcmeChallengeRecord, Server)>();
        var uncheckable = new HashSet<string>(StringComparer.Ordinal);
        TimeSpan poll = s_firstPoll;
        while (true)
        {
            var missing = new List<string>();
            foreach (IGrouping<string, AcmeChallengeRecord> zone in records.GroupBy(r => r.Zone!, StringComparer.Ordinal).Where(z => !uncheckable.Contains(z.Key)))
            {
                List<Server> servers = ServersOf(zone.Key, zone.First().DnsServer);
                foreach (Server server in servers.Where(s => s.Answers))
                {
                    foreach (AcmeChallengeRecord record in zone.Where(r => !seen.Contains((r, server))))
                    {
                        if (Shows(server, record))
                        {
                            seen.Add((record, server));
                        }
                        else if (server.Answers)
                        {
                            missing.Add(Messages.Format(Strings.DnsRecordMissingAt, record.TxtName, server.Name));
                        }
                        else
                        {
                            break;
                        }
                    }
                }

                if (servers.All(s => !s.Answers))
                {
                    if (AddResolvers(zone.Key, servers))
                    {
                        missing.Add(zone.Key);
                    }
                    else
                    {
                        uncheckable.Add(zone.Key);
                        _verbose(Messages.Format(Strings.DnsVisibilityUnchecked, zone.Key));
                    }
                }
            }

            if (missing.Count == 0)
            {
                _verbose(Messages.Format(Strings.DnsRecordsVisible, records.Count, (int)clock.Elapsed.TotalMilliseconds));
                return null;
            }

            TimeSpan remaining = left();
            if (remaining <= TimeSpan.Zero)
            {
                return string.Join("; ", missing.Distinct().Take(3)) + (missing.Count > 3 ? " …" : string.Empty);
            }

            if (_cancel.WaitHandle.WaitOne(poll < remaining ? poll : remaining))
            {
                _cancel.ThrowIfCancellationRequested();
            }

            poll = poll + poll < s_longestPoll ? poll + poll : s_longestPoll;
        }
    }

    /// <summary>The servers a zone's records are checked at: the one updated, then the zone's name servers.</summary>
    private List<Server> ServersOf(string zone, string? updated)
    {
        if (_servers.TryGetValue(zone, out List<Server>? known))
        {
            return known;
        }

        var servers = new List<Server>();
        DnsServerAddress? address = updated == null ? null : DnsServerAddress.Parse(updated);
        if (address != null)
        {
            try
            {
                servers.Add(new Server(updated!, address.Resolve(), authoritative: true));
            }
            catch (DnsException ex)
            {
                _verbose(ex.Message);
            }
        }

        try
        {
            foreach (KeyValuePair<string, IPEndPoint> nameServer in _lookup.NameServers(zone))
            {
                if (!servers.Any(s => s.EndPoint.Equals(nameServer.Value)))
                {
                    servers.Add(new Server(nameServer.Key + " (" + nameServer.Value + ")", nameServer.Value, authoritative: true));
                }
            }
        }
        catch (DnsException ex)
        {
            _verbose(ex.Message);
        }

        _servers[zone] = servers;
        return servers;
    }

    /// <summary>When no server of a zone answers, its records are checked through the resolvers, once.</summary>
    /// <returns>Whether resolvers were added.</returns>
    private bool AddResolvers(string zone, List<Server> servers)
    {
        List<IPEndPoint> fresh = _resolvers.Where(r => !servers.Any(s => s.EndPoint.Equals(r))).ToList();
        if (fresh.Count == 0)
        {
            return false;
        }

        _verbose(Messages.Format(Strings.DnsCheckingThroughResolvers, zone, string.Join(", ", fresh)));
        servers.AddRange(fresh.Select(r => new Server(r.ToString(), r, authoritative: false)));
        return true;
    }

    /// <summary>Whether a server shows a record's value now; a server that fails to answer is marked so.</summary>
    private bool Shows(Server server, AcmeChallengeRecord record)
    {
        DnsMessage answer;
        try
        {
            answer = DnsLookup.Ask(server.EndPoint, record.TxtName!, DnsRecordType.TXT, _timeout, _cancel);
        }
        catch (DnsException ex)
        {
            server.Answers = false;
            _verbose(Messages.Format(Strings.DnsServerNotChecked, server.Name, ex.Message));
            return false;
        }

        if (answer.ResponseCode != DnsResponseCode.NoError && answer.ResponseCode != DnsResponseCode.NXDomain)
        {
            server.Answers = false;
            _verbose(Messages.Format(Strings.DnsServerNotChecked, server.Name, answer.ResponseCode.ToString().ToUpperInvariant()));
            return false;
        }

        if (server.Authoritative && !answer.IsAuthoritative)
        {
            server.Answers = false;
            _verbose(Messages.Format(Strings.DnsServerNotChecked, server.Name, Strings.DnsReasonNotAuthoritative));
            return false;
        }

        return answer.Answers.Any(r => r.Type == DnsRecordType.TXT && DnsName.AreEqual(r.Name, record.TxtName!) && string.Concat(r.Texts) == record.TxtValue);
    }

    private sealed class Server
    {
        public Server(string name, IPEndPoint endPoint, bool authoritative)
        {
            Name = name;
            EndPoint = endPoint;
            Authoritative = authoritative;
        }

        public string Name { get; }

        public IPEndPoint EndPoint { get; }

        /// <summary>Gets a value indicating whether the server must answer with authority (the zone's servers; not the resolvers).</summary>
        public bool Authoritative { get; }

        public bool Answers { get; set; } = true;
    }
}
