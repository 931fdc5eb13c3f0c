// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace CsCertificate.CaClient.Acme;

/// <summary>
/// The http-01 responder of Windows: HTTP.sys, through HttpListener, registered for
/// http://+:&lt;port&gt;/.well-known/acme-challenge/ only. Front End, Director and Standard Edition servers run IIS,
/// which holds port 80 through HTTP.sys: a socket of our own could not bind it, but HTTP.sys routes the challenge
/// path to us and everything else to IIS, whose sites keep working. What it answers is
/// <see cref="Http01Responder.Answer"/>.
/// </summary>
/// <remarks>
/// The strong wildcard (+) takes the challenge path before any IIS binding, whatever host name the validator asks
/// for. A chosen address (CSCERTIFICATE_HTTP01_ADDRESS) becomes an IP-bound prefix, which an IIS site bound to the
/// requested host name takes precedence over. Registering a URL with HTTP.sys needs an elevated PowerShell (or a
/// reservation: netsh http add urlacl), and one process at a time may hold a prefix. HTTP.sys reads the requests
/// and applies its own time limits to the connections it shares with IIS; nothing here waits for a client.
/// HttpListener runs on Linux and macOS too (with .NET's own server), which is how it is tested there.
/// </remarks>
internal sealed class HttpListenerHttp01Responder : IHttp01Responder
{
    private readonly HttpListener _listener;
    private readonly Func<string, string?> _answerOf;
    private readonly Task _loop;
    private int _answered;

    private HttpListenerHttp01Responder(HttpListener listener, Func<string, string?> answerOf)
    {
        _listener = listener;
        _answerOf = answerOf;
        _loop = Task.Run(AcceptLoop);
    }

    public int Answered => _answered;

    /// <summary>Starts listening.</summary>
    /// <param name="address">The address; <see cref="IPAddress.Any"/> (or IPv6Any) for every address.</param>
    /// <param name="port">The port.</param>
    /// <param name="answerOf">The key authorization for a token, or null when the token is not being validated.</param>
    /// <exception cref="HttpListenerException">HTTP.sys refused the prefix: not elevated (5), or registered by another program (183, 32).</exception>
    public static HttpListenerHttp01Responder Start(IPAddress address, int port, Func<string, string?> answerOf)
    {
        var listener = new HttpListener();
        listener.Prefixes.Add(Prefix(address, port));
        try
        {
            listener.Start();
        }
        catch
        {
            listener.Close();
            throw;
        }

        return new HttpListenerHttp01Responder(listener, answerOf);
    }

    /// <summary>The URL prefix registered for an address and port.</summary>
    public static string Prefix(IPAddress address, int port)
    {
        string host = address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) ? "+"
            : address.AddressFamily == AddressFamily.InterNetworkV6 ? "[" + address + "]"
            : address.ToString();
        return "http://" + host + ":" + port.ToString(CultureInfo.InvariantCulture) + Http01Responder.PathPrefix;
    }

    public void Dispose()
    {
        // Close aborts the pending GetContext and every request not answered yet.
        _listener.Close();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // The loop ends by the listener being closed under it.
        }
    }

    private async Task AcceptLoop()
    {
        while (true)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is HttpListenerException || ex is ObjectDisposedException || ex is InvalidOperationException)
            {
                return;
            }

            _ = Task.Run(() => Serve(context));
        }
    }

    private void Serve(HttpListenerContext context)
    {
        HttpListenerResponse response = context.Response;
        try
        {
            string? answer = Http01Responder.Answer(context.Request.HttpMethod, context.Request.RawUrl, _answerOf);
            byte[] body = Encoding.ASCII.GetBytes(answer ?? "Not found");
            response.StatusCode = answer != null ? 200 : 404;
            response.ContentType = "text/plain";
            response.ContentLength64 = body.Length;
            response.KeepAlive = false;
            response.OutputStream.Write(body, 0, body.Length);
            response.Close();
            if (answer != null)
            {
                Interlocked.Increment(ref _answered);
            }
        }
        catch (Exception ex) when (ex is HttpListenerException || ex is System.IO.IOException || ex is ObjectDisposedException || ex is InvalidOperationException)
        {
            // A client that goes away, or a responder closed meanwhile; the validator retries.
            response.Abort();
        }
    }
}
