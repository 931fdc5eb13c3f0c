// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Net.Http;
using System.Threading;
using CsCertificate.Certificates;
using CsCertificate.Common;
using CsCertificate.Resources;

namespace CsCertificate.CaClient.Acme;

/// <summary>
/// An RFC 8555 client: account (ES256, optional External Account Binding), an order for every name of the
/// request, http-01 answered by a responder the module runs while it waits or dns-01 by TXT records it adds and
/// removes (<see cref="AcmeDns01Validation"/>), finalize with the CSR, polling with short growing pauses or the
/// server's Retry-After, and the certificate chain. It resumes an order from its URL, so a request left
/// pending (or cut off by an outage) is completed by -Retrieve, which answers the challenges again and orders
/// again when the old order failed only because nobody answered (<see cref="AcmeAbandonedOrder"/>). Where the
/// directory offers renewalInfo (RFC 9773), it asks when a certificate should be renewed, and a renewal's order says
/// which certificate it replaces.
/// </summary>
internal sealed class AcmeCaClient : ICaClient, IRenewalInfoSource
{
    private static readonly TimeSpan s_firstPoll = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan s_longestPoll = TimeSpan.FromSeconds(1);

    private readonly Uri _directoryUrl;
    private readonly AcmeSettings _settings;
    private readonly AcmeAccountStore _accounts;
    private readonly AcmeChallengeStore _challenges;
    private readonly string? _eabKeyId;
    private readonly string? _eabHmacKey;
    private readonly Action<string> _verbose;
    private readonly Func<HttpMessageHandler> _handler;
    private readonly AcmeDns01Settings? _dns01;

    /// <param name="directoryUrl">The directory.</param>
    /// <param name="settings">Waits, responder address and port, contact.</param>
    /// <param name="accounts">Where the account of this directory is kept.</param>
    /// <param name="challenges">Where the challenges being validated are kept.</param>
    /// <param name="eabKeyId">The External Account Binding key id (-CaAccount), or null.</param>
    /// <param name="eabHmacKey">Its HMAC key (-CaPassword), base64url, checked by <see cref="CaClientFactory"/>.</param>
    /// <param name="verbose">The verbose story.</param>
    /// <param name="handler">Makes the HTTP transport of one conversation with the server; the client disposes it.</param>
    /// <param name="dns01">How dns-01 is answered; null to answer http-01.</param>
    public AcmeCaClient(Uri directoryUrl, AcmeSettings settings, AcmeAccountStore accounts, AcmeChallengeStore challenges, string? eabKeyId, string? eabHmacKey, Action<string> verbose, Func<HttpMessageHandler> handler, AcmeDns01Settings? dns01 = null)
    {
        _dns01 = dns01;
        _directoryUrl = directoryUrl;
        _settings = settings;
        _accounts = accounts;
        _challenges = challenges;
        _eabKeyId = eabKeyId;
        _eabHmacKey = eabHmacKey;
        _verbose = verbose;
        _handler = handler;
    }

    public string Name => _directoryUrl.AbsoluteUri;

    public bool RequiresSubjectInAlternativeNames => true;

    public CaResult Submit(CaSubmission submission, CancellationToken cancel) => Run(null, submission, cancel);

    public CaResult Poll(string caRequestId, CaSubmission submission, CancellationToken cancel) => Run(caRequestId, submission, cancel);

    public RenewalWindow? GetRenewalWindow(string certificateId, CancellationToken cancel)
    {
        try
        {
            using var http = new AcmeHttpClient(_handler(), _directoryUrl, _settings.RequestTimeout, _verbose, cancel);
            string? renewalInfo = http.Directory.RenewalInfo;
            if (renewalInfo == null)
            {
                return null;
            }

            string url = renewalInfo.TrimEnd('/') + "/" + certificateId;
            RenewalWindow? window = AcmeHttpClient.Read<AcmeRenewalInfo>(http.Get(url)).ToWindow();
            if (window == null)
            {
                _verbose(Messages.Format(Strings.AcmeRenewalInfoUnusable, url, Strings.AcmeRenewalInfoNoWindow));
            }

            return window;
        }
        catch (Exception ex) when (ex is AcmeUnreachableException || ex is AcmeProtocolException)
        {
            // Not knowing the window is no failure: the lifetime rule decides instead.
            _verbose(Messages.Format(Strings.AcmeRenewalInfoUnusable, _directoryUrl, ex.Message));
            return null;
        }
    }

