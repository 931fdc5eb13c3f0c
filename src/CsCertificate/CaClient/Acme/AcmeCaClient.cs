// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using CsCertificate.Certificates;
using CsCertificate.Common;
using CsCertificate.Resources;

namespace CsCertificate.CaClient.Acme;

/// <summary>
/// An RFC 8555 client: account (ES256, optional External Account Binding), an order for every name of the
/// request, http-01 answered by a responder the module runs while it waits, finalize with the CSR, polling with
/// the server's Retry-After, and the certificate chain. It resumes an order from its URL, so a request left
/// pending (or cut off by an outage) is completed by -Retrieve.
/// </summary>
internal sealed class AcmeCaClient : ICaClient
{
    private const int MaxAuthorizations = 100;

    private readonly Uri _directoryUrl;
    private readonly AcmeSettings _settings;
    private readonly AcmeAccountStore _accounts;
    private readonly string? _eabKeyId;
    private readonly string? _eabHmacKey;
    private readonly Action<string> _verbose;

    public AcmeCaClient(Uri directoryUrl, AcmeSettings settings, AcmeAccountStore accounts, string? eabKeyId, string? eabHmacKey, Action<string> verbose)
    {
        _directoryUrl = directoryUrl;
        _settings = settings;
        _accounts = accounts;
        _eabKeyId = eabKeyId;
        _eabHmacKey = eabHmacKey;
        _verbose = verbose;
    }

    public string Name => _directoryUrl.AbsoluteUri;

    public bool RequiresSubjectInAlternativeNames => true;

    public CaResult Submit(CaSubmission submission) => Run(null, submission);

    public CaResult Poll(string caRequestId, CaSubmission submission) => Run(caRequestId, submission);

    private static string PostAsGet => string.Empty;

    private CaResult Run(string? orderUrl, CaSubmission submission)
    {
        try
        {
            using var http = new AcmeHttpClient(_directoryUrl, _settings.RequestTimeout, _verbose);
            using AcmeAccountKey key = _accounts.LoadOrCreateKey();
            var session = new Session(http, key, Account(http, key, register: false), () => Account(http, key, register: true));
            AcmeOrder order;
            if (orderUrl == null)
            {
                (orderUrl, order) = NewOrder(session, submission);
            }
            else
            {
                AcmeOrder? existing = FindOrder(session, orderUrl);
                if (existing == null)
                {
                    // The server no longer knows the order (a test CA restarted, or the order expired): the
                    // stored request is still good, so ask again with it.
                    _verbose(Messages.Format(Strings.AcmeOrderGone, orderUrl));
                    (orderUrl, order) = NewOrder(session, submission);
                }
                else
                {
                    order = existing;
                }
            }

            return Advance(session, orderUrl, order, submission);
        }
        catch (AcmeUnreachableException ex)
        {
            return CaResult.Of(CaOutcome.Unreachable, orderUrl, null, ex.Message);
        }
        catch (AcmeProtocolException ex)
        {
            return Map(ex.Problem, orderUrl, ex.Message);
        }
    }

    /// <summary>Finds or registers the account for this directory and key, and returns its URL (the kid).</summary>
    private string Account(AcmeHttpClient http, AcmeAccountKey key, bool register)
    {
        string? stored = register ? null : _accounts.LoadAccountUrl();
        if (stored != null)
        {
            return stored;
        }

        AcmeDirectory directory = http.Directory;
        bool hasEab = _eabKeyId != null && _eabHmacKey != null;
        if (directory.Meta?.ExternalAccountRequired == true && !hasEab)
        {
            throw new AcmeProtocolException(
                new AcmeProblem { Type = AcmeProblem.Prefix + "externalAccountRequired" },
                Messages.Format(Strings.AcmeEabRequired, _directoryUrl));
        }

        string? binding = null;
        if (hasEab)
        {
            byte[] hmacKey;
            try
            {
                hmacKey = Base64Url.Decode(_eabHmacKey!);
            }
            catch (FormatException)
            {
                // Never echo the key: say only what shape it should have.
                throw new CsCertificateException(ErrorIds.InvalidCaName, ErrorKind.InvalidArgument, Strings.AcmeEabKeyNotBase64Url, "-CaPassword");
            }

            binding = AcmeJws.ExternalAccountBinding(key, _eabKeyId!, hmacKey, directory.NewAccount!);
        }

        string payload = JsonText.Object(
            ("termsOfServiceAgreed", true),
            ("contact", _settings.Contact == null ? null : new object[] { "mailto:" + _settings.Contact }),
            ("externalAccountBinding", binding == null ? null : new JsonText.Raw(binding)));
        AcmeResponse response = http.Post(directory.NewAccount!, nonce => AcmeJws.Sign(key, directory.NewAccount!, nonce, null, payload));
        string accountUrl = response.Location ?? throw AcmeProblem.Unreadable(Strings.AcmeNoAccountUrl);
        _accounts.SaveAccountUrl(accountUrl);
        _verbose(Messages.Format(Strings.AcmeAccountRegistered, accountUrl));
        return accountUrl;
    }

