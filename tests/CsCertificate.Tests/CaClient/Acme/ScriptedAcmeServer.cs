// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace CsCertificate.Tests.CaClient.Acme;

/// <summary>
/// An ACME server played from a script, as the HTTP transport of the client under test: each method and URL
/// answers with the next of its scripted answers (the last one repeats), every answer carries a fresh
/// Replay-Nonce ("nonce-1", "nonce-2", ...) unless the script says otherwise, and every request is kept, with its
/// JWS read, for the test to check. A request the script does not expect fails the test.
/// </summary>
internal sealed class ScriptedAcmeServer : HttpMessageHandler
{
    public const string Base = "https://acme.test";
    public const string DirectoryUrl = Base + "/directory";
    public const string NewNonceUrl = Base + "/acme/new-nonce";
    public const string NewAccountUrl = Base + "/acme/new-acct";
    public const string NewOrderUrl = Base + "/acme/new-order";
    public const string AccountUrl = Base + "/acme/acct/1";
    public const string OrderUrl = Base + "/acme/order/1";
    public const string FinalizeUrl = Base + "/acme/order/1/finalize";
    public const string CertificateUrl = Base + "/acme/cert/1";

    private readonly Dictionary<(string Method, string Url), Queue<ScriptedAnswer>> _script = new Dictionary<(string, string), Queue<ScriptedAnswer>>();
    private readonly object _sync = new object();
    private int _nonces;

    /// <summary>Gets every request received, in order.</summary>
    public List<SentAcmeRequest> Sent { get; } = new List<SentAcmeRequest>();

    /// <summary>Gets the JWS POSTs received, in order.</summary>
    public IReadOnlyList<SentAcmeRequest> Posts => Sent.Where(r => r.Method == "POST").ToList();

    /// <summary>Gets the last Replay-Nonce handed out.</summary>
    public string LastNonce => "nonce-" + _nonces.ToString(CultureInfo.InvariantCulture);

    /// <summary>The usual directory (with or without External Account Binding required) and its new-nonce resource.</summary>
    public ScriptedAcmeServer WithDirectory(bool externalAccountRequired = false)
    {
        On("GET", DirectoryUrl, ScriptedAnswer.Json(
            "{\"newNonce\":\"" + NewNonceUrl + "\",\"newAccount\":\"" + NewAccountUrl + "\",\"newOrder\":\"" + NewOrderUrl + "\","
            + "\"meta\":{\"externalAccountRequired\":" + (externalAccountRequired ? "true" : "false") + "}}").WithoutNonce());
        return On("HEAD", NewNonceUrl, ScriptedAnswer.Http(System.Net.HttpStatusCode.OK));
    }

    /// <summary>The directory, and a new account created at <see cref="AccountUrl"/>.</summary>
    public ScriptedAcmeServer WithAccount(bool externalAccountRequired = false) =>
        WithDirectory(externalAccountRequired).On("POST", NewAccountUrl, ScriptedAnswer.Created(AccountUrl, "{\"status\":\"valid\"}"));

    /// <summary>Adds answers for a method and URL, after those already scripted.</summary>
    public ScriptedAcmeServer On(string method, string url, params ScriptedAnswer[] answers)
    {
        if (!_script.TryGetValue((method, url), out Queue<ScriptedAnswer>? queue))
        {
            queue = new Queue<ScriptedAnswer>();
            _script[(method, url)] = queue;
        }

        foreach (ScriptedAnswer answer in answers)
        {
            queue.Enqueue(answer);
        }

        return this;
    }

    /// <summary>The requests sent to one URL, in order.</summary>
    public IReadOnlyList<SentAcmeRequest> To(string url) => Sent.Where(r => r.Url == url).ToList();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        string? body = request.Content == null ? null : await request.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        ScriptedAnswer answer;
        lock (_sync)
        {
            Sent.Add(new SentAcmeRequest(request, body));
            if (!_script.TryGetValue((request.Method.Method, request.RequestUri!.AbsoluteUri), out Queue<ScriptedAnswer>? queue) || queue.Count == 0)
            {
                throw new InvalidOperationException("The script has no answer for " + request.Method + " " + request.RequestUri);
            }

            answer = queue.Count > 1 ? queue.Dequeue() : queue.Peek();
        }

        if (answer.Failure != null)
        {
            throw answer.Failure;
        }

        var response = new HttpResponseMessage(answer.Status) { RequestMessage = request, Content = answer.Content() };
        if (answer.WithNonce)
        {
            response.Headers.Add("Replay-Nonce", "nonce-" + Interlocked.Increment(ref _nonces).ToString(CultureInfo.InvariantCulture));
        }

        if (answer.Location != null)
        {
            response.Headers.Location = new Uri(answer.Location);
        }

        response.Headers.RetryAfter = answer.RetryAfter;
        answer.OnSent?.Invoke();
        return response;
    }
}