    /// <summary>
    /// The payload of a new order: every name as a DNS identifier and, for a renewal, the RFC 9773 identifier of the
    /// certificate it replaces.
    /// </summary>
    internal static string OrderPayload(IEnumerable<string> names, string? replaces) => JsonText.Object(
        ("identifiers", names.Select(n => (object)new JsonText.Raw(JsonText.Object(("type", "dns"), ("value", n)))).ToArray()),
        ("replaces", replaces));

    private CaResult Run(string? storedOrderUrl, CaSubmission submission, CancellationToken cancel)
    {
        var current = new OrderHandle { Url = storedOrderUrl };
        try
        {
            cancel.ThrowIfCancellationRequested();
            using var http = new AcmeHttpClient(_handler(), _directoryUrl, _settings.RequestTimeout, _verbose, cancel);
            using AcmeAccountKey key = _accounts.LoadOrCreateKey();
            var session = new AcmeSession(http, key, Account(http, key, register: false), () => Account(http, key, register: true));
            using IAcmeChallengeValidation validation = Validation(submission.RequestId, cancel);
            AcmeOrder? order = current.Url == null ? null : FindOrder(session, current.Url);
            if (order == null)
            {
                if (current.Url != null)
                {
                    // The server no longer knows the order (a test CA restarted, or the order expired): the
                    // stored request is still good, so ask again with it.
                    _verbose(Messages.Format(Strings.AcmeOrderGone, current.Url));
                    validation.Finished(current.Url);
                }

                order = NewOrder(session, submission, current);
            }

            return Advance(session, current, order, submission, validation, cancel);
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            return CaResult.Stopped(current.Url);
        }
        catch (AcmeUnreachableException ex)
        {
            return CaResult.Of(CaOutcome.Unreachable, current.Url, null, ex.Message);
        }
        catch (AcmeAccountRefusedException ex)
        {
            return CaResult.NeedsNewRequest(current.Url, ex.Code, ex.Message);
        }
        catch (AcmeProtocolException ex)
        {
            return Map(ex.Problem, current.Url, ex.Message);
        }
    }

