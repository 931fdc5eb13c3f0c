// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using CsCertificate.Common;
using CsCertificate.DnsProtocol;
using CsCertificate.Resources;

namespace CsCertificate.CaClient.Acme;

/// <summary>
/// The dns-01 side of one command's wait for an order (RFC 8555 §8.4): for every pending authorization the TXT
/// value base64url(SHA-256(key authorization)) at _acme-challenge.&lt;name&gt; (the base name of a wildcard), where
/// a CNAME there points (challenge delegation), in the zone found by its SOA. The records are kept in the data
/// folder before they are added, added with one update per zone (or the script, once per record), checked to be
/// visible at the updated server and the zone's name servers, and only then is the CA told to validate. Every
/// record this command added is removed when its order is decided and when the command ends, however it ends.
/// Records that a killed command left for this request are taken over when they answer a challenge this command
/// answers too (the CA may be validating them at this moment), and removed otherwise.
/// </summary>
internal sealed class AcmeDns01Validation : IAcmeChallengeValidation
{
    private readonly AcmeDns01Settings _dns;
    private readonly AcmeChallengeStore _store;
    private readonly int _requestId;
    private readonly Action<string> _verbose;
    private readonly CancellationToken _cancel;
    private readonly TimeSpan _wait;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly DnsLookup _lookup;
    private readonly AcmeDns01Visibility _visibility;
    private readonly Dictionary<string, AcmeChallengeRecord> _published = new Dictionary<string, AcmeChallengeRecord>(StringComparer.Ordinal);
    private readonly HashSet<string> _answered = new HashSet<string>(StringComparer.Ordinal);
    private readonly HashSet<string> _pending = new HashSet<string>(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _targets = new Dictionary<string, string>(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _zones = new Dictionary<string, string>(StringComparer.Ordinal);
    private readonly Dictionary<string, string?> _servers = new Dictionary<string, string?>(StringComparer.Ordinal);
    private bool _leftoversSettled;

    /// <param name="settings">The ACME settings: the wait bounds how long records may take to become visible.</param>
    /// <param name="dns">How the records are added and looked up.</param>
    /// <param name="store">The challenges of the data folder.</param>
    /// <param name="requestId">The store's id of the request.</param>
    /// <param name="verbose">The verbose story.</param>
    /// <param name="cancel">The command's stop.</param>
    public AcmeDns01Validation(AcmeSettings settings, AcmeDns01Settings dns, AcmeChallengeStore store, int requestId, Action<string> verbose, CancellationToken cancel)
    {
        _dns = dns;
        _store = store;
        _requestId = requestId;
        _verbose = verbose;
        _cancel = cancel;
        _wait = settings.Wait;
        IReadOnlyList<IPEndPoint> resolvers = dns.ResolverEndPoints(verbose);
        var lookupServers = new List<IPEndPoint>();
        DnsServerAddress? updated = dns.Options.DnsServer == null ? null : DnsServerAddress.Parse(dns.Options.DnsServer);
        if (updated != null)
        {
            try
            {
                lookupServers.Add(updated.Resolve());
            }
            catch (DnsException ex)
            {
                verbose(ex.Message);
            }
        }

        lookupServers.AddRange(resolvers.Where(r => !lookupServers.Contains(r)));
        _lookup = new DnsLookup(lookupServers, dns.QueryTimeout, verbose, cancel);
        _visibility = new AcmeDns01Visibility(_lookup, resolvers, dns.QueryTimeout, verbose, cancel);
    }

    /// <summary>The TXT value of a key authorization (RFC 8555 §8.4).</summary>
    public static string TxtValue(string keyAuthorization)
    {
        using SHA256 sha = SHA256.Create();
        return Base64Url.Encode(sha.ComputeHash(Encoding.ASCII.GetBytes(keyAuthorization)));
    }

    /// <summary>
    /// Removes the TXT records of a request that are still published (a killed command left them, or their removal
    /// failed): before this command answers anything, and when the request is cleared.
    /// </summary>
    public static void RemoveLeftovers(AcmeChallengeStore store, int requestId, AcmeDns01Settings dns, Action<string> verbose, bool forget)
    {
        List<AcmeChallengeRecord> leftovers = store.All().Where(r => r.Type == AcmeChallenge.Dns01 && r.RequestId == requestId && r.Published).ToList();
        if (leftovers.Count > 0)
        {
            verbose(Messages.Format(Strings.DnsRemovingLeftovers, leftovers.Count, requestId));
            Withdraw(store, leftovers, dns, verbose, forget);
        }
    }


    public CaResult? Answer(AcmeSession session, string orderUrl, AcmeOrder order)
    {
        try
        {
            return AnswerAll(session, orderUrl, order);
        }
        catch (CsCertificateException ex) when (ex.ErrorId != ErrorIds.CaUnreachable)
        {
            return CaResult.ChallengeFailed(orderUrl, ex.ErrorId, ex.Kind, ex.Message);
        }
        catch (DnsException ex)
        {
            return CaResult.ChallengeFailed(orderUrl, ErrorIds.DnsServerUnreachable, ErrorKind.ResourceUnavailable, Messages.Format(Strings.DnsLookupFailed, ex.Message));
        }
    }

    /// <summary>The order is decided (or gone): its records are removed, and its challenges forgotten.</summary>
    public void Finished(string orderUrl)
    {
        SettleLeftovers(Array.Empty<AcmeChallengeRecord>());
        _pending.Clear();
        List<AcmeChallengeRecord> records = _store.All().Where(r => r.Order == orderUrl).ToList();
        Withdraw(_store, records.Where(r => r.Type == AcmeChallenge.Dns01 && r.Published).ToList(), _dns, _verbose, forget: true);
        foreach (AcmeChallengeRecord record in records.Where(r => !r.Published))
        {
            _store.Remove(record.Token!);
        }

        foreach (string token in records.Select(r => r.Token!))
        {
            _published.Remove(token);
        }
    }

    /// <summary>Removes every record this command still has in DNS; challenges still pending are marked as left unanswered.</summary>
    public void Dispose()
    {
        SettleLeftovers(Array.Empty<AcmeChallengeRecord>());
        if (_published.Count > 0)
        {
            Withdraw(_store, _published.Values.ToList(), _dns, _verbose, forget: false);
            _published.Clear();
        }

        _store.MarkLeftUnanswered(_pending, DateTime.UtcNow, _verbose);
    }

    /// <summary>
    /// Once per command, what an earlier command of this request left in DNS: a record that is exactly one this
    /// command needs (same challenge, name and value) is kept as this command's own, since removing it and adding it
    /// again would leave a moment in which a CA already validating finds nothing; every other one is removed.
    /// </summary>
    private void SettleLeftovers(IReadOnlyList<AcmeChallengeRecord> needed)
    {
        if (_leftoversSettled)
        {
            return;
        }

        _leftoversSettled = true;
        var wanted = new HashSet<(string?, string?, string?)>(needed.Select(r => (r.Token, r.TxtName, r.TxtValue)));
        List<AcmeChallengeRecord> leftovers = _store.All().Where(r => r.Type == AcmeChallenge.Dns01 && r.RequestId == _requestId && r.Published && !_published.ContainsKey(r.Token!)).ToList();
        List<AcmeChallengeRecord> kept = leftovers.Where(r => wanted.Contains((r.Token, r.TxtName, r.TxtValue))).ToList();
        if (kept.Count > 0)
        {
            _verbose(Messages.Format(Strings.DnsKeepingLeftovers, kept.Count, _requestId));
            foreach (AcmeChallengeRecord record in kept)
            {
                _published[record.Token!] = record;
                _pending.Add(record.Token!);
            }
        }

        List<AcmeChallengeRecord> stale = leftovers.Except(kept).ToList();
        if (stale.Count > 0)
        {
            _verbose(Messages.Format(Strings.DnsRemovingLeftovers, stale.Count, _requestId));
            Withdraw(_store, stale, _dns, _verbose, forget: false);
        }
    }

    /// <summary>
    /// Removes records from DNS, grouped by how they were added (the key file or script, the zone and server, as
    /// each record keeps them). A removal that fails is a warning, and its record stays marked as published, so
    /// that -Retrieve or -Clear of the request tries again. The command's stop does not cut it short: records are
    /// removed also after Ctrl+C, each update bounded by its timeout.
    /// </summary>
    private static void Withdraw(AcmeChallengeStore store, IReadOnlyList<AcmeChallengeRecord> records, AcmeDns01Settings dns, Action<string> verbose, bool forget)
    {
        foreach (IGrouping<(string?, string?, string?, string?), AcmeChallengeRecord> group in records.GroupBy(r => (r.DnsScript, r.DnsKeyPath, r.Zone, r.DnsServer)))
        {
            List<AcmeChallengeRecord> batch = group.ToList();
            verbose(Messages.Format(Strings.DnsRemoving, batch.Count, batch[0].Zone, Where(batch[0])));
            try
            {
                dns.UpdaterFor(batch[0], verbose).Remove(batch, CancellationToken.None);
            }
            catch (Exception ex) when (ex is CsCertificateException || ex is OperationCanceledException)
            {
                dns.Warning(Messages.Format(Strings.DnsRecordsNotRemoved, string.Join(", ", batch.Select(r => r.TxtName).Distinct()), batch[0].Zone, ex.Message, batch[0].RequestId));
                continue;
            }

            foreach (AcmeChallengeRecord record in batch)
            {
                if (forget)
                {
                    store.Remove(record.Token!);
                }
                else
                {
                    record.Published = false;
                    store.Save(record);
                }
            }
        }
    }

    private static string Where(AcmeChallengeRecord record) =>
        record.DnsScript != null ? Messages.Format(Strings.DnsThroughScript, record.DnsScript) : record.DnsServer!;

    private CaResult? AnswerAll(AcmeSession session, string orderUrl, AcmeOrder order)
    {
        var answers = new List<(AcmeChallenge Challenge, AcmeChallengeRecord Record)>();
        foreach (string authorizationUrl in (order.Authorizations ?? Array.Empty<string>()).Take(AcmeHttp01Validation.MaxAuthorizations))
        {
            AcmeAuthorization authorization = session.Get<AcmeAuthorization>(authorizationUrl);
            if (authorization.Status != "pending")
            {
                continue;
            }

            string name = authorization.Identifier?.Value ?? authorizationUrl;
            AcmeChallenge? challenge = authorization.Challenges?.FirstOrDefault(c => c.Type == AcmeChallenge.Dns01);
            if (challenge?.Url == null || challenge.Token == null)
            {
                return CaResult.Of(CaOutcome.Misconfigured, orderUrl, null, Messages.Format(Strings.AcmeNoDns01, name));
            }

            if (!AcmeChallengeStore.IsToken(challenge.Token))
            {
                throw AcmeProblem.Unreadable(Messages.Format(Strings.AcmeTokenInvalid, name));
            }

            answers.Add((challenge, Describe(session, orderUrl, authorizationUrl, authorization, challenge, name)));
        }

        SettleLeftovers(answers.Select(a => a.Record).ToList());
        if (answers.Count == 0)
        {
            return null;
        }

        Publish(answers.Select(a => a.Record).Where(r => !_published.ContainsKey(r.Token!)).ToList());
        string? missing = _visibility.Wait(answers.Select(a => a.Record).ToList(), () => _wait - _clock.Elapsed);
        if (missing != null)
        {
            return CaResult.Pending(orderUrl, null, Messages.Format(Strings.DnsRecordsNotVisible, (int)_wait.TotalSeconds, missing));
        }

        foreach ((AcmeChallenge challenge, AcmeChallengeRecord record) in answers)
        {
            if (challenge.Status == "pending" && _answered.Add(challenge.Url!))
            {
                _verbose(Messages.Format(Strings.AcmeAnsweringDnsChallenge, record.Identifier));
                session.Post(challenge.Url!, "{}");
            }
        }

        return null;
    }

    /// <summary>The record that answers a challenge: its name (after aliases), value, zone, and how it is added.</summary>
    private AcmeChallengeRecord Describe(AcmeSession session, string orderUrl, string authorizationUrl, AcmeAuthorization authorization, AcmeChallenge challenge, string name)
    {
        string recordName = "_acme-challenge." + DnsName.Normalize(name);
        if (!_targets.TryGetValue(recordName, out string? target))
        {
            target = _lookup.FollowAliases(recordName);
            _targets[recordName] = target;
            if (target != recordName)
            {
                _verbose(Messages.Format(Strings.DnsAliasFollowed, recordName, target));
            }
        }

        if (!_zones.TryGetValue(target, out string? zone))
        {
            zone = _lookup.FindZone(target) ?? throw new CsCertificateException(ErrorIds.DnsZoneNotFound, ErrorKind.ObjectNotFound, Messages.Format(Strings.DnsZoneNotFound, target), target);
            _zones[target] = zone;
        }

        if (!_servers.TryGetValue(zone, out string? server))
        {
            server = _dns.Options.DnsScript != null ? null : _dns.Options.DnsServer ?? _lookup.PrimaryServer(zone);
            _servers[zone] = server;
            _verbose(Messages.Format(Strings.DnsZoneFound, target, zone, server ?? Messages.Format(Strings.DnsThroughScript, _dns.Options.DnsScript)));
        }

        string keyAuthorization = challenge.Token + "." + session.Key.Thumbprint;
        return new AcmeChallengeRecord
        {
            Type = AcmeChallenge.Dns01,
            Token = challenge.Token,
            KeyAuthorization = keyAuthorization,
            Identifier = authorization.Wildcard ? "*." + name : name,
            Authorization = authorizationUrl,
            Order = orderUrl,
            RequestId = _requestId,
            Expires = authorization.Expires,
            TxtName = target,
            TxtValue = TxtValue(keyAuthorization),
            Zone = zone,
            DnsServer = server,
            DnsKeyPath = _dns.Options.DnsScript == null ? _dns.Options.DnsKeyPath : null,
            DnsScript = _dns.Options.DnsScript,
            Published = true,
        };
    }

    /// <summary>
    /// Adds the records, one update per zone (a TXT name may get several values: the name and its wildcard). Each
    /// is kept in the data folder first, so that a command killed meanwhile leaves a note of what to remove.
    /// </summary>
    private void Publish(IReadOnlyList<AcmeChallengeRecord> records)
    {
        if (records.Count == 0)
        {
            return;
        }

        _store.RemoveExpired(DateTime.UtcNow);
        foreach (AcmeChallengeRecord record in records)
        {
            _store.Save(record);
            _published[record.Token!] = record;
            _pending.Add(record.Token!);
        }

        foreach (IGrouping<(string?, string?), AcmeChallengeRecord> group in records.GroupBy(r => (r.Zone, r.DnsServer)))
        {
            List<AcmeChallengeRecord> batch = group.ToList();
            _verbose(Messages.Format(Strings.DnsAdding, batch.Count, batch[0].Zone, Where(batch[0])));
            try
            {
                _dns.UpdaterFor(batch[0], _verbose).Add(batch, _cancel);
            }
            catch (CsCertificateException ex) when (ex.ErrorId == ErrorIds.DnsUpdateRefused)
            {
                // The server refused the whole update: none of these records is there to remove.
                foreach (AcmeChallengeRecord record in batch)
                {
                    _published.Remove(record.Token!);
                    _pending.Remove(record.Token!);
                    _store.Remove(record.Token!);
                }

                throw;
            }
        }
    }
}