    private (string Url, AcmeOrder Order) NewOrder(Session session, CaSubmission submission)
    {
        // DNS names are case-insensitive; ACME servers compare identifiers in lower case.
        string[] names = submission.DnsNames.Select(n => n.ToLowerInvariant()).Distinct().ToArray();
        string payload = JsonText.Object(("identifiers", names.Select(n => (object)new JsonText.Raw(JsonText.Object(("type", "dns"), ("value", n)))).ToArray()));
        AcmeResponse response = session.Post(session.Http.Directory.NewOrder!, payload);
        string url = response.Location ?? throw AcmeProblem.Unreadable(Strings.AcmeNoOrderUrl);
        _verbose(Messages.Format(Strings.AcmeOrderCreated, url, string.Join(", ", names)));
        return (url, AcmeHttpClient.Read<AcmeOrder>(response));
    }

    private static AcmeOrder? FindOrder(Session session, string orderUrl)
    {
        try
        {
            return AcmeHttpClient.Read<AcmeOrder>(session.Post(orderUrl, PostAsGet));
        }
        catch (AcmeProtocolException ex) when (ex.Problem.Status == 404 || (ex.Problem.ShortType == "malformed" && ex.Problem.Status == 404))
        {
            return null;
        }
    }

    /// <summary>Moves the order on until it is issued, refused, or the wait is over.</summary>
    private CaResult Advance(Session session, string orderUrl, AcmeOrder order, CaSubmission submission)
    {
        var clock = Stopwatch.StartNew();
        var answered = new HashSet<string>(StringComparer.Ordinal);
        Http01Responder? responder = null;
        try
        {
            TimeSpan? retryAfter = null;
            while (true)
            {
                switch (order.Status)
                {
                    case "valid":
                        return CaResult.Issued(orderUrl, Download(session, order));
                    case "invalid":
                        return CaResult.Of(CaOutcome.Denied, orderUrl, order.Error?.Type, Messages.Format(Strings.AcmeOrderInvalid, Reason(session, order)));
                    case "ready":
                        _verbose(Messages.Format(Strings.AcmeFinalizing, orderUrl));
                        AcmeResponse finalized = session.Post(order.Finalize ?? throw AcmeProblem.Unreadable(Strings.AcmeNoFinalizeUrl), JsonText.Object(("csr", Base64Url.Encode(submission.CsrDer))));
                        order = AcmeHttpClient.Read<AcmeOrder>(finalized);
                        retryAfter = finalized.RetryAfter;
                        continue;
                    case "pending":
                        CaResult? refused = AnswerChallenges(session, orderUrl, order, answered, ref responder);
                        if (refused != null)
                        {
                            return refused;
                        }

                        break;
                    case "processing":
                        break;
                    default:
                        throw AcmeProblem.Unreadable(Messages.Format(Strings.AcmeOrderStatusUnknown, order.Status));
                }

                TimeSpan left = _settings.Wait - clock.Elapsed;
                if (left <= TimeSpan.Zero)
                {
                    return CaResult.Pending(orderUrl, retryAfter, Messages.Format(Strings.AcmeStillPending, order.Status, (int)_settings.Wait.TotalSeconds));
                }

                TimeSpan pause = retryAfter ?? TimeSpan.FromSeconds(1);
                Thread.Sleep(pause < left ? pause : left);
                AcmeResponse polled = session.Post(orderUrl, PostAsGet);
                order = AcmeHttpClient.Read<AcmeOrder>(polled);
                retryAfter = polled.RetryAfter;
            }
        }
        finally
        {
            responder?.Dispose();
        }
    }