    /// <summary>Finds or registers the account for this directory and key, and returns its URL (the kid).</summary>
    /// <exception cref="AcmeAccountRefusedException">The server wants an External Account Binding, or refused the one given.</exception>
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
            throw new AcmeAccountRefusedException(AcmeProblem.Prefix + "externalAccountRequired", Messages.Format(Strings.AcmeEabRequired, _directoryUrl));
        }

        string? binding = hasEab ? AcmeJws.ExternalAccountBinding(key, _eabKeyId!, Base64Url.Decode(_eabHmacKey!), directory.NewAccount!) : null;
        string payload = JsonText.Object(
            ("termsOfServiceAgreed", true),
            ("contact", _settings.Contact == null ? null : new object[] { "mailto:" + _settings.Contact }),
            ("externalAccountBinding", binding == null ? null : new JsonText.Raw(binding)));
        AcmeResponse response;
        try
        {
            response = http.Post(directory.NewAccount!, nonce => AcmeJws.Sign(key, directory.NewAccount!, nonce, null, payload));
        }
        catch (AcmeProtocolException ex) when (ex.Problem.ShortType == "externalAccountRequired")
        {
            throw new AcmeAccountRefusedException(ex.Problem.Type, Messages.Format(Strings.AcmeEabRequired, _directoryUrl));
        }
        catch (AcmeProtocolException ex) when (hasEab && IsBindingRefusal(ex.Problem))
        {
            throw new AcmeAccountRefusedException(ex.Problem.Type, Messages.Format(Strings.AcmeEabRefused, _directoryUrl, _eabKeyId, ex.Message));
        }

        string accountUrl = response.Location ?? throw AcmeProblem.Unreadable(Strings.AcmeNoAccountUrl);
        _accounts.SaveAccountUrl(accountUrl);
        _verbose(Messages.Format(Strings.AcmeAccountRegistered, accountUrl));
        return accountUrl;
    }

    /// <summary>
    /// Whether a refused account with a binding is the binding's fault: not a passing fault of the server, and not
    /// the contact address (a setting, which -Retrieve picks up again).
    /// </summary>
    private static bool IsBindingRefusal(AcmeProblem problem) => problem.ShortType switch
    {
        "serverInternal" or "rateLimited" or "badNonce" or "invalidContact" or "unsupportedContact" or AcmeProblem.UnreadableAnswer => false,
        _ => true,
    };

    /// <summary>Whether a problem is a passing fault of the server, which a changed request would not avoid.</summary>
    private static bool IsPassing(AcmeProblem problem) => problem.ShortType switch
    {
        "serverInternal" or "rateLimited" or "badNonce" or AcmeProblem.UnreadableAnswer => true,
        _ => false,
    };

    private AcmeOrder NewOrder(AcmeSession session, CaSubmission submission, OrderHandle current)
    {
        // DNS names are case-insensitive; ACME servers compare identifiers in lower case.
        string[] names = submission.DnsNames.Select(n => n.ToLowerInvariant()).Distinct().ToArray();
        AcmeDirectory directory = session.Http.Directory;

        // "replaces" is sent only to a server that offers renewal information, which defines it (RFC 9773 §5).
        string? replaces = directory.RenewalInfo == null ? null : submission.Replaces;
        AcmeResponse response;
        try
        {
            response = session.Post(directory.NewOrder!, OrderPayload(names, replaces));
        }
        catch (AcmeProtocolException ex) when (replaces != null && !IsPassing(ex.Problem))
        {
            // The CA refused what the order replaces (already replaced, not its certificate): the renewal itself
            // does not depend on it, so order without it, as Posh-ACME does.
            _verbose(Messages.Format(Strings.AcmeReplacesRefused, replaces, ex.Message));
            response = session.Post(directory.NewOrder!, OrderPayload(names, null));
        }

        current.Url = response.Location ?? throw AcmeProblem.Unreadable(Strings.AcmeNoOrderUrl);
        _verbose(Messages.Format(Strings.AcmeOrderCreated, current.Url, string.Join(", ", names)));
        submission.Accepted?.Invoke(current.Url);
        return AcmeHttpClient.Read<AcmeOrder>(response);
    }

    private static AcmeOrder? FindOrder(AcmeSession session, string orderUrl)
    {
        try
        {
            return session.Get<AcmeOrder>(orderUrl);
        }
        catch (AcmeProtocolException ex) when (ex.Problem.Status == 404)
        {
            return null;
        }
    }

    /// <summary>The answers of this command: dns-01 (which settles what an earlier command of the request left in DNS), or http-01.</summary>
    private IAcmeChallengeValidation Validation(int requestId, CancellationToken cancel)
    {
        if (_dns01 == null)
        {
            return new AcmeHttp01Validation(_settings, _challenges, requestId, _verbose);
        }

        return new AcmeDns01Validation(_settings, _dns01, _challenges, requestId, _verbose, cancel);
    }

    /// <summary>
    /// Moves the order on until it is issued, refused, or the wait is over. The challenges of an order are answered
    /// once; then the order alone is polled (its status follows its authorizations'), with pauses that start short
    /// and grow after each change of status, or the server's Retry-After.
    /// </summary>
    private CaResult Advance(AcmeSession session, OrderHandle current, AcmeOrder order, CaSubmission submission, IAcmeChallengeValidation validation, CancellationToken cancel)
    {
        var clock = Stopwatch.StartNew();
        TimeSpan poll = s_firstPoll;
        bool orderedAgain = false;
        TimeSpan? retryAfter = null;
        string? answeredOrder = null;
        while (true)
        {
            string orderUrl = current.Url!;
            switch (order.Status)
            {
                case "valid":
                    validation.Finished(orderUrl);
                    return CaResult.Issued(orderUrl, Download(session, order));
                case "invalid":
                    List<AcmeAuthorization> authorizations = (order.Authorizations ?? Array.Empty<string>()).Take(AcmeHttp01Validation.MaxAuthorizations).Select(session.Get<AcmeAuthorization>).ToList();
                    string? unanswered = orderedAgain ? null : AcmeAbandonedOrder.Explain(order, authorizations, _challenges.Find);
                    validation.Finished(orderUrl);
                    if (unanswered == null)
                    {
                        return CaResult.Of(CaOutcome.Denied, orderUrl, order.Error?.Type, Messages.Format(Strings.AcmeOrderInvalid, Reason(order, authorizations)));
                    }

                    _verbose(Messages.Format(Strings.AcmeOrderingAgain, orderUrl, unanswered));
                    orderedAgain = true;
                    order = NewOrder(session, submission, current);
                    poll = s_firstPoll;
                    continue;
                case "ready":
                    validation.Finished(orderUrl);
                    _verbose(Messages.Format(Strings.AcmeFinalizing, orderUrl));
                    AcmeResponse finalized = session.Post(order.Finalize ?? throw AcmeProblem.Unreadable(Strings.AcmeNoFinalizeUrl), JsonText.Object(("csr", Base64Url.Encode(submission.CsrDer))));
                    order = AcmeHttpClient.Read<AcmeOrder>(finalized);
                    retryAfter = finalized.RetryAfter;
                    poll = s_firstPoll;
                    continue;
                case "pending" when answeredOrder != orderUrl:
                    CaResult? unanswerable = validation.Answer(session, orderUrl, order);
                    if (unanswerable != null)
                    {
                        return unanswerable;
                    }

                    answeredOrder = orderUrl;
                    break;
                case "pending":
                    break;
                case "processing":
                    validation.Finished(orderUrl);
                    break;
                default:
                    throw AcmeProblem.Unreadable(Messages.Format(Strings.AcmeOrderStatusUnknown, order.Status));
            }

            TimeSpan left = _settings.Wait - clock.Elapsed;
            if (left <= TimeSpan.Zero)
            {
                return CaResult.Pending(orderUrl, retryAfter, Messages.Format(Strings.AcmeStillPending, order.Status, (int)_settings.Wait.TotalSeconds));
            }

            // The server's Retry-After when it gives one, else short polls that grow to a second.
            TimeSpan pause = retryAfter ?? poll;
            poll = poll + poll < s_longestPoll ? poll + poll : s_longestPoll;
            if (cancel.WaitHandle.WaitOne(pause < left ? pause : left))
            {
                cancel.ThrowIfCancellationRequested();
            }

            AcmeResponse polled = session.Post(orderUrl, AcmeSession.PostAsGet);
            string? before = order.Status;
            order = AcmeHttpClient.Read<AcmeOrder>(polled);
            retryAfter = polled.RetryAfter;
            if (order.Status != before)
            {
                poll = s_firstPoll;
            }
        }
    }

    private static IReadOnlyList<byte[]> Download(AcmeSession session, AcmeOrder order)
    {
        AcmeResponse response = session.Post(order.Certificate ?? throw AcmeProblem.Unreadable(Strings.AcmeNoCertificateUrl), AcmeSession.PostAsGet, "application/pem-certificate-chain");
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
    private static string Reason(AcmeOrder order, IEnumerable<AcmeAuthorization> authorizations)
    {
        const int Shown = 3;
        var failures = new List<string>();
        foreach (AcmeAuthorization authorization in authorizations)
        {
            AcmeChallenge? failed = authorization.Challenges?.FirstOrDefault(c => c.Error?.Detail != null);
            if (failed != null)
            {
                failures.Add((authorization.Identifier?.Value ?? string.Empty) + ": " + failed.Error!.Detail);
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
        "unsupportedIdentifier" or "badSignatureAlgorithm" or "untrustedServer" or "userActionRequired" or TlsFailure.HandshakeProblemType
            => CaResult.Of(CaOutcome.Misconfigured, orderUrl, problem.Type, message),
        "serverInternal" or "rateLimited" or AcmeProblem.UnreadableAnswer
            => CaResult.Of(CaOutcome.Unreachable, orderUrl, problem.Type, message),
        _ => CaResult.Of(CaOutcome.Failed, orderUrl, problem.Type, message),
    };

    /// <summary>The order a run works on: the stored one, or the one it made; what a stop or a fault keeps.</summary>
    private sealed class OrderHandle
    {
        public string? Url { get; set; }
    }
}
