// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace CsCertificate.CaClient.Acme;

/// <summary>
/// Answers ACME http-01 challenges while an order is validated: GET /.well-known/acme-challenge/&lt;token&gt;
/// returns the key authorization that the lookup gives for the token, anything else 404. A plain socket server
/// rather than HttpListener, so it binds exactly the address it is given and needs no URL reservation on Windows.
/// </summary>
/// <remarks>
/// The lookup reads the data folder on every request (<see cref="AcmeChallengeStore.Http01Answer"/>), so one
/// responder answers for every order of the data folder. On Linux and macOS the port is bound with SO_REUSEPORT
/// (what .NET's ReuseAddress sets there), so that several commands of one data folder can each run a responder
/// on it at once and any of them answers; both systems admit that only for sockets of the same user. Windows
/// keeps the port exclusive: its SO_REUSEADDR would let any process take the port over.
/// </remarks>
internal sealed class Http01Responder : IDisposable
{
    public const string PathPrefix = "/.well-known/acme-challenge/";

    private const int MaxRequestBytes = 8 * 1024;
    private static readonly TimeSpan s_readTimeout = TimeSpan.FromSeconds(10);

    private readonly TcpListener _listener;
    private readonly Func<string, string?> _answerOf;
    private readonly CancellationTokenSource _stop = new CancellationTokenSource();
    private readonly Task _loop;
    private int _answered;

    private Http01Responder(TcpListener listener, Func<string, string?> answerOf)
    {
        _listener = listener;
        _answerOf = answerOf;
        _loop = Task.Run(AcceptLoop);
    }

    /// <summary>Gets the number of challenge requests answered with a key authorization.</summary>
    public int Answered => _answered;

    /// <summary>Starts listening.</summary>
    /// <param name="address">The address to bind.</param>
    /// <param name="port">The port to bind.</param>
    /// <param name="answerOf">The key authorization for a token, or null when the token is not being validated.</param>
    /// <exception cref="SocketException">The address or port cannot be bound (in use, or a privileged port).</exception>
    public static Http01Responder Start(IPAddress address, int port, Func<string, string?> answerOf)
    {
        var listener = new TcpListener(address, port);
        if (!RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
        {
            listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        }

        listener.Start();
        return new Http01Responder(listener, answerOf);
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // The loop ends by the listener being stopped under it.
        }

        _stop.Dispose();
    }

    private async Task AcceptLoop()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync().ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is SocketException || ex is ObjectDisposedException || ex is InvalidOperationException)
            {
                return;
            }

            _ = Task.Run(() => Serve(client));
        }
    }

    private async Task Serve(TcpClient client)
    {
        using (client)
        {
            try
            {
                NetworkStream stream = client.GetStream();
                string? path = await ReadRequestPath(stream).ConfigureAwait(false);
                string? answer = null;
                string? token = path != null && path.StartsWith(PathPrefix, StringComparison.Ordinal) ? path.Substring(PathPrefix.Length) : null;
                if (AcmeChallengeStore.IsToken(token))
                {
                    answer = _answerOf(token!);
                }

                byte[] body = Encoding.ASCII.GetBytes(answer ?? "Not found");
                string head = (answer != null ? "HTTP/1.1 200 OK" : "HTTP/1.1 404 Not Found")
                    + "\r\nContent-Type: text/plain\r\nContent-Length: " + body.Length + "\r\nConnection: close\r\n\r\n";
                byte[] headBytes = Encoding.ASCII.GetBytes(head);
                await stream.WriteAsync(headBytes, 0, headBytes.Length).ConfigureAwait(false);
                await stream.WriteAsync(body, 0, body.Length).ConfigureAwait(false);
                if (answer != null)
                {
                    Interlocked.Increment(ref _answered);
                }
            }
            catch (Exception ex) when (ex is System.IO.IOException || ex is SocketException || ex is ObjectDisposedException || ex is OperationCanceledException)
            {
                // A client that goes away mid-request is not our problem; the validator retries.
            }
        }
    }

    /// <summary>Reads the request head (bounded in size and time) and returns the path of a GET, or null.</summary>
    private async Task<string?> ReadRequestPath(NetworkStream stream)
    {
        var buffer = new byte[MaxRequestBytes];
        int length = 0;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
        timeout.CancelAfter(s_readTimeout);
        while (length < buffer.Length)
        {
            int read = await stream.ReadAsync(buffer, length, buffer.Length - length, timeout.Token).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            length += read;
            if (Encoding.ASCII.GetString(buffer, 0, length).Contains("\r\n\r\n"))
            {
                break;
            }
        }

        string requestLine = Encoding.ASCII.GetString(buffer, 0, length).Split(new[] { "\r\n" }, StringSplitOptions.None)[0];
        string[] parts = requestLine.Split(' ');
        return parts.Length == 3 && parts[0] == "GET" ? parts[1] : null;
    }
}
