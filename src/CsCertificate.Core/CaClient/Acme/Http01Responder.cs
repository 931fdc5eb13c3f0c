// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.ComponentModel;
using System.Net;
using System.Runtime.InteropServices;

namespace CsCertificate.CaClient.Acme;

/// <summary>
/// Starts the http-01 responder this platform needs and says what both kinds answer: GET
/// /.well-known/acme-challenge/&lt;token&gt; is the key authorization the lookup gives for the token, anything
/// else 404. On Windows the responder is HTTP.sys (<see cref="HttpListenerHttp01Responder"/>), which shares port 80
/// with IIS on Front End, Director and Standard Edition servers; elsewhere it is a plain socket server
/// (<see cref="SocketHttp01Responder"/>) that binds exactly the address it is given.
/// </summary>
internal static class Http01Responder
{
    public const string PathPrefix = "/.well-known/acme-challenge/";

    /// <summary>Starts listening with the responder of this platform.</summary>
    /// <param name="address">The address to listen on; <see cref="IPAddress.Any"/> for every address.</param>
    /// <param name="port">The port.</param>
    /// <param name="answerOf">The key authorization for a token, or null when the token is not being validated.</param>
    /// <exception cref="Win32Exception">
    /// The responder cannot listen: a SocketException (the port is in use, or privileged) or an HttpListenerException
    /// (not elevated, or another program registered the same URL with HTTP.sys).
    /// </exception>
    public static IHttp01Responder Start(IPAddress address, int port, Func<string, string?> answerOf) =>
        RuntimeInformation.IsOSPlatform(OSPlatform.Windows)
            ? HttpListenerHttp01Responder.Start(address, port, answerOf)
            : SocketHttp01Responder.Start(address, port, answerOf);

    /// <summary>
    /// The answer to one request, or null for 404: only a GET of a token under <see cref="PathPrefix"/> is looked
    /// up, and the token is checked as base64url before it names a file.
    /// </summary>
    /// <param name="method">The request's method.</param>
    /// <param name="target">The request target as sent (path and query, not decoded).</param>
    /// <param name="answerOf">The lookup.</param>
    public static string? Answer(string? method, string? target, Func<string, string?> answerOf)
    {
        if (method != "GET" || target == null || !target.StartsWith(PathPrefix, StringComparison.Ordinal))
        {
            return null;
        }

        string token = target.Substring(PathPrefix.Length);
        return AcmeChallengeStore.IsToken(token) ? answerOf(token) : null;
    }
}
