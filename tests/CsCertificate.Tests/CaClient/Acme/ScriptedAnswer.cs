// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;

namespace CsCertificate.Tests.CaClient.Acme;

/// <summary>One answer of a <see cref="ScriptedAcmeServer"/>: what an ACME server would send back.</summary>
internal sealed class ScriptedAnswer
{
    private readonly Func<HttpContent?> _content;

    private ScriptedAnswer(HttpStatusCode status, Func<HttpContent?> content)
    {
        Status = status;
        _content = content;
    }

    public HttpStatusCode Status { get; }

    public string? Location { get; private set; }

    public RetryConditionHeaderValue? RetryAfter { get; private set; }

    /// <summary>Gets a value indicating whether the answer carries a fresh Replay-Nonce (ACME servers send one with every answer).</summary>
    public bool WithNonce { get; private set; } = true;

    /// <summary>Gets what happens when the answer is sent: a CA validating a challenge, a user pressing Ctrl+C.</summary>
    public Action? OnSent { get; private set; }

    /// <summary>Gets the failure of the transport instead of an answer.</summary>
    public Exception? Failure { get; private set; }

    public static ScriptedAnswer Json(string json, HttpStatusCode status = HttpStatusCode.OK) =>
        new ScriptedAnswer(status, Text(json, "application/json"));

    public static ScriptedAnswer Created(string location, string json) => Json(json, HttpStatusCode.Created).At(location);

    /// <summary>An RFC 7807 problem document with an ACME error type ("badNonce", "rejectedIdentifier").</summary>
    public static ScriptedAnswer Problem(string shortType, string detail, HttpStatusCode status = HttpStatusCode.BadRequest) =>
        new ScriptedAnswer(status, Text(
            "{\"type\":\"urn:ietf:params:acme:error:" + shortType + "\",\"detail\":\"" + detail + "\",\"status\":" + (int)status + "}",
            "application/problem+json"));

    public static ScriptedAnswer Http(HttpStatusCode status, string body = "", string contentType = "text/html") =>
        new ScriptedAnswer(status, Text(body, contentType));

    public static ScriptedAnswer Pem(string pem) => new ScriptedAnswer(HttpStatusCode.OK, Text(pem, "application/pem-certificate-chain"));

    /// <summary>An answer with a body of its own making (one without a length, one that never ends).</summary>
    public static ScriptedAnswer Body(Func<HttpContent> content) => new ScriptedAnswer(HttpStatusCode.OK, content);

    /// <summary>No answer: the transport fails as HttpClient reports an unreachable or untrusted server.</summary>
    public static ScriptedAnswer Fails(Exception failure) => new ScriptedAnswer(HttpStatusCode.OK, () => null) { Failure = failure };

    /// <summary>The body, made afresh for every time the answer is sent (the client disposes what it read).</summary>
    public HttpContent? Content() => _content();

    public ScriptedAnswer At(string location)
    {
        Location = location;
        return this;
    }

    public ScriptedAnswer RetryAfterSeconds(int seconds)
    {
        RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(seconds));
        return this;
    }

    public ScriptedAnswer RetryAfterDate(DateTimeOffset date)
    {
        RetryAfter = new RetryConditionHeaderValue(date);
        return this;
    }

    public ScriptedAnswer WithoutNonce()
    {
        WithNonce = false;
        return this;
    }

    public ScriptedAnswer Then(Action onSent)
    {
        OnSent = onSent;
        return this;
    }

    private static Func<HttpContent> Text(string text, string contentType) => () =>
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(text));
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        return content;
    };
}
