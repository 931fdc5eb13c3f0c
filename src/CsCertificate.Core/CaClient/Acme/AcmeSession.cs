// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;

namespace CsCertificate.CaClient.Acme;

/// <summary>A signed conversation with one account; registers again, once, if the server forgot the account.</summary>
internal sealed class AcmeSession
{
    /// <summary>The payload of a POST-as-GET (RFC 8555 §6.3): the empty string.</summary>
    public const string PostAsGet = "";

    private readonly Func<string> _register;
    private bool _registeredAgain;

    public AcmeSession(AcmeHttpClient http, AcmeAccountKey key, string kid, Func<string> register)
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

    /// <summary>Reads a JSON object with a POST-as-GET.</summary>
    public T Get<T>(string url)
        where T : class => AcmeHttpClient.Read<T>(Post(url, PostAsGet));
}