    /// <summary>Answers the http-01 challenge of every pending authorization once; returns a result when one cannot be.</summary>
    private CaResult? AnswerChallenges(Session session, string orderUrl, AcmeOrder order, HashSet<string> answered, ref Http01Responder? responder)
    {
        foreach (string authorizationUrl in (order.Authorizations ?? Array.Empty<string>()).Take(MaxAuthorizations))
        {
            AcmeAuthorization authorization = AcmeHttpClient.Read<AcmeAuthorization>(session.Post(authorizationUrl, PostAsGet));
            if (authorization.Status != "pending")
            {
                continue;
            }

            string name = authorization.Identifier?.Value ?? authorizationUrl;
            AcmeChallenge? challenge = authorization.Challenges?.FirstOrDefault(c => c.Type == AcmeChallenge.Http01);
            if (challenge?.Url == null || challenge.Token == null)
            {
                return CaResult.Of(CaOutcome.Misconfigured, orderUrl, null, Messages.Format(authorization.Wildcard ? Strings.AcmeWildcardNeedsDns : Strings.AcmeNoHttp01, name));
            }

            if (challenge.Status != "pending" || !answered.Add(challenge.Url))
            {
                continue;
            }

            if (responder == null)
            {
                try
                {
                    responder = Http01Responder.Start(_settings.Http01Address, _settings.Http01Port);
                }
                catch (SocketException ex)
                {
                    return CaResult.Of(CaOutcome.Misconfigured, orderUrl, null, Messages.Format(Strings.AcmeResponderFailed, _settings.Http01Address, _settings.Http01Port, ex.Message, AcmeSettings.PortVariable, AcmeSettings.AddressVariable));
                }

                _verbose(Messages.Format(Strings.AcmeResponderStarted, _settings.Http01Address, _settings.Http01Port));
            }

            responder.Add(challenge.Token, challenge.Token + "." + session.Key.Thumbprint);
            _verbose(Messages.Format(Strings.AcmeAnsweringChallenge, name));
            session.Post(challenge.Url, "{}");
        }

        return null;
    }

    private static IReadOnlyList<byte[]> Download(Session session, AcmeOrder order)
    {
        AcmeResponse response = session.Post(order.Certificate ?? throw AcmeProblem.Unreadable(Strings.AcmeNoCertificateUrl), PostAsGet, "application/pem-certificate-chain");
        try
        {
            return CertificateResponseReader.Read(response.Body, order.Certificate).Certificates;
        }
        catch (CsCertificateException ex)
        {
            throw AcmeProblem.Unreadable(ex.Message);
        }
    }

    /// <summary>
    /// Finds why an order became invalid: the errors of its failed challenges (the first few, one per name), or
    /// else the order's own error.
    /// </summary>
    private static string Reason(Session session, AcmeOrder order)
    {
        const int Shown = 3;
        var failures = new List<string>();
        foreach (string url in (order.Authorizations ?? Array.Empty<string>()).Take(MaxAuthorizations))
        {
            AcmeAuthorization authorization = AcmeHttpClient.Read<AcmeAuthorization>(session.Post(url, PostAsGet));
            AcmeChallenge? failed = authorization.Challenges?.FirstOrDefault(c => c.Error?.Detail != null);
            if (failed != null)
            {
                failures.Add((authorization.Identifier?.Value ?? url) + ": " + failed.Error!.Detail);
            }
        }

        if (failures.Count == 0)
        {
            return order.Error?.Detail ?? Strings.AcmeNoReasonGiven;
        }

        string reason = string.Join("; ", failures.Take(Shown));
        return failures.Count > Shown ? Messages.Format(Strings.AcmeMoreFailures, reason, failures.Count - Shown) : reason;
    }

    private static CaResult Map(AcmeProblem problem, string? orderUrl, string message) => problem.ShortType switch
    {
        "unauthorized" or "rejectedIdentifier" or "caa" or "badCSR" or "dns" or "connection" or "incorrectResponse" or "tls" or "badPublicKey" or "compound"
            => CaResult.Of(CaOutcome.Denied, orderUrl, problem.Type, message),
        "externalAccountRequired" or "unsupportedIdentifier" or "badSignatureAlgorithm" or "untrustedServer" or "userActionRequired"
            => CaResult.Of(CaOutcome.Misconfigured, orderUrl, problem.Type, message),
        "serverInternal" or "rateLimited" or AcmeProblem.UnreadableAnswer
            => CaResult.Of(CaOutcome.Unreachable, orderUrl, problem.Type, message),
        _ => CaResult.Of(CaOutcome.Failed, orderUrl, problem.Type, message),
    };


    /// <summary>A signed conversation with one account; registers again, once, if the server forgot the account.</summary>
    private sealed class Session
    {
        private readonly Func<string> _register;
        private bool _registeredAgain;

        public Session(AcmeHttpClient http, AcmeAccountKey key, string kid, Func<string> register)
        {
            Http = http;
            Key = key;
            Kid = kid;
            _register = register;
        }

        public AcmeHttpClient Http { get; }

        public AcmeAccountKey Key { get; }

        public string Kid { get; private set; }

        public AcmeResponse Post(string url, string payload, string? accept = null)
        {
            try
            {
                return Http.Post(url, nonce => AcmeJws.Sign(Key, url, nonce, Kid, payload), accept);
            }
            catch (AcmeProtocolException ex) when (!_registeredAgain && ex.Problem.ShortType == "accountDoesNotExist")
            {
                _registeredAgain = true;
                Kid = _register();
                return Http.Post(url, nonce => AcmeJws.Sign(Key, url, nonce, Kid, payload), accept);
            }
        }
    }
}
