// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using CsCertificate.Resources;

namespace CsCertificate.CaClient.Acme;

/// <summary>
/// The http-01 side of one command's wait for an order: keeps the challenges of the pending authorizations in the
/// data folder, runs a responder while the command waits, tells the CA to validate each challenge once, and when
/// the command ends with authorizations still pending, records that its responder closed.
/// </summary>
internal sealed class AcmeHttp01Validation : IAcmeChallengeValidation
{
    /// <summary>The most authorizations read for one order; a request has a few dozen names at most.</summary>
    public const int MaxAuthorizations = 100;

    private readonly AcmeSettings _settings;
    private readonly AcmeChallengeStore _store;
    private readonly int _requestId;
    private readonly Action<string> _verbose;
    private readonly HashSet<string> _saved = new HashSet<string>(StringComparer.Ordinal);
    private readonly HashSet<string> _answered = new HashSet<string>(StringComparer.Ordinal);
    private readonly HashSet<string> _pending = new HashSet<string>(StringComparer.Ordinal);
    private IHttp01Responder? _responder;

    public AcmeHttp01Validation(AcmeSettings settings, AcmeChallengeStore store, int requestId, Action<string> verbose)
    {
        _settings = settings;
        _store = store;
        _requestId = requestId;
        _verbose = verbose;
    }

    /// <summary>
    /// Answers every pending authorization of a pending order: its challenge is kept in the data folder (and no
    /// longer marked as left alone), the responder runs, and the CA is told once to validate it.
    /// </summary>
    /// <returns>A result when a challenge cannot be answered here; null otherwise.</returns>
    public CaResult? Answer(AcmeSession session, string orderUrl, AcmeOrder order)
    {
        _pending.Clear();
        foreach (string authorizationUrl in (order.Authorizations ?? Array.Empty<string>()).Take(MaxAuthorizations))
        {
            AcmeAuthorization authorization = session.Get<AcmeAuthorization>(authorizationUrl);
            AcmeChallenge? challenge = authorization.Challenges?.FirstOrDefault(c => c.Type == AcmeChallenge.Http01);
            if (authorization.Status == "valid" && challenge?.Token != null)
            {
                _store.Remove(challenge.Token);
            }

            if (authorization.Status != "pending")
            {
                continue;
            }

            string name = authorization.Identifier?.Value ?? authorizationUrl;
            if (challenge?.Url == null || challenge.Token == null)
            {
                return CaResult.Of(CaOutcome.Misconfigured, orderUrl, null, Messages.Format(authorization.Wildcard ? Strings.AcmeWildcardNeedsDns : Strings.AcmeNoHttp01, name));
            }

            if (!AcmeChallengeStore.IsToken(challenge.Token))
            {
                throw AcmeProblem.Unreadable(Messages.Format(Strings.AcmeTokenInvalid, name));
            }

            Keep(session, orderUrl, authorizationUrl, authorization, challenge, name);
            _pending.Add(challenge.Token);
            CaResult? failed = StartResponder(orderUrl);
            if (failed != null)
            {
                return failed;
            }

            if (challenge.Status == "pending" && _answered.Add(challenge.Url))
            {
                _verbose(Messages.Format(Strings.AcmeAnsweringChallenge, name));
                session.Post(challenge.Url, "{}");
            }
        }

        return null;
    }

    /// <summary>The order no longer needs answers (its authorizations are decided, or it is): its challenges go.</summary>
    public void Finished(string orderUrl)
    {
        _pending.Clear();
        _store.RemoveOrder(orderUrl);
    }

    /// <summary>Stops the responder; challenges still pending are marked as left without one.</summary>
    public void Dispose()
    {
        _responder?.Dispose();
        _responder = null;
        _store.MarkLeftUnanswered(_pending, DateTime.UtcNow, _verbose);
    }

    private void Keep(AcmeSession session, string orderUrl, string authorizationUrl, AcmeAuthorization authorization, AcmeChallenge challenge, string name)
    {
        if (_saved.Count == 0)
        {
            _store.RemoveExpired(DateTime.UtcNow);
        }

        if (_saved.Add(challenge.Token!))
        {
            // Written afresh, without a closed mark: this command serves the challenge from now on.
            _store.Save(new AcmeChallengeRecord
            {
                Type = AcmeChallenge.Http01,
                Token = challenge.Token,
                KeyAuthorization = challenge.Token + "." + session.Key.Thumbprint,
                Identifier = name,
                Authorization = authorizationUrl,
                Order = orderUrl,
                RequestId = _requestId,
                Expires = authorization.Expires,
            });
        }
    }

    private CaResult? StartResponder(string orderUrl)
    {
        if (_responder != null)
        {
            return null;
        }

        try
        {
            _responder = Http01Responder.Start(_settings.Http01Address, _settings.Http01Port, _store.Http01Answer);
        }
        catch (HttpListenerException ex)
        {
            string prefix = HttpListenerHttp01Responder.Prefix(_settings.Http01Address, _settings.Http01Port);
            return CaResult.Of(CaOutcome.Misconfigured, orderUrl, null, Messages.Format(Strings.AcmeHttpSysRefused, prefix, ex.Message, Environment.UserDomainName + "\\" + Environment.UserName));
        }
        catch (SocketException ex)
        {
            return CaResult.Of(CaOutcome.Misconfigured, orderUrl, null, Messages.Format(Strings.AcmeResponderFailed, _settings.Http01Address, _settings.Http01Port, ex.Message, AcmeSettings.PortVariable, AcmeSettings.AddressVariable));
        }

        _verbose(Messages.Format(Strings.AcmeResponderStarted, _settings.Http01Address, _settings.Http01Port));
        return null;
    }
}
